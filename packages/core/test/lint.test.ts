import { describe, expect, it } from 'vitest';
import { applyEdits, lintDocument } from '../src/index';

describe('lintDocument maps back into the host', () => {
  const java = 'String s = "video/convert,f_mp4,vcodec_h264,fps_241" + ",s_1920x1081";\nString t = "video/convert,f_mp4," + codec + ",fps_30";';
  const found = lintDocument(java, { fileName: 'A.java' }).diagnostics;
  const at = (ruleId: string, text: string) => found.find((d) => d.ruleId === ruleId && java.slice(d.range.start, d.range.end) === text);

  it('ends a range where the last character\'s source ends, not in the next literal', () => {
    expect(at('value-out-of-range', 'fps_241')).toBeDefined();
    expect(at('value-out-of-range', 's_1920x1081')).toBeDefined();
  });

  it('keeps fixes inside the literals, leaving the host code between them alone', () => {
    const [down, up] = at('value-out-of-range', 's_1920x1081')!.fixes!;
    expect(applyEdits(java, down!.edits).split('\n')[0]).toBe('String s = "video/convert,f_mp4,vcodec_h264,fps_241" + ",s_1920x1080";');
    expect(applyEdits(java, up!.edits).split('\n')[0]).toBe('String s = "video/convert,f_mp4,vcodec_h264,fps_241" + ",s_1920x1082";');
  });

  it('does not judge code joined into a string', () => {
    expect(found.filter((d) => d.range.start > java.indexOf('\n')).map((d) => d.ruleId)).toEqual(['ineffective-parameter']);
  });

  it('applies a suppression comment above the string', () => {
    const source = '# ossproc-disable-next-line value-out-of-range\nvideo/convert,f_mp4,vcodec_h264,fps_241\nvideo/convert,f_mp4,vcodec_h264,fps_242\n';
    const result = lintDocument(source);
    expect(result.diagnostics.map((d) => source.slice(d.range.start, d.range.end))).toEqual(['fps_242']);
    expect(result.unusedDirectives).toEqual([]);
  });

  it('reports a suppression that suppresses nothing', () => {
    const source = '# ossproc-disable-next-line value-out-of-range\nvideo/convert,f_mp4\n';
    expect(lintDocument(source).unusedDirectives.map((d) => d.kind)).toEqual(['disable-next-line']);
  });
});
