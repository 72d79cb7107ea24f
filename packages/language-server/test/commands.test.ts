import { describe, expect, it } from 'vitest';
import { applyEdits, service, settings, withCursor } from './helpers';

const ls = service();

function at(marked: string, languageId = 'ossproc') {
  return withCursor(marked, languageId);
}

describe('commands: explain', () => {
  it('explains the string under the cursor, defaults filled and targets decoded', () => {
    const { doc, position } = at('image/resize,w_100\nvideo/con<|>vert,f_mp4,vcodec_h265|sys/saveas,b_b3V0YnVja2V0,o_b3V0Lm1wNA\n');
    const e = ls.explainAt(doc, position, settings())!;
    expect(e.text).toBe('video/convert,f_mp4,vcodec_h265|sys/saveas,b_b3V0YnVja2V0,o_b3V0Lm1wNA');
    expect(e.markdown).toContain('**Mode:** asynchronous');
    expect(e.markdown).toContain('## 1. video/convert');
    expect(e.markdown).toContain('| `vcodec` | `h265` |');
    expect(e.markdown).toContain('→ `outbucket`');
    expect(e.markdown).toContain('_(default)_');
  });

  it('answers null outside a string', () => {
    const { doc, position } = at('# <|>comment');
    expect(ls.explainAt(doc, position, settings())).toBeNull();
  });
});

describe('commands: decode', () => {
  it('decodes the base64 value under the cursor', () => {
    const { doc, position } = at('String p = "video/convert,f_mp4|sys/saveas,o_b3V0<|>Lm1wNA";', 'java');
    expect(ls.decodeAt(doc, position, settings())).toEqual({ key: 'o', value: 'b3V0Lm1wNA', decoded: 'out.mp4' });
  });

  it('says what is wrong with a value that is not base64, and ignores other values', () => {
    const { doc, position } = at('video/convert,f_mp4|sys/saveas,o_out.m<|>p4');
    expect(ls.decodeAt(doc, position, settings())).toMatchObject({ key: 'o', value: 'out.mp4', problem: expect.any(String) });
    const other = at('video/convert,f_m<|>p4');
    expect(ls.decodeAt(other.doc, other.position, settings())).toBeNull();
  });
});

describe('commands: insert saveas target', () => {
  const insert = (marked: string, bucket: string, object: string, languageId = 'ossproc') => {
    const { doc, position } = at(marked, languageId);
    return applyEdits(doc, [ls.saveasTargetEdit(doc, position, settings(), bucket, object)]);
  };

  it('appends |sys/saveas with the targets encoded', () => {
    expect(insert('video/con<|>vert,f_mp4', 'outbucket', 'out.mp4')).toBe('video/convert,f_mp4|sys/saveas,b_b3V0YnVja2V0,o_b3V0Lm1wNA');
    expect(insert('video/convert,f_mp4<|>', '', 'out/{autoext}')).toBe('video/convert,f_mp4|sys/saveas,o_b3V0L3thdXRvZXh0fQ');
  });

  it('replaces an existing saveas, and goes before a lone notify', () => {
    expect(insert('video/convert,f_mp4|sys/saveas,o_eA<|>', 'b', 'out.mp4')).toBe('video/convert,f_mp4|sys/saveas,b_Yg,o_b3V0Lm1wNA');
    expect(insert('<|>video/convert,f_mp4|sys/notify,topic_dGVzdA', '', 'out.mp4')).toBe('video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA/notify,topic_dGVzdA');
  });

  it('inserts inside the string literal of a host language', () => {
    expect(insert('String p = "video/con<|>vert,f_mp4";', '', 'out.mp4', 'java')).toBe('String p = "video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA";');
  });
});
