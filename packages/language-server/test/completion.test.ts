import { describe, expect, it } from 'vitest';
import type { CompletionItem } from 'vscode-languageserver';
import { resultText, service, settings, withCursor } from './helpers';

const ls = service();

function complete(marked: string, languageId = 'ossproc', options: { snippets?: boolean } = {}) {
  const { doc, position } = withCursor(marked, languageId);
  const list = (options.snippets === false ? service({ snippets: false }) : ls).doComplete(doc, position, settings());
  return { doc, items: list.items, labels: list.items.map((i) => i.label) };
}

/** Applies the item labelled `label` and returns the document text (the way vscode-json-languageservice tests). */
function apply(marked: string, label: string, languageId = 'ossproc', options: { snippets?: boolean } = {}): string {
  const { doc, items } = complete(marked, languageId, options);
  const item = items.find((i) => i.label === label);
  if (!item) throw new Error(`no item ${label} among ${items.map((i) => i.label).join(', ')}`);
  return resultText(doc, item);
}

function item(items: CompletionItem[], label: string): CompletionItem {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no item ${label}`);
  return found;
}

describe('completion: products', () => {
  it('offers the products at the start, not sys', () => {
    const { labels } = complete('<|>');
    expect(labels).toEqual(expect.arrayContaining(['image', 'video', 'audio', 'doc', 'hls', 'style']));
    expect(labels).not.toContain('sys');
  });

  it('inserts the product with its slash, replacing the word being typed', () => {
    expect(apply('vi<|>', 'video')).toBe('video/');
    expect(apply('vi<|>deo/convert,f_mp4', 'video')).toBe('video/convert,f_mp4');
    expect(apply('img<|>', 'image')).toBe('image/');
  });

  it('offers sys/saveas (a snippet) and sys/notify after |', () => {
    const { labels, items } = complete('video/convert,f_mp4|<|>');
    expect(labels.slice(0, 2)).toEqual(['sys/saveas', 'sys/notify']);
    expect(labels).not.toContain('video');
    expect(item(items, 'sys/saveas').insertTextFormat).toBe(2);
    expect(apply('video/convert,f_mp4|<|>', 'sys/saveas')).toBe('video/convert,f_mp4|sys/saveas,b_YnVja2V0,o_b2JqZWN0');
    expect(apply('video/convert,f_mp4|sy<|>', 'sys/notify')).toBe('video/convert,f_mp4|sys/notify,topic_dG9waWM');
  });
});

describe('completion: actions', () => {
  it('offers the top-level actions of the product, not sub-actions', () => {
    const { labels } = complete('video/<|>');
    expect(labels).toContain('convert');
    expect(labels).toContain('snapshot');
    expect(labels).not.toContain('segment');
  });

  it('fills the required parameters with a snippet', () => {
    const { items } = complete('video/<|>');
    const convert = item(items, 'convert');
    expect(convert.textEdit && 'range' in convert.textEdit ? convert.textEdit.newText : '').toMatch(/^convert,f_\$\{1\|mp4,mkv,[^}]*\|\}$/);
    expect(apply('video/<|>', 'convert')).toBe('video/convert,f_mp4');
    // a bare rotate is rejected (EC 0040-00000216): the snippet leaves the angle's place after the comma
    expect(apply('image/<|>', 'rotate')).toBe('image/rotate,');
    expect(apply('image/<|>', 'circle')).toBe('image/circle,r_');
    expect(apply('image/<|>', 'format')).toBe('image/format,jpg');
  });

  it('without snippet support inserts plain text', () => {
    expect(apply('video/<|>', 'convert', 'ossproc', { snippets: false })).toBe('video/convert,f_');
  });

  it('replaces only the name when parameters follow', () => {
    expect(apply('video/conv<|>,f_mp4', 'convert')).toBe('video/convert,f_mp4');
    expect(apply('video/co<|>nvrt,f_mp4', 'convert')).toBe('video/convert,f_mp4');
  });

  it('offers segment only after convert', () => {
    const after = complete('video/convert,f_ts/<|>').labels;
    expect(after).toContain('segment');
    expect(after).not.toContain('convert');
    expect(apply('video/convert,f_ts/seg<|>', 'segment')).toBe('video/convert,f_ts/segment');
  });

  it('offers notify after saveas, and not saveas again', () => {
    const labels = complete('video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA/<|>').labels;
    expect(labels).toEqual(['notify']);
    expect(apply('video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA/<|>', 'notify')).toBe('video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA/notify,topic_');
  });

  it('offers saveas and notify at the start of a sys stage', () => {
    expect(complete('video/convert,f_mp4|sys/<|>').labels.sort()).toEqual(['notify', 'saveas']);
  });

  it('chains image actions (the catalog examples chain them)', () => {
    const labels = complete('image/resize,w_100/<|>').labels;
    expect(labels).toContain('format');
    expect(labels).toContain('rotate');
  });

  it('offers nothing for an unknown product or a style name', () => {
    expect(complete('vidoe/<|>').labels).toEqual([]);
    expect(complete('style/<|>').labels).toEqual([]);
  });
});

describe('completion: parameter keys', () => {
  it('offers the keys not yet used, required first, with type, range, unit and doc', () => {
    const { items, labels } = complete('video/convert,f_mp4,<|>');
    expect(labels).not.toContain('f');
    expect(labels).toContain('vcodec');
    const fps = item(items, 'fps');
    expect(fps.detail).toBe('fps: number 0–240 fps');
    const doc = typeof fps.documentation === 'object' ? fps.documentation.value : '';
    expect(doc).toContain('The output frame rate.');
    expect(doc).toContain('Range: 0–240');
    expect(doc).toContain('Unit: fps');
    expect(doc).toContain("Default: the source's frame rate");
    const required = [...complete('video/convert,<|>').items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
    expect(required[0]!.label).toBe('f');
  });

  it('inserts key_ and asks for the values of an enum', () => {
    const { items } = complete('video/convert,f_mp4,vc<|>');
    const vcodec = item(items, 'vcodec');
    expect(resultText(complete('video/convert,f_mp4,vc<|>').doc, vcodec)).toBe('video/convert,f_mp4,vcodec_');
    expect(vcodec.command?.command).toBe('editor.action.triggerSuggest');
  });

  it('replaces only the key mid-token, keeping the value', () => {
    expect(apply('video/convert,f_mp4,vco<|>dex_h264', 'vcodec')).toBe('video/convert,f_mp4,vcodec_h264');
  });

  it('excludes keys used after the cursor too', () => {
    expect(complete('video/convert,<|>,f_mp4').labels).not.toContain('f');
  });

  it('offers the keys of segment and of saveas', () => {
    expect(complete('video/convert,f_ts/segment,<|>').labels.sort()).toEqual(['f', 't']);
    expect(complete('video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA,<|>').labels).toEqual(['b']);
  });

  it('offers positional values where they go', () => {
    expect(apply('image/format,<|>', 'webp')).toBe('image/format,webp');
  });
});

describe('completion: values', () => {
  it('offers the enum values with their meaning', () => {
    const { items } = complete('video/convert,f_mp4,vcodec_<|>');
    expect(items.map((i) => i.label)).toEqual(['copy', 'h264', 'h265', 'vp9']);
    expect(item(items, 'h265').detail).toBe('Encode H.265 (HEVC).');
    expect(item(items, 'copy').labelDetails?.description).toBe('default');
    expect(apply('video/convert,f_mp4,vcodec_h2<|>', 'h265')).toBe('video/convert,f_mp4,vcodec_h265');
    expect(apply('video/convert,f_mp4,vcodec_h<|>264,fps_30', 'h265')).toBe('video/convert,f_mp4,vcodec_h265,fps_30');
  });

  it('offers the containers for f_', () => {
    expect(complete('video/convert,f_<|>').labels).toEqual(expect.arrayContaining(['mp4', 'mkv', 'ts', 'mp3']));
  });

  it('offers nothing inside a base64 value', () => {
    expect(complete('video/convert,f_mp4|sys/saveas,o_b3V0<|>Lm1wNA').labels).toEqual([]);
    expect(complete('video/convert,f_mp4|sys/saveas,b_<|>').labels).toEqual([]);
    expect(complete('video/convert,f_mp4|sys/notify,topic_QXVk<|>').labels).toEqual([]);
  });

  it('offers nothing for a number or an unknown key', () => {
    expect(complete('video/convert,f_mp4,fps_<|>').labels).toEqual([]);
    expect(complete('video/convert,f_mp4,nokey_<|>').labels).toEqual([]);
  });
});

describe('completion: documents', () => {
  it('offers nothing on a comment line of an .ossproc file', () => {
    expect(complete('# video/<|>').labels).toEqual([]);
  });

  it('works on any line of an .ossproc file', () => {
    expect(apply('image/resize,w_100\nvideo/convert,f_mp4,vcodec_h2<|>\n', 'h264')).toBe('image/resize,w_100\nvideo/convert,f_mp4,vcodec_h264\n');
  });

  it('works inside a Java string literal, mapping the range back', () => {
    const java = 'class A {\n  String p = "video/convert,f_mp4,vcodec_h2<|>";\n}\n';
    expect(apply(java, 'h265', 'java')).toBe('class A {\n  String p = "video/convert,f_mp4,vcodec_h265";\n}\n');
    expect(apply('class A { String p = "video/convert,f_mp4|<|>"; }', 'sys/saveas', 'java')).toBe('class A { String p = "video/convert,f_mp4|sys/saveas,b_YnVja2V0,o_b2JqZWN0"; }');
  });

  it('maps through escapes before the cursor', () => {
    // \u002C is a comma: the region text is video/convert,f_mp4,vcodec_h2
    const java = 'String p = "video/convert\\u002Cf_mp4,vcodec_h2<|>";';
    expect(apply(java, 'h264', 'java')).toBe('String p = "video/convert\\u002Cf_mp4,vcodec_h264";');
  });

  it('works in Python, Go, TypeScript, JSON and YAML strings and Markdown URLs', () => {
    expect(apply("style = 'video/convert,f_mp4,vcodec_h2<|>'", 'h264', 'python')).toBe("style = 'video/convert,f_mp4,vcodec_h264'");
    expect(apply('p := "video/convert,f_mp4,vcodec_h2<|>"', 'h264', 'go')).toBe('p := "video/convert,f_mp4,vcodec_h264"');
    expect(apply('const p = `video/convert,f_mp4,vcodec_h2<|>`;', 'h264', 'typescript')).toBe('const p = `video/convert,f_mp4,vcodec_h264`;');
    expect(apply('{"process": "video/convert,f_mp4,vcodec_h2<|>"}', 'h264', 'json')).toBe('{"process": "video/convert,f_mp4,vcodec_h264"}');
    expect(apply('process: video/convert,f_mp4,vcodec_h2<|>\n', 'h264', 'yaml')).toBe('process: video/convert,f_mp4,vcodec_h264\n');
    expect(apply('![a](https://b.oss.example.com/a.jpg?x-oss-process=image/resize,m_<|>)', 'lfit', 'markdown')).toBe(
      '![a](https://b.oss.example.com/a.jpg?x-oss-process=image/resize,m_lfit)',
    );
  });

  it('offers nothing outside strings, and nothing for languages not enabled', () => {
    expect(complete('class A { int x = <|>1; String p = "video/convert,f_mp4"; }', 'java').labels).toEqual([]);
    const { doc, position } = withCursor('"video/convert,f_mp4,vcodec_<|>"', 'java');
    expect(ls.doComplete(doc, position, settings({ embeddedLanguages: ['python'] })).items).toEqual([]);
  });

  it('gives every edit a range on the cursor line that holds the cursor', () => {
    const { doc, position } = withCursor('a = "video/convert," + "f_mp4,vco<|>"', 'python');
    for (const i of ls.doComplete(doc, position, settings()).items) {
      const r = i.textEdit && 'range' in i.textEdit ? i.textEdit.range : undefined;
      expect(r).toBeDefined();
      expect(r!.start.line).toBe(position.line);
      expect(r!.start.character).toBeLessThanOrEqual(position.character);
      expect(r!.end.character).toBeGreaterThanOrEqual(position.character);
    }
  });
});
