import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The examples of README.md and docs/cli.md are the tool's own output. A ```console block holds commands
 * (`$ ` lines) each followed by what it prints (stdout and stderr, as a terminal shows them, without colour);
 * `test/docs-examples.test.ts` runs every command from the repository root with the built `ossproc` on PATH
 * and compares, and `pnpm docs:examples` rewrites the shown outputs (after a change of messages). The
 * commands of ```sh blocks are run too, for their exit code: a command shown in the docs must not be a
 * usage error (2) or unknown (127); those that are the set-up and the test suite itself are named in SKIP.
 */
export const DOC_FILES = ['README.md', 'docs/cli.md'];

/** `sh` commands the test does not run: the set-up and suites that run this very test, and CI recipes. */
export const SKIP = [/^npx -y pnpm@12\.4\.2 (install|test|bench|examples|gen:docs|docs:examples|--filter ossproc package)\b/, /^npm install\b/, /^pnpm /];

export interface ConsoleExample {
  file: string;
  command: string;
  /** The output shown, and where it stands in the file. */
  output: string;
  start: number;
  end: number;
}

const FENCE = /^```(\w*)[^\n]*\n([\s\S]*?)^```$/gm;

export function consoleExamples(file: string, markdown: string): ConsoleExample[] {
  const out: ConsoleExample[] = [];
  for (const m of markdown.matchAll(FENCE)) {
    if (m[1] !== 'console') continue;
    const bodyStart = m.index + m[0].indexOf('\n') + 1;
    const body = m[2]!;
    let offset = 0;
    let current: ConsoleExample | undefined;
    for (const line of body.split(/(?<=\n)/)) {
      if (line.startsWith('$ ')) {
        current = { file, command: line.slice(2).trimEnd(), output: '', start: bodyStart + offset + line.length, end: bodyStart + offset + line.length };
        out.push(current);
      } else if (current) {
        current.output += line;
        current.end += line.length;
      }
      offset += line.length;
    }
  }
  return out;
}

/** The commands of ```sh blocks (comments and blank lines left out). */
export function shellCommands(markdown: string): string[] {
  const out: string[] = [];
  for (const m of markdown.matchAll(FENCE)) if (m[1] === 'sh') for (const l of m[2]!.split('\n')) if (l.trim() && !l.trim().startsWith('#')) out.push(l.replace(/\s+#.*$/, '').trim());
  return out;
}

export interface RunResult {
  code: number;
  output: string;
}

/** Runs a command as the docs show it: bash, the repository root, the built `ossproc` first on PATH, no colour. */
export function runCommand(root: string, command: string): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: [join(root, 'node_modules/.bin'), process.env.PATH].join(delimiter), NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  for (const k of Object.keys(env)) if (k.startsWith('npm_') || k.startsWith('PNPM')) delete env[k];
  // one stream for both, in the order written (pipes are synchronous for Node on Linux), as a terminal shows them
  const r = spawnSync('bash', ['-c', `(${command}) 2>&1`], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, output: r.stdout };
}

/** The file with every console example's output replaced by what the command prints now. */
export function rewrite(root: string, file: string): string {
  const markdown = readFileSync(join(root, file), 'utf8');
  let out = '';
  let at = 0;
  for (const e of consoleExamples(file, markdown)) {
    out += markdown.slice(at, e.start) + runCommand(root, e.command).output;
    at = e.end;
  }
  return out + markdown.slice(at);
}

// `pnpm docs:examples`: rewrite the shown outputs in place
if (process.argv[1]?.endsWith('doc-examples.mjs')) {
  const root = process.cwd();
  for (const file of DOC_FILES) {
    const next = rewrite(root, file);
    if (next !== readFileSync(join(root, file), 'utf8')) {
      writeFileSync(join(root, file), next);
      console.log(`rewrote the examples of ${file}`);
    }
  }
}
