import { describe, expect, it } from 'vitest';
import { InlayHintKind, type Range } from 'vscode-languageserver';
import { LIMITS } from '../src/service/documents';
import { makeDoc, service, settings } from './helpers';

const ls = service();
const all: Range = { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } };

function hints(text: string, languageId = 'ossproc', s = settings()) {
  const doc = makeDoc(text, languageId);
  return ls.getInlayHints(doc, all, s).map((h) => ({ after: text.slice(0, doc.offsetAt(h.position)).split(/[,/|]/).pop(), label: h.label, kind: h.kind }));
}

describe('inlay hints', () => {
  const text = 'video/convert,ss_10000,t_30000,f_ts,vb_2000000,ab_96000|sys/saveas,b_b3V0YnVja2V0,o_b3V0Lm1wNA/notify,topic_QXVkaW9Db252ZXJ0';

  it('shows the decoded text after b_, o_ and topic_, and units after numbers', () => {
    expect(hints(text)).toEqual([
      { after: 'ss_10000', label: 'ms', kind: InlayHintKind.Type },
      { after: 't_30000', label: 'ms', kind: InlayHintKind.Type },
      { after: 'vb_2000000', label: '= 2 Mbit/s', kind: InlayHintKind.Type },
      { after: 'ab_96000', label: '= 96 kbit/s', kind: InlayHintKind.Type },
      { after: 'b_b3V0YnVja2V0', label: '→ outbucket', kind: undefined },
      { after: 'o_b3V0Lm1wNA', label: '→ out.mp4', kind: undefined },
      { after: 'topic_QXVkaW9Db252ZXJ0', label: '→ AudioConvert', kind: undefined },
    ]);
  });

  it('is configurable: decodedValues, units', () => {
    expect(hints(text, 'ossproc', settings({ inlayHints: { decodedValues: false, units: true } })).map((h) => h.label)).toEqual(['ms', 'ms', '= 2 Mbit/s', '= 96 kbit/s']);
    expect(hints(text, 'ossproc', settings({ inlayHints: { decodedValues: true, units: false } })).map((h) => h.label)).toEqual(['→ outbucket', '→ out.mp4', '→ AudioConvert']);
    expect(hints(text, 'ossproc', settings({ inlayHints: { decodedValues: false, units: false } }))).toEqual([]);
  });

  it('places hints inside string literals, after escapes', () => {
    const java = 'String p = "video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA";';
    const doc = makeDoc(java, 'java');
    const [h] = ls.getInlayHints(doc, all, settings());
    expect(h!.label).toBe('→ out.mp4');
    expect(java.slice(doc.offsetAt(h!.position))).toBe('";');
  });

  it('reads only the requested range, and caps the count', () => {
    const doc = makeDoc(Array.from({ length: 3000 }, () => 'video/convert,f_mp4,t_1000').join('\n'));
    const some = ls.getInlayHints(doc, { start: { line: 10, character: 0 }, end: { line: 12, character: 0 } }, settings());
    expect(some.map((h) => h.position.line)).toEqual([10, 11, 12]);
    expect(ls.getInlayHints(doc, all, settings())).toHaveLength(LIMITS.maxInlayHints);
  });

  it('skips what is not a number or not base64', () => {
    expect(hints('video/convert,f_mp4,t_abc|sys/saveas,o_out.mp4')).toEqual([]);
  });
});
