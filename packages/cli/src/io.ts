import type { Readable, Writable } from 'node:stream';

/** What a command talks to; tests of the built binary see the real ones. */
export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  /** `--debug`: notes about the run on stderr. */
  debug: boolean;
}

export function say(io: Io, line: string): void {
  io.stderr.write(`ossproc: ${line}\n`);
}

export function debugLog(io: Io): (msg: string) => void {
  return io.debug ? (msg) => io.stderr.write(`ossproc: debug: ${msg}\n`) : () => {};
}
