/**
 * Loads the grammars into a real TextMate engine (vscode-textmate + the Oniguruma WASM build that VS Code
 * uses) and turns a document into `[text, scopes]` pairs, so tests can assert every token of a line exactly.
 *
 * vscode-textmate and vscode-oniguruma are devDependencies of the `test/` workspace package, so they are
 * resolved from there; every path is relative to this file, never absolute.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The few parts of the vscode-textmate / vscode-oniguruma APIs used here.
interface IToken {
  startIndex: number;
  endIndex: number;
  scopes: string[];
}
interface ITokenizeLineResult {
  tokens: IToken[];
  ruleStack: unknown;
}
interface IGrammar {
  tokenizeLine(lineText: string, prevState: unknown): ITokenizeLineResult;
}
interface Registry {
  loadGrammar(scopeName: string): Promise<IGrammar | null>;
}
interface VscodeTextmate {
  INITIAL: unknown;
  parseRawGrammar(content: string, filePath?: string): unknown;
  Registry: new (options: {
    onigLib: Promise<unknown>;
    loadGrammar(scopeName: string): Promise<unknown>;
    getInjections?(scopeName: string): string[] | undefined;
  }) => Registry;
}
interface VscodeOniguruma {
  loadWASM(data: ArrayBuffer | Uint8Array): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (s: string) => unknown;
}

const requireFromTestPackage = createRequire(new URL('../../test/package.json', import.meta.url));
const vsctm = requireFromTestPackage('vscode-textmate') as VscodeTextmate;
const oniguruma = requireFromTestPackage('vscode-oniguruma') as VscodeOniguruma;

/** Path of a file in grammar/ (e.g. `ossproc.tmLanguage.json`, `test/fixtures/…`). */
export const grammarPath = (relative: string): string => fileURLToPath(new URL(`../${relative}`, import.meta.url));

/** The grammar files this package ships, plus the fixture hosts that stand in for JS/TS and YAML. */
export const GRAMMARS: Record<string, string> = {
  'source.ossproc': grammarPath('ossproc.tmLanguage.json'),
  'inline.ossproc.injection': grammarPath('ossproc-injection.tmLanguage.json'),
  'source.fixturejs': grammarPath('test/fixtures/fixturejs.tmLanguage.json'),
  'source.fixtureyaml': grammarPath('test/fixtures/fixtureyaml.tmLanguage.json'),
};

/** The host scopes the injection grammar is injected into (the extension lists the real ones in `injectTo`). */
const INJECT_INTO = new Set(['source.fixturejs', 'source.fixtureyaml']);

// vscode-oniguruma is a CommonJS singleton that refuses a second loadWASM; the require cache can outlive a
// vitest module graph, so the promise is kept on globalThis.
const ONIG_KEY = Symbol.for('ossproc.grammar.test.onig');
function onigLib(): Promise<unknown> {
  const g = globalThis as unknown as Record<symbol, Promise<unknown> | undefined>;
  g[ONIG_KEY] ??= (async () => {
    const wasm = readFileSync(requireFromTestPackage.resolve('vscode-oniguruma/release/onig.wasm'));
    try {
      await oniguruma.loadWASM(wasm);
    } catch (e) {
      // already loaded by an earlier module graph in this process
      if (!/once/i.test(String(e))) throw e;
    }
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return g[ONIG_KEY];
}

let registry: Registry | undefined;
function getRegistry(): Registry {
  registry ??= new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName) => {
      const path = GRAMMARS[scopeName];
      return path ? vsctm.parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
    getInjections: (scopeName) => (INJECT_INTO.has(scopeName) ? ['inline.ossproc.injection'] : undefined),
  });
  return registry;
}

export async function loadGrammar(scopeName: string): Promise<IGrammar> {
  const grammar = await getRegistry().loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  return grammar;
}

/** A token: its text and its scopes below the root scope, space-separated ('' when only the root applies). */
export type Tok = [text: string, scopes: string];

/** Tokenizes a document line by line (carrying the rule stack) and returns the tokens of each line. */
export async function tokenizeLines(scopeName: string, text: string): Promise<Tok[][]> {
  const grammar = await loadGrammar(scopeName);
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    const toks: Tok[] = result.tokens
      .map((t): Tok => [line.slice(t.startIndex, t.endIndex), t.scopes.slice(1).join(' ')])
      .filter((t) => t[0] !== '');
    // the tokens cover the line exactly, in order
    if (toks.map((t) => t[0]).join('') !== line) throw new Error(`tokens do not cover the line: ${line}`);
    return toks;
  });
}

/** Tokenizes a single line. */
export async function tokenizeLine(scopeName: string, line: string): Promise<Tok[]> {
  const [toks] = await tokenizeLines(scopeName, line);
  return toks!;
}

/** The ossproc scopes the tests expect, named once for both grammars' tests. */
export const PREFIX = 'keyword.other.prefix.ossproc';
export const ASSIGN = 'keyword.operator.assignment.ossproc';
export const PRODUCT = 'entity.name.namespace.ossproc';
export const ACTION = 'entity.name.function.ossproc';
export const KEY = 'variable.parameter.ossproc';
export const KV = 'punctuation.separator.key-value.ossproc';
export const COMMA = 'punctuation.separator.parameter.ossproc';
export const SLASH = 'punctuation.separator.action.ossproc';
export const PIPE = 'punctuation.separator.stage.ossproc';
export const NUM = 'constant.numeric.ossproc';
export const ENUM = 'constant.language.ossproc';
export const B64 = 'string.unquoted.base64.ossproc';
export const STR = 'string.unquoted.ossproc';
export const BAD_CHAR = 'invalid.illegal.character.ossproc';
export const ESC = 'constant.character.escape.ossproc';
