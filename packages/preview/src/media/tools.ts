import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { PreviewError } from '../request';

/** Where ffmpeg and ffprobe are: `--ffmpeg PATH` names ffmpeg, and ffprobe is looked for beside it. */
export interface Tools {
  ffmpeg: string;
  ffprobe: string;
}

export function resolveTools(ffmpeg?: string): Tools {
  if (!ffmpeg) return { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' };
  const dir = dirname(ffmpeg);
  const probe = ffmpeg.replace(/ffmpeg(\.exe)?$/i, 'ffprobe$1');
  return { ffmpeg, ffprobe: probe !== ffmpeg ? probe : join(dir, 'ffprobe') };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell; a missing program is one clear PreviewError, never a stack trace. */
export function run(program: string, args: readonly string[], options: { signal?: AbortSignal } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(options.signal ? { signal: options.signal } : {}) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let errBytes = 0;
    child.stdout.on('data', (b: Buffer) => out.push(b));
    // keep only the last 64 KB of a chatty stderr
    child.stderr.on('data', (b: Buffer) => {
      err.push(b);
      errBytes += b.length;
      while (errBytes > 65536 && err.length > 1) errBytes -= err.shift()!.length;
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') reject(new PreviewError(`${program} was not found: install ffmpeg (Debian: apt-get install ffmpeg) or pass --ffmpeg PATH`, 'MissingTool'));
      else reject(new PreviewError(`${program}: ${e.message}`, 'InternalError'));
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** POSIX shell quoting, so a printed command can be pasted as it is. */
export function shellQuote(args: readonly string[]): string {
  return args.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

const encoderCache = new Map<string, Promise<Set<string>>>();

/** The encoders this ffmpeg was built with (Debian's has no AMR encoder, for one). */
export function encoders(tools: Tools): Promise<Set<string>> {
  let p = encoderCache.get(tools.ffmpeg);
  if (!p) {
    p = run(tools.ffmpeg, ['-hide_banner', '-encoders']).then((r) => {
      const set = new Set<string>();
      for (const line of r.stdout.split('\n')) {
        const m = /^\s[VAS][F.][S.][X.][B.][D.]\s+(\S+)/.exec(line);
        if (m) set.add(m[1]!);
      }
      return set;
    });
    p.catch(() => encoderCache.delete(tools.ffmpeg));
    encoderCache.set(tools.ffmpeg, p);
  }
  return p;
}

/** The last meaningful lines of ffmpeg's stderr, for a failure message. */
export function lastLines(stderr: string, n = 3): string {
  return stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-n)
    .join('; ');
}
