/**
 * The host formats ossproc reads processing strings from, listed once. Everything else is derived from or
 * tested against this table: core's file-name and language-id lookups, the comment syntax of a suppression
 * quick fix, the fences Markdown hands to another scanner, the CLI's directory walk, the language server's
 * default `embeddedLanguages`, and the VS Code extension's manifest (activation events, the setting's
 * default, the grammar injection's `injectTo`), which test/hosts.test.ts holds to this table.
 * Adding a format: see ARCHITECTURE.md, "Adding a host format".
 */
export interface HostFormat {
  id: string;
  /** File name extensions, lower case, without the dot. */
  extensions: readonly string[];
  /** VS Code / LSP language ids the editor serves by default (activation events, `ossproc.embeddedLanguages`). */
  languageIds: readonly string[];
  /** Further language ids that mean this format when a user adds them to `ossproc.embeddedLanguages`. */
  otherLanguageIds?: readonly string[];
  /** Names of a Markdown code fence (```py) whose content is scanned as this format. */
  fences?: readonly string[];
  /** The line comment a suppression directive is written in. */
  comment: '#' | '//' | '<!--';
  /** The extensions `ossproc lint <directory>` picks up (files of the others are linted when named or globbed). */
  walked?: readonly string[];
  /** TextMate scopes the string-literal grammar injection goes into. */
  injectTo?: readonly string[];
}

export const HOST_FORMATS = [
  { id: 'ossproc', extensions: ['ossproc'], languageIds: ['ossproc'], fences: ['ossproc'], comment: '#', walked: ['ossproc'] },
  { id: 'java', extensions: ['java'], languageIds: ['java'], fences: ['java'], comment: '//', injectTo: ['source.java'] },
  { id: 'python', extensions: ['py', 'pyi', 'pyw'], languageIds: ['python'], fences: ['python', 'py', 'python3'], comment: '#', injectTo: ['source.python'] },
  { id: 'go', extensions: ['go'], languageIds: ['go'], fences: ['go', 'golang'], comment: '//', injectTo: ['source.go'] },
  {
    id: 'javascript',
    extensions: ['js', 'mjs', 'cjs', 'jsx'],
    languageIds: ['javascript', 'javascriptreact'],
    fences: ['javascript', 'js', 'jsx', 'mjs', 'cjs', 'node'],
    comment: '//',
    injectTo: ['source.js'],
  },
  {
    id: 'typescript',
    extensions: ['ts', 'tsx', 'mts', 'cts'],
    languageIds: ['typescript', 'typescriptreact'],
    fences: ['typescript', 'ts', 'tsx'],
    comment: '//',
    injectTo: ['source.ts', 'source.tsx'],
  },
  {
    id: 'json',
    extensions: ['json', 'jsonc', 'code-workspace'],
    languageIds: ['json', 'jsonc'],
    otherLanguageIds: ['jsonl'],
    fences: ['json', 'jsonc'],
    comment: '//',
    walked: ['json'],
    injectTo: ['source.json'],
  },
  {
    id: 'yaml',
    extensions: ['yaml', 'yml'],
    languageIds: ['yaml'],
    otherLanguageIds: ['github-actions-workflow', 'dockercompose'],
    fences: ['yaml', 'yml'],
    comment: '#',
    walked: ['yaml', 'yml'],
    injectTo: ['source.yaml'],
  },
  { id: 'markdown', extensions: ['md', 'markdown', 'mdx'], languageIds: ['markdown'], otherLanguageIds: ['mdx'], comment: '<!--' },
  { id: 'html', extensions: ['html', 'htm', 'xhtml', 'vue', 'svelte'], languageIds: ['html'], otherLanguageIds: ['vue', 'svelte'], fences: ['html', 'vue'], comment: '<!--' },
  { id: 'xml', extensions: ['xml'], languageIds: ['xml'], fences: ['xml'], comment: '<!--', walked: ['xml'] },
  // plain text is read when named, never by default: every log file would be searched
  { id: 'text', extensions: ['txt', 'text', 'log'], languageIds: [], otherLanguageIds: ['plaintext', 'text'], comment: '#' },
] as const satisfies readonly HostFormat[];

export type HostLanguage = (typeof HOST_FORMATS)[number]['id'];

const BY_ID = new Map<string, HostFormat>(HOST_FORMATS.map((f) => [f.id, f]));

export function hostFormat(language: HostLanguage): HostFormat {
  return BY_ID.get(language)!;
}

function index(pick: (f: HostFormat) => readonly string[] | undefined): Map<string, HostLanguage> {
  const out = new Map<string, HostLanguage>();
  for (const f of HOST_FORMATS as readonly HostFormat[]) for (const k of pick(f) ?? []) out.set(k, f.id as HostLanguage);
  return out;
}

const BY_EXTENSION = index((f) => f.extensions);
const BY_LANGUAGE_ID = index((f) => [...f.languageIds, ...(f.otherLanguageIds ?? [])]);
const BY_FENCE = index((f) => f.fences);

/** The host language of a file by its name (path allowed); undefined when ossproc does not read it. */
export function languageForFile(fileName: string): HostLanguage | undefined {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 && !(dot === 0 && base.length > 1)) return undefined;
  return BY_EXTENSION.get(base.slice(dot + 1).toLowerCase());
}

/** The host language for an LSP / VS Code language id. */
export function languageFromId(languageId: string): HostLanguage | undefined {
  return BY_LANGUAGE_ID.get(languageId);
}

/** The host language a Markdown fence's info string names ("java", "py", "ts {title}"), if scanned. */
export function languageForFence(info: string): HostLanguage | undefined {
  return BY_FENCE.get(info.split(/[\s{,]/)[0]!.toLowerCase());
}

/** The language ids the editor serves by default (besides `ossproc`, which it always serves). */
export function editorLanguageIds(): string[] {
  return HOST_FORMATS.flatMap((f) => (f.id === 'ossproc' ? [] : [...f.languageIds]));
}

/** The file extensions a directory walk picks up. */
export function walkedExtensions(): string[] {
  return (HOST_FORMATS as readonly HostFormat[]).flatMap((f) => [...(f.walked ?? [])]);
}
