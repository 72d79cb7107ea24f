import { describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver';
import { service, settings, textAt, withCursor } from './helpers';

const ls = service();

function hover(marked: string, languageId = 'ossproc') {
  const { doc, position } = withCursor(marked, languageId);
  const h = ls.doHover(doc, position, settings());
  return h ? { value: (h.contents as MarkupContent).value, range: h.range ? textAt(doc, h.range) : undefined } : null;
}

describe('hover', () => {
  it("shows a parameter's doc, type, range, default and unit", () => {
    const h = hover('video/convert,f_mp4,f<|>ps_30')!;
    expect(h.range).toBe('fps');
    expect(h.value).toContain('**fps** — video/convert');
    expect(h.value).toContain('The output frame rate.');
    expect(h.value).toContain('Type: number');
    expect(h.value).toContain('Range: 0–240');
    expect(h.value).toContain('Unit: fps');
    expect(h.value).toContain("Default: the source's frame rate");
    expect(hover('video/convert,f_mp4,s<|>s_1000')!.value).toContain('Default: `0`');
  });

  it("shows an enum value's meaning", () => {
    const h = hover('video/convert,f_mp4,vcodec_h2<|>65')!;
    expect(h.range).toBe('vcodec_h265');
    expect(h.value).toContain('`vcodec_h265` — Encode H.265 (HEVC).');
    expect(hover('image/format,we<|>bp')!.value).toContain('`webp` — WebP.');
  });

  it('decodes any base64 value: b_, o_, topic_', () => {
    const text = 'video/convert,f_mp4|sys/saveas,b_b3V0YnVj<|>a2V0,o_b3V0Lm1wNA/notify,topic_QXVkaW9Db252ZXJ0';
    expect(hover(text)!.value).toContain('`b_b3V0YnVja2V0` → `outbucket`');
    expect(hover(text.replace('<|>', '').replace('o_b3V0', 'o_b3<|>V0'))!.value).toContain('→ `out.mp4`');
    expect(hover(text.replace('<|>', '').replace('topic_QXVk', 'topic_QX<|>Vk'))!.value).toContain('→ `AudioConvert`');
    expect(hover('video/convert,f_mp4|sys/saveas,o_out.m<|>p4')!.value).toContain('not valid URL-safe base64');
  });

  it("shows an action's and a product's summary", () => {
    const action = hover('video/con<|>vert,f_mp4')!;
    expect(action.range).toBe('convert');
    expect(action.value).toContain('**video/convert** — ');
    expect(action.value).toContain('asynchronous only');
    expect(action.value).toContain('`f_` (required)');
    const product = hover('vi<|>deo/convert,f_mp4')!;
    expect(product.range).toBe('video');
    expect(product.value).toContain('**video** — Video processing');
    expect(hover('video/convert,f_ts/seg<|>ment,f_hls')!.value).toContain('Follows: video/convert');
  });

  it('humanizes a bit rate', () => {
    expect(hover('video/convert,f_mp4,vb_20<|>00000')!.value).toContain('2 Mbit/s');
  });

  it('shows nothing for unknown words and outside strings', () => {
    expect(hover('vidoe/con<|>vert')).toBeNull();
    expect(hover('# video/con<|>vert')).toBeNull();
    expect(hover('int x<|> = 1; String s = "video/convert,f_mp4";', 'java')).toBeNull();
  });

  it('works inside string literals, ranges mapped through escapes', () => {
    const h = hover('String s = "video/convert,f_mp4\\u002Cvcodec_h2<|>65";', 'java')!;
    expect(h.range).toBe('vcodec_h265');
    expect(h.value).toContain('Encode H.265');
    expect(hover("p = 'video/convert,f_mp4|sys/saveas,o_b3V0Lm<|>1wNA'", 'python')!.value).toContain('→ `out.mp4`');
  });
});

describe('hover shows the evidence behind a verdict', () => {
  it('names the finding under the cursor with its evidence and document', () => {
    const h = hover('image/circle,r_50<|>00')!;
    expect(h.value).toContain('error `value-out-of-range` — evidence: **rejected** (https://help.aliyun.com/en/oss/user-guide/0040-00000233)');
    expect(h.value).toContain('Evidence: the service rejects a wrong value (https://help.aliyun.com/en/oss/user-guide/0040-00000233)');
    expect(hover('video/convert,f_avi,vcodec_h2<|>65')!.value).toContain('info `codec-container-doubtful` — evidence: **ffmpeg**');
  });
  it("gives an action's source, and says when its table is incomplete or it is deprecated", () => {
    expect(hover('image/ci<|>rcle,r_50')!.value).toContain('Source: https://www.alibabacloud.com/help/doc-detail/44695.htm');
    expect(hover('image/la<|>bels')!.value).toContain('the documented parameter table could not be read in full');
    expect(hover('imm/detect<|>face')!.value).toContain('warning `deprecated-action` — evidence: **documented**');
  });
});
