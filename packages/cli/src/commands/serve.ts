import { resolve } from 'node:path';
import { bool, parseArgs, str, type FlagSpecs } from '../args';
import { FatalError, UsageError } from '../errors';
import type { Io } from '../io';
import { loadPreview } from './preview';

export const SERVE_HELP = `Usage: ossproc serve <dir> [--port 8787] [--styles <file>] [options]

Serves a folder as a local bucket for development and tests:
  GET  /<key>                                   the object
  GET  /<key>?x-oss-process=image/...           the processed image (video/snapshot too), with its Content-Type
  GET  /<key>?x-oss-process=style/<name>        a style from --styles
  POST /<key>  x-oss-async-process=video/convert,...|sys/saveas,...   (in the body or the query)
                                                runs the task in the background, writes its target into <dir>
                                                (a b_ bucket is a subfolder); answers TaskId, RequestId, EventId
  POST /<key>  x-oss-process=image/...|sys/saveas,...   processes and saves synchronously
  GET  /?x-oss-task=<TaskId>                    the task's State (Ready, Running, Succeeded, Failed) and targets
An invalid string is answered 400 with the diagnostics as JSON. Keys never lead outside <dir>.

Options:
  --port <n>                     Port (default 8787; 0 picks a free one)
  --host <address>               Address to bind (default 127.0.0.1)
  --styles <file>                Styles: JSON/YAML {"styles": {name: string}} or OSS style XML
  --ffmpeg <path>                The ffmpeg binary (ffprobe is looked for beside it)
  --fast                         Faster encoder presets for tasks
  --concurrency <n>              Synchronous requests processed at once (default 4)
  -h, --help                     Show this help
Documentation: docs/preview.md
`;

const FLAGS: FlagSpecs = {
  port: { type: 'string', value: 'number' },
  host: { type: 'string', value: 'address' },
  styles: { type: 'string', value: 'file' },
  ffmpeg: { type: 'string', value: 'path' },
  fast: { type: 'boolean' },
  concurrency: { type: 'string', value: 'number' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

function count(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}; got '${value}'`);
  return n;
}

/** `ossproc serve DIR`: runs until SIGINT or SIGTERM, then closes and exits 0. */
export async function serveCommand(argv: readonly string[], io: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS, 'serve');
  if (bool(flags, 'help')) {
    io.stdout.write(SERVE_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`serve takes one folder (got ${positionals.length} arguments), e.g. ossproc serve ./bucket`);
  const port = count(str(flags, 'port'), 'port', 8787, 0, 65535);
  const concurrency = count(str(flags, 'concurrency'), 'concurrency', 4, 1, 64);
  const p = await loadPreview();
  const root = resolve(io.cwd, positionals[0]!);
  const stylesFile = str(flags, 'styles');
  const ffmpeg = str(flags, 'ffmpeg');
  let server;
  try {
    server = await p.createServer({
      root,
      port,
      concurrency,
      host: str(flags, 'host') ?? '127.0.0.1',
      ...(stylesFile ? { styles: p.readStyles(resolve(io.cwd, stylesFile)) } : {}),
      ...(ffmpeg ? { ffmpeg } : {}),
      ...(bool(flags, 'fast') ? { fast: true } : {}),
      log: (line) => io.stderr.write(`ossproc: ${line}\n`),
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') throw new FatalError(`port ${port} is in use; pick another with --port`);
    if (err.code === 'ENOENT') throw new FatalError(`${positionals[0]}: no such folder`);
    if (e instanceof p.PreviewError) throw new FatalError(e.message);
    throw e;
  }
  io.stdout.write(`ossproc: serving ${root} at ${server.url} (Ctrl-C stops)\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
