import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Scenarios run the BUILT binary (packages/cli/dist/ossproc.cjs) as a subprocess in temporary fixture trees
 * and check its exit code and output, as Spectral's test-harness does. `pnpm test` builds first.
 */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'packages', 'cli', 'dist', 'ossproc.cjs');
export const BIN = join(ROOT, 'packages', 'cli', 'bin', 'ossproc.cjs');

export function requireBuiltCli(): void {
  if (!existsSync(CLI)) {
    throw new Error(`The CLI is not built: ${CLI} is missing. Run \`pnpm --filter @ossproc/cli build\` (\`pnpm test\` builds everything first).`);
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  timeout?: number;
}

/** A clean environment: no colour settings leak in from the caller's terminal or CI. */
function environment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function ossproc(args: readonly string[], opts: RunOptions = {}): RunResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    env: environment(opts.env),
    encoding: 'utf8',
    timeout: opts.timeout ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  fix?: { range: [number, number]; text: string };
  suggestions?: { desc: string; fix: { range: [number, number]; text: string } }[];
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  output?: string;
}

/** Runs with `--format json` and parses the report. */
export function lintJson(args: readonly string[], opts: RunOptions = {}): RunResult & { results: EslintResult[] } {
  const r = ossproc(['lint', '--format', 'json', ...args], opts);
  let results: EslintResult[];
  try {
    results = JSON.parse(r.stdout) as EslintResult[];
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n--- stderr ---\n${r.stderr}`);
  }
  return { ...r, results };
}

const trees: string[] = [];

/** A temporary directory holding `files` (path → text or bytes; a `{ symlink }` makes a link). */
export function tree(files: Record<string, string | Buffer | { symlink: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ossproc-cli-'));
  trees.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof content === 'object' && !Buffer.isBuffer(content)) symlinkSync(content.symlink, path);
    else writeFileSync(path, content);
  }
  return dir;
}

export function removeTrees(): void {
  for (const d of trees.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** The messages of one file of a report, by a path suffix. */
export function fileResult(results: EslintResult[], suffix: string): EslintResult {
  const r = results.find((x) => x.filePath.endsWith(suffix));
  if (!r) throw new Error(`no result for ${suffix}; files: ${results.map((x) => x.filePath).join(', ')}`);
  return r;
}

export function ruleIds(r: EslintResult): (string | null)[] {
  return r.messages.map((m) => m.ruleId);
}

/** A line that must never appear: a stack trace. */
export const STACK = /\n\s+at .+:\d+:\d+\)?/;
