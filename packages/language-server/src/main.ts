import { createConnection as connectSocket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { format } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createConnection, IPCMessageReader, IPCMessageWriter, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';
import { startServer, VERSION } from './server';
import { FrameReader, FrameWriter, InitializeGuard, releaseFrames } from './transport';

/**
 * ossproc-language-server: `--stdio`, `--node-ipc`, `--socket=<port>` or `--pipe=<name>`. stdout is the wire of
 * a stdio server, so every log line goes to the connection's console. A malformed frame from the client is
 * logged (stderr and window/logMessage) and ends the process with exit code 1, so that the client restarts it.
 */

const USAGE = `Usage: ossproc-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>

The language server for Alibaba Cloud OSS/IMM processing strings (x-oss-process): diagnostics, completion,
hover, quick fixes and formatting, over the Language Server Protocol. An editor starts it; to try it by
hand, \`ossproc-language-server --stdio\` reads JSON-RPC messages on standard input.

Transports (one is required):
  --stdio                  JSON-RPC over standard input and output
  --node-ipc               over Node's IPC channel (the editor forked this process)
  --socket=<port>          connect to 127.0.0.1:<port> and talk over that socket
  --pipe=<name>            connect to the named pipe or Unix socket <name>

Options:
  --clientProcessId=<pid>  exit when that process has gone
  --version                print the version and exit
  --help, -h               print this help and exit
`;

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (argv.includes('--version')) {
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}

/** The value of `--name=value` or `--name value`. */
function flag(name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i]!.startsWith(`${name}=`)) return argv[i]!.slice(name.length + 1);
  }
  return undefined;
}

function transport(onMalformed: (reason: string) => void): [MessageReader, MessageWriter] | undefined {
  if (argv.includes('--node-ipc')) return [new IPCMessageReader(process), new IPCMessageWriter(process)];
  // (stdout and sockets are Node's own handles: once a write calls back, its bytes are in the kernel)
  const streams = (input: Readable, output: Writable): [MessageReader, MessageWriter] => [new FrameReader(input, onMalformed), new FrameWriter(output, { reuseBuffers: true })];
  if (argv.includes('--stdio')) return streams(process.stdin, process.stdout);
  const port = flag('--socket');
  if (port !== undefined) {
    if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
      process.stderr.write(`ossproc-language-server: --socket expects a port number (1-65535); got '${port}'\n`);
      process.exit(2);
    }
    const socket = connectSocket(Number(port), '127.0.0.1');
    return streams(socket, socket);
  }
  const pipe = flag('--pipe');
  if (pipe) {
    const socket = connectSocket(pipe);
    return streams(socket, socket);
  }
  return undefined;
}

let malformed: ((reason: string) => void) | undefined;
const wire = transport((reason) => malformed?.(reason));
if (!wire) {
  process.stderr.write(`ossproc-language-server: no transport given\n\n${USAGE}`);
  process.exit(2);
}
const [rawReader, writer] = wire;
const reader = new InitializeGuard(rawReader, writer);
const connection = createConnection(reader, writer);

malformed = (reason) => {
  const line = `ossproc-language-server: malformed message from the client: ${reason}; exiting so that the client restarts the server`;
  process.stderr.write(`${line}\n`);
  connection.console.error(line);
  // the log message goes out first (stdout to a pipe is written synchronously; a socket is flushed)
  setImmediate(() => process.exit(1));
};
// the input ended (the client went away): exit as `exit` would, 0 only after `shutdown`
reader.onClose(() => process.exit(reader.shutdownReceived ? 0 : 1));
// the transport failed (a socket refused): nothing more can come
reader.onError((e) => {
  process.stderr.write(`ossproc-language-server: the connection failed: ${e.message}\n`);
  process.exit(1);
});

const to = (level: 'log' | 'info' | 'warn' | 'error') => (...args: unknown[]) => connection.console[level](format(...args));
console.log = to('log');
console.info = to('info');
console.debug = to('log');
console.warn = to('warn');
console.error = to('error');

process.on('uncaughtException', (e) => connection.console.error(`ossproc: uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`ossproc: unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

/**
 * A full GC, shortly after a large document closed (debounced: closing many runs one). V8 would keep the freed
 * heap until it needs it again; an editor's long-lived server should give it back. Node exposes `gc` only
 * with --expose-gc, which may be set at run time for a new context.
 */
function fullGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (options?: object) => void;
    // the last-resort flavour also hands V8's pooled pages back to the system (a plain GC keeps them)
    return () => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  } catch {
    return undefined;
  }
}

const gc = fullGc();
let gcTimer: ReturnType<typeof setTimeout> | undefined;
const releaseMemory = () => {
  // the frame buffers a large document's publishes grew
  releaseFrames();
  if (!gc) return;
  if (gcTimer) clearTimeout(gcTimer);
  gcTimer = setTimeout(() => {
    gcTimer = undefined;
    gc();
  }, 300);
  gcTimer.unref();
};

startServer(connection, { releaseMemory });
/** For tests and bug reports: the process's memory after a full GC (`ossproc/memoryUsage`, no params). */
connection.onRequest('ossproc/memoryUsage', () => {
  gc?.();
  return process.memoryUsage();
});
connection.listen();
