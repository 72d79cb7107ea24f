import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { editorLanguageIds, extractRegions, HOST_FORMATS, languageForFile, languageFromId, suppressionEdit, walkedExtensions, type HostLanguage } from '@ossproc/core';
import { DEFAULT_EMBEDDED_LANGUAGES } from '../packages/language-server/src/service/settings';
import { WALK_EXTENSIONS } from '../packages/cli/src/files/discover';

/**
 * The host formats are listed once, in core (embed/hosts.ts). What cannot import that list (the extension's
 * manifest and client, which hold no language logic) is held to it here, so the lists cannot drift: adding a
 * format to core fails this test until the manifest says the same.
 */
const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const manifest = JSON.parse(read('../extension/package.json')) as {
  activationEvents: string[];
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } | { properties: Record<string, { default?: unknown }> }[]; grammars: { scopeName: string; injectTo?: string[] }[] };
};
const configuration = (() => {
  const c = manifest.contributes.configuration;
  return Object.assign({}, ...(Array.isArray(c) ? c : [c]).map((x) => x.properties)) as Record<string, { default?: unknown }>;
})();

describe('the host formats are listed once', () => {
  const served = editorLanguageIds();

  it('the editor serves by default what core lists, and nothing else', () => {
    expect(served).toContain('xml');
    expect(served).not.toContain('ossproc');
    expect([...DEFAULT_EMBEDDED_LANGUAGES]).toEqual(served);
    expect(configuration['ossproc.embeddedLanguages']!.default).toEqual(served);
  });

  it("the extension activates on exactly those languages", () => {
    const onLanguage = manifest.activationEvents.filter((e) => e.startsWith('onLanguage:')).map((e) => e.slice('onLanguage:'.length));
    expect(onLanguage).toEqual(served);
  });

  it("the extension's client hands those languages to the server", () => {
    const source = read('../extension/src/client.ts');
    const list = /const HOST_LANGUAGES = \[([^\]]*)\]/.exec(source)?.[1];
    expect(list, 'extension/src/client.ts declares HOST_LANGUAGES').toBeDefined();
    expect([...list!.matchAll(/'([^']+)'/g)].map((m) => m[1])).toEqual(served);
  });

  it('the grammar injection goes into the scopes core lists', () => {
    const injection = manifest.contributes.grammars.find((g) => g.scopeName === 'inline.ossproc.injection');
    expect(injection?.injectTo).toEqual(HOST_FORMATS.flatMap((f) => ('injectTo' in f ? [...f.injectTo] : [])));
  });

  it('a directory walk takes the extensions core marks walked', () => {
    expect(WALK_EXTENSIONS).toEqual(['ossproc', 'json', 'yaml', 'yml', 'xml']);
    expect(WALK_EXTENSIONS).toEqual(walkedExtensions());
  });

  it.each(HOST_FORMATS.map((f) => [f.id, f] as const))('%s: file names, language ids and the suppression comment come from its entry', (id, f) => {
    for (const ext of f.extensions) expect(languageForFile(`dir/a.${ext.toUpperCase()}`)).toBe(id);
    for (const lang of [...f.languageIds, ...('otherLanguageIds' in f ? f.otherLanguageIds : [])]) expect(languageFromId(lang)).toBe(id);
    const edit = suppressionEdit('x\n', id as HostLanguage, 0, 'unknown-action');
    const expected = { '#': '# ossproc-disable-next-line unknown-action\n', '//': '// ossproc-disable-next-line unknown-action\n', '<!--': '<!-- ossproc-disable-next-line unknown-action -->\n' }[f.comment];
    expect(edit.newText).toBe(expected);
    // every format has a scanner that runs on any text
    expect(() => extractRegions('image/resize,w_1 "image/resize,w_1" ?x-oss-process=image/resize,w_1', id as HostLanguage)).not.toThrow();
  });

  it('a Markdown fence names a format by its fences', () => {
    const md = '```py\nu = "image/resize,w_1"  # ossproc-disable-line\n```\n';
    const regions = extractRegions(md, 'markdown');
    expect(regions.map((r) => r.text)).toEqual(['image/resize,w_1']);
    // the suppression quick fix inside the fence uses Python's comment
    expect(suppressionEdit(md, 'markdown', md.indexOf('image'), 'x').newText).toBe('# ossproc-disable-next-line x\n');
  });
});
