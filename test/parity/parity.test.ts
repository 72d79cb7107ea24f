import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostFormat, languageForFile, LineIndex } from '@ossproc/core';
import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { ossproc, requireBuiltCli, ROOT, type EslintMessage, type EslintResult } from '../cli/helpers';
import { LspClient } from '../lsp/client';
import { GENERATED } from './cases';

/**
 * The CLI and the editor agree by construction (ARCHITECTURE.md): both drive core's one pipeline. This test
 * holds them to it from the outside: the BUILT CLI (`ossproc lint --format json`, and `--fix-dry-run`) and the
 * BUILT language server over stdio see the same files — every file under examples/, the grammar test cases,
 * and generated host files (strings with holes, Markdown URLs, Java text blocks, Python f-strings,
 * suppression comments, presets in JSON/YAML/XML) — and must report the same problems (line, column, end,
 * rule, severity), the same quick fixes and suggestions, and the same "fix all" result.
 */

const ROOT_DIR = mkdtempSync(join(tmpdir(), 'ossproc-parity-'));

interface File {
  rel: string;
  path: string;
  text: string;
  languageId: string;
  preset: boolean;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** A preset file: some of its findings come from the preset's structure (style names, the styles shape). */
function isPreset(path: string, text: string): boolean {
  const lang = languageForFile(path);
  return (lang === 'json' && /"styles"\s*:/.test(text)) || (lang === 'yaml' && /^styles\s*:/m.test(text)) || (lang === 'xml' && /<Style>/.test(text));
}

function collect(): File[] {
  cpSync(join(ROOT, 'examples'), join(ROOT_DIR, 'examples'), { recursive: true });
  const fixtures = join(ROOT_DIR, 'fixtures');
  mkdirSync(fixtures);
  const cases = join(ROOT, 'grammar', 'test', 'cases');
  for (const name of readdirSync(cases)) {
    // the grammar's host fixtures are JavaScript-like and YAML-like text under their own extensions
    const target = name.replace(/\.test\.fixturejs$/, '.test.js').replace(/\.test\.fixtureyaml$/, '.test.yaml');
    if (languageForFile(target)) cpSync(join(cases, name), join(fixtures, target));
  }
  for (const c of GENERATED) {
    const p = join(ROOT_DIR, 'generated', c.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, c.text);
  }
  return walk(ROOT_DIR)
    .filter((p) => languageForFile(p))
    .sort()
    .map((path) => {
      const text = readFileSync(path, 'utf8');
      const lang = languageForFile(path)!;
      return { rel: relative(ROOT_DIR, path), path, text, languageId: hostFormat(lang).languageIds[0] ?? lang, preset: isPreset(path, text) };
    });
}

/** One problem as both faces can state it, in the CLI's terms (1-based, severity 2 error / 1 warning or info). */
function key(m: { line: number; column: number; endLine?: number; endColumn?: number; ruleId: string | null; severity: number; fix?: Fixed; suggestions?: { desc: string; fix: Fixed }[] }): string {
  const fix = (f: Fixed) => `[${f.range[0]},${f.range[1]}]${JSON.stringify(f.text)}`;
  const parts = [`${m.line}:${m.column}-${m.endLine}:${m.endColumn}`, m.ruleId ?? '(fatal)', String(m.severity)];
  if (m.fix) parts.push(`fix ${fix(m.fix)}`);
  for (const s of m.suggestions ?? []) parts.push(`suggest ${JSON.stringify(s.desc)} ${fix(s.fix)}`);
  return parts.join(' ');
}

type Fixed = { range: [number, number]; text: string };

/** A fix's edits as one replacement, as the CLI's JSON gives it (ESLint's shape). */
function merged(text: string, index: LineIndex, edits: TextEdit[]): Fixed {
  const at = (p: { line: number; character: number }) => index.offset(p.line, p.character);
  const sorted = edits.map((e) => ({ start: at(e.range.start), end: at(e.range.end), newText: e.newText })).sort((a, b) => a.start - b.start || a.end - b.end);
  const start = sorted.length ? sorted[0]!.start : 0;
  let end = start;
  let out = '';
  for (const e of sorted) {
    if (e.start < end) continue;
    out += text.slice(end, e.start) + e.newText;
    end = e.end;
  }
  return { range: [start, end], text: out };
}

interface QuickFix {
  title: string;
  certain: boolean;
  edits: TextEdit[];
}

/**
 * A published diagnostic's fixes as a client gets them (the server does not publish them): its quick fixes
 * from textDocument/codeAction, without the suppressions, the preferred one as the certain fix.
 */
async function quickFixes(uri: string, d: LspDiagnostic): Promise<QuickFix[]> {
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
  return actions.filter((a) => !/^Suppress \S+ on this line$/.test(a.title)).map((a) => ({ title: a.title, certain: a.isPreferred === true, edits: a.edit?.changes?.[uri] ?? [] }));
}

function fromLsp(file: File, d: LspDiagnostic, quick: QuickFix[]): string {
  const index = new LineIndex(file.text);
  const fixes = quick.map((f) => ({ ...f, merged: merged(file.text, index, f.edits) }));
  const certain = fixes.find((f) => f.certain);
  const suggestions = fixes.filter((f) => !f.certain).map((f) => ({ desc: f.title, fix: f.merged }));
  return key({
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    ruleId: typeof d.code === 'string' ? d.code : null,
    severity: d.severity === 1 ? 2 : 1,
    ...(certain ? { fix: certain.merged } : {}),
    ...(suggestions.length ? { suggestions } : {}),
  });
}

function applyLspEdits(file: File, edits: TextEdit[]): string {
  const index = new LineIndex(file.text);
  const sorted = edits.map((e) => ({ start: index.offset(e.range.start.line, e.range.start.character), end: index.offset(e.range.end.line, e.range.end.character), newText: e.newText })).sort((a, b) => b.start - a.start);
  let out = file.text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

const files = collect();
const cli = new Map<string, EslintMessage[]>();
const cliFixed = new Map<string, string | undefined>();
const editor = new Map<string, string[]>();
const editorFixed = new Map<string, string | undefined>();
let client: LspClient;

function runCli(args: string[]): EslintResult[] {
  const r = ossproc(['lint', '--format', 'json', ...args, ...files.map((f) => f.rel)], { cwd: ROOT_DIR });
  expect([0, 1], r.stderr).toContain(r.code);
  return JSON.parse(r.stdout) as EslintResult[];
}

beforeAll(async () => {
  requireBuiltCli();
  const byPath = (r: EslintResult) => relative(ROOT_DIR, r.filePath.startsWith('/') ? r.filePath : join(ROOT_DIR, r.filePath));
  for (const r of runCli([])) cli.set(byPath(r), r.messages);
  for (const r of runCli(['--fix-dry-run'])) cliFixed.set(byPath(r), r.output);

  client = await LspClient.start({ settings: {} });
  for (const f of files) {
    const uri = pathToFileURL(f.path).href;
    await client.open(uri, f.languageId, f.text);
    const published = await client.diagnosticsFor(uri);
    const found: string[] = [];
    for (const d of published.diagnostics) {
      // nothing but what a client shows travels with a diagnostic
      expect(Object.keys(d.data ?? {}).filter((k) => k !== 'evidence' && k !== 'source')).toEqual([]);
      found.push(fromLsp(f, d, await quickFixes(uri, d)));
    }
    editor.set(f.rel, found);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.ossproc'] },
    });
    const edits = actions.find((a) => a.kind === 'source.fixAll.ossproc')?.edit?.changes?.[uri];
    editorFixed.set(f.rel, edits?.length ? applyLspEdits(f, edits) : undefined);
    await client.close(uri);
  }
}, 120_000);

afterAll(async () => {
  await client?.stop();
  rmSync(ROOT_DIR, { recursive: true, force: true });
});

describe('the CLI and the editor report the same problems and fixes', () => {
  it('covers the examples, the grammar cases and the generated host files', () => {
    expect(cli.get('generated/presets.json')!.map((m) => m.ruleId)).toContain('invalid-style-name');
    const rels = files.map((f) => f.rel);
    for (const must of ['examples/broken/upload.ts', 'examples/sdk/Demo.java', 'examples/broken/guide.md', 'fixtures/examples.test.ossproc', 'fixtures/injection.test.js', 'generated/holes.js']) expect(rels).toContain(must);
    expect(files.length).toBeGreaterThanOrEqual(30);
    // the cases that once told the faces apart hold findings, so agreeing on them means something
    expect(cli.get('generated/holes.js')!.map((m) => m.ruleId)).toContain('mutually-exclusive');
    expect(cli.get('generated/urls.md')!.some((m) => m.ruleId === 'unknown-action' && m.line === 3)).toBe(true);
  });

  for (const f of files) {
    const name = `${f.rel} (${f.languageId})`;
    it(f.preset ? `${name}: preset structure` : name, () => {
      const fromCli = (cli.get(f.rel) ?? []).map((m) => key(m)).sort();
      expect(editor.get(f.rel)!.slice().sort()).toEqual(fromCli);
      expect(editorFixed.get(f.rel)).toEqual(cliFixed.get(f.rel));
    });
  }
});
