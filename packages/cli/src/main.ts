import { isMainThread, workerData } from 'node:worker_threads';
import { explainCommand } from './commands/explain';
import { fmtCommand } from './commands/fmt';
import { initCommand } from './commands/init';
import { lintCommand } from './commands/lint';
import { rulesCommand } from './commands/rules';
import { closest, FatalError, UsageError } from './errors';
import { isGlobPattern } from './files/discover';
import { MAIN_HELP } from './help';
import type { Io } from './io';
import { serveChecks } from './lint/pool';
import { outputErrorMessage } from './output';
import { VERSION } from './version';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';

/**
 * The `ossproc` binary. The same bundle is the check worker of large files (see lint/pool.ts). Every error
 * ends here as one line on stderr and exit code 2; a stack trace only with --debug.
 */
const COMMANDS: Record<string, (argv: readonly string[], io: Io) => Promise<number>> = {
  lint: lintCommand,
  explain: explainCommand,
  fmt: fmtCommand,
  init: initCommand,
  rules: rulesCommand,
  // loaded on first use, so that lint never parses them (they load @ossproc/preview: sharp, ffmpeg)
  preview: (argv, io) => import('./commands/preview').then((m) => m.previewCommand(argv, io)),
  serve: (argv, io) => import('./commands/serve').then((m) => m.serveCommand(argv, io)),
};

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    if (first === 'help' && argv[1] && COMMANDS[argv[1]]) return COMMANDS[argv[1]]!(['--help'], io);
    io.stdout.write(MAIN_HELP);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[first];
  if (command) return command(argv.slice(1), io);
  // `ossproc presets/` and `ossproc --stdin` mean lint, as with ESLint
  if (first.startsWith('-') || existsSync(resolve(io.cwd, first)) || isGlobPattern(first)) return lintCommand(argv, io);
  const hint = closest(first, Object.keys(COMMANDS));
  throw new UsageError(`unknown command '${first}'${hint ? ` (did you mean '${hint}'?)` : ''}, and no file or directory of that name; commands: ${Object.keys(COMMANDS).join(', ')}`);
}

function report(err: unknown, debug: boolean): number {
  if (err instanceof UsageError || err instanceof FatalError) {
    process.stderr.write(`ossproc: ${err.message}\n`);
    if (err instanceof UsageError) process.stderr.write(`ossproc: see 'ossproc --help'\n`);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return 2;
  }
  const e = err as Error;
  process.stderr.write(`ossproc: internal error: ${e?.message ?? String(err)}${debug ? '' : ' (run with --debug for the stack trace)'}\n`);
  if (debug) process.stderr.write(`${e?.stack ?? ''}\n`);
  return 2;
}

/**
 * V8 lets its heap grow to up to 4× what is live before a full collection. A run keeps little alive (core's
 * check memo, a batch of lines) and makes garbage at a steady rate, so on a million lines that rule alone held
 * some 300 MB of RSS for 50 MB of live objects; growing by half keeps the peak near 150 MB at the same speed.
 * The flag has the same meaning in the V8 of every Node the CLI runs on (20, 22, 24).
 */
const HEAP_GROWING = '--heap-growing-percent=50';

function start(): void {
  setFlagsFromString(HEAP_GROWING);
  const argv = process.argv.slice(2);
  const debug = argv.includes('--debug');
  const fail = (err: unknown) => {
    process.exitCode = report(err, debug);
  };
  process.on('uncaughtException', (err) => {
    fail(err);
    process.exit();
  });
  process.on('unhandledRejection', (err) => {
    fail(err);
    process.exit();
  });
  // a reader that went away (`ossproc lint | head`): stop quietly; the report was not delivered, so 2.
  // Any other failure (a full disk) is said once: the writes after it would fail the same way.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') process.stderr.write(`ossproc: ${outputErrorMessage(err)}\n`);
    process.exit(2);
  });
  const io: Io = { cwd: process.cwd(), env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, debug };
  main(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => fail(err),
  );
}

if (!isMainThread && (workerData as { ossprocCheckWorker?: boolean } | undefined)?.ossprocCheckWorker) serveChecks();
else start();
