import { describe, expect, it } from 'vitest';
import { service, settings, withCursor } from './helpers';

const ls = service();

function help(marked: string, languageId = 'ossproc') {
  const { doc, position } = withCursor(marked, languageId);
  const h = ls.getSignatureHelp(doc, position, settings());
  if (!h) return null;
  const sig = h.signatures[0]!;
  const param = (i: number | null | undefined) => {
    if (i === null || i === undefined) return null;
    const label = sig.parameters![i]!.label as [number, number];
    return sig.label.slice(label[0], label[1]);
  };
  return { label: sig.label, active: param(h.activeParameter) };
}

describe('signature help', () => {
  it("shows the action's parameters with the one being written active", () => {
    const h = help('video/convert,f_mp4,vcodec_h2<|>')!;
    expect(h.label.startsWith('video/convert,ss_,t_,f_,vn_,vcodec_,')).toBe(true);
    expect(h.active).toBe('vcodec_');
    expect(help('video/convert,f<|>')!.active).toBe('f_');
    expect(help('video/convert,f_mp4,<|>')!.active).toBeNull();
  });

  it('highlights positional values', () => {
    const h = help('image/rotate,9<|>')!;
    expect(h.label).toBe('image/rotate,<angle>');
    expect(h.active).toBe('<angle>');
  });

  it('follows sub-actions and sys actions', () => {
    expect(help('video/convert,f_ts/segment,t_<|>')!.label).toBe('video/segment,f_,t_');
    expect(help('video/convert,f_mp4|sys/saveas,o_b3V0<|>')!.active).toBe('o_');
  });

  it('is silent on products, action names, unknown actions and in other languages', () => {
    expect(help('vid<|>eo/convert')).toBeNull();
    expect(help('video/conv<|>ert')).toBeNull();
    expect(help('video/nope,a_<|>')).toBeNull();
    expect(help('String s = "video/convert,f_<|>";', 'java')).toBeNull();
  });
});
