import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, closeSync, copyFileSync, existsSync, linkSync, lstatSync, openSync, readdirSync, readlinkSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { CLI, fileResult, lintJson, ossproc, removeTrees, requireBuiltCli, STACK, tree } from './helpers';

/**
 * `--fix` and `fmt` write files back without losing anything (cli/src/files/write.ts), on real files through
 * the built binary: through symbolic links, keeping hard links and modes, refusing read-only files and
 * directories in one line, skipping a file changed on disk since it was read, and leaving no temporary file
 * after SIGINT or SIGTERM. Races are made deterministic with OSSPROC_TEST_STOP_BEFORE_WRITE: the binary stops
 * itself (SIGSTOP) just before it commits a write; the test changes the file or sends a signal, then SIGCONT.
 */

const BROKEN = 'video/covert,f_mp4\n';
const FIXED = 'video/convert,f_mp4\n';
const UNFORMATTED = '  image/resize,w_100  \n';
const FORMATTED = 'image/resize,w_100\n';
const isRoot = process.getuid?.() === 0;
const linux = process.platform === 'linux';

beforeAll(() => requireBuiltCli());
afterAll(() => removeTrees());

/** Files beside the real ones that a write left behind. */
function leftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));
}

function start(args: string[], cwd: string, env: Record<string, string> = {}): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Polls until the process has stopped itself (state T in /proc). */
async function stopped(pid: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('T')) return;
    if (Date.now() > deadline) throw new Error('the binary never reached its write');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Runs the binary up to the moment before it writes `file`, lets `meanwhile` act, then lets it go on. */
async function interrupted(args: string[], cwd: string, meanwhile: (pid: number) => void) {
  const run = start(args, cwd, { OSSPROC_TEST_STOP_BEFORE_WRITE: '1' });
  await stopped(run.child.pid!);
  meanwhile(run.child.pid!);
  process.kill(run.child.pid!, 'SIGCONT');
  return run.done;
}

describe('symbolic links', () => {
  it('lint --fix writes the target of a link and says so; the link stays a link', () => {
    const cwd = tree({ 'real/t.ossproc': BROKEN, 'real/p.json': '{"a": "video/covert,f_mp4"}\n', 'link.ossproc': { symlink: 'real/t.ossproc' }, 'link.json': { symlink: 'real/p.json' } });
    const r = ossproc(['lint', '--fix', 'link.ossproc', 'link.json'], { cwd });
    expect(r.code).toBe(0);
    expect(lstatSync(join(cwd, 'link.ossproc')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(cwd, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(cwd, 'real/t.ossproc'), 'utf8')).toBe(FIXED);
    expect(readFileSync(join(cwd, 'real/p.json'), 'utf8')).toBe('{"a": "video/convert,f_mp4"}\n');
    expect(r.stderr).toBe(['ossproc: link.ossproc is a symbolic link: fixed its target, real/t.ossproc', 'ossproc: link.json is a symbolic link: fixed its target, real/p.json', 'ossproc: fixed 2 problems in 2 files', ''].join('\n'));
    expect(leftovers(cwd)).toEqual([]);
  });

  it('fmt writes the target of a link and says so', () => {
    const cwd = tree({ 'real/t.ossproc': UNFORMATTED, 'link.ossproc': { symlink: 'real/t.ossproc' } });
    const r = ossproc(['fmt', 'link.ossproc'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('link.ossproc\n');
    expect(r.stderr).toBe('ossproc: link.ossproc is a symbolic link: formatted its target, real/t.ossproc\n');
    expect(lstatSync(join(cwd, 'link.ossproc')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(cwd, 'real/t.ossproc'), 'utf8')).toBe(FORMATTED);
  });
});

describe('hard links and modes', () => {
  it('a file with two names is written in place: both names see the fix, the inode is the same', () => {
    const cwd = tree({ 'a.ossproc': BROKEN, 'b.json': '{"a": "video/covert,f_mp4"}' });
    linkSync(join(cwd, 'a.ossproc'), join(cwd, 'other-name.ossproc'));
    linkSync(join(cwd, 'b.json'), join(cwd, 'other-name.json'));
    const inode = statSync(join(cwd, 'a.ossproc')).ino;
    const r = ossproc(['lint', '--fix', 'a.ossproc', 'b.json'], { cwd });
    expect(r.code).toBe(0);
    expect(statSync(join(cwd, 'a.ossproc')).ino).toBe(inode);
    expect(statSync(join(cwd, 'a.ossproc')).nlink).toBe(2);
    expect(readFileSync(join(cwd, 'other-name.ossproc'), 'utf8')).toBe(FIXED);
    expect(readFileSync(join(cwd, 'other-name.json'), 'utf8')).toBe('{"a": "video/convert,f_mp4"}');
    expect(leftovers(cwd)).toEqual([]);
  });

  it('fmt keeps hard links too', () => {
    const cwd = tree({ 'a.ossproc': UNFORMATTED });
    linkSync(join(cwd, 'a.ossproc'), join(cwd, 'b.ossproc'));
    expect(ossproc(['fmt', 'a.ossproc'], { cwd }).code).toBe(0);
    expect(readFileSync(join(cwd, 'b.ossproc'), 'utf8')).toBe(FORMATTED);
    expect(statSync(join(cwd, 'a.ossproc')).ino).toBe(statSync(join(cwd, 'b.ossproc')).ino);
  });

  it.each([0o644, 0o755, 0o600])('mode %o is kept by lint --fix and fmt', (mode) => {
    const cwd = tree({ 'a.ossproc': BROKEN, 'b.yaml': 'a: video/covert,f_mp4\n', 'c.ossproc': UNFORMATTED });
    for (const f of ['a.ossproc', 'b.yaml', 'c.ossproc']) chmodSync(join(cwd, f), mode);
    expect(ossproc(['lint', '--fix', 'a.ossproc', 'b.yaml'], { cwd }).code).toBe(0);
    expect(ossproc(['fmt', 'c.ossproc'], { cwd }).code).toBe(0);
    expect(readFileSync(join(cwd, 'a.ossproc'), 'utf8')).toBe(FIXED);
    expect(readFileSync(join(cwd, 'b.yaml'), 'utf8')).toBe('a: video/convert,f_mp4\n');
    expect(readFileSync(join(cwd, 'c.ossproc'), 'utf8')).toBe(FORMATTED);
    for (const f of ['a.ossproc', 'b.yaml', 'c.ossproc']) expect(statSync(join(cwd, f)).mode & 0o7777).toBe(mode);
  });
});

describe('files that may not be written', () => {
  it('a read-only file (0444) is not fixed, even by root: one line, its problems reported, exit 2', () => {
    const cwd = tree({ 'a.ossproc': BROKEN, 'b.json': '{"a": "video/covert,f_mp4"}', 'clean.ossproc': FORMATTED });
    for (const f of ['a.ossproc', 'b.json', 'clean.ossproc']) chmodSync(join(cwd, f), 0o444);
    const r = lintJson(['a.ossproc', 'b.json', 'clean.ossproc', '--fix'], { cwd });
    expect(r.code).toBe(2);
    for (const f of ['a.ossproc', 'b.json']) {
      const res = fileResult(r.results, f);
      expect(res.messages.map((m) => [m.ruleId, m.message])).toEqual([
        ['unknown-action', "video has no action 'covert': did you mean 'convert'?"],
        [null, 'not fixed: the file is read-only (mode 0444)'],
      ]);
    }
    // nothing to fix: nothing to say
    expect(fileResult(r.results, 'clean.ossproc').messages).toEqual([]);
    expect(readFileSync(join(cwd, 'a.ossproc'), 'utf8')).toBe(BROKEN);
    expect(statSync(join(cwd, 'a.ossproc')).mode & 0o777).toBe(0o444);
    expect(r.stderr).toBe('ossproc: fixed 0 problems in 0 files\n');
  });

  it('fmt refuses a read-only file in one line', () => {
    const cwd = tree({ 'a.ossproc': UNFORMATTED });
    chmodSync(join(cwd, 'a.ossproc'), 0o444);
    const r = ossproc(['fmt', 'a.ossproc'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('ossproc: a.ossproc: not formatted: the file is read-only (mode 0444)\n');
    expect(readFileSync(join(cwd, 'a.ossproc'), 'utf8')).toBe(UNFORMATTED);
  });

  // root writes any directory: run the binary as an unprivileged user then
  it.skipIf(!linux)('in a read-only directory: one clear line (not "internal error", not "cannot read file")', () => {
    const cwd = tree({ 'ro/a.ossproc': BROKEN, 'ro/b.json': '{"a": "video/covert,f_mp4"}', 'ro/c.ossproc': UNFORMATTED });
    chmodSync(cwd, 0o755);
    for (const f of ['a.ossproc', 'b.json', 'c.ossproc']) chmodSync(join(cwd, 'ro', f), 0o666);
    chmodSync(join(cwd, 'ro'), 0o555);
    const as = isRoot ? { uid: 65534, gid: 65534 } : {};
    // run as nobody, the CLI and Node must be reachable by nobody: the checkout may sit under a 0700 directory
    const cli = join(cwd, 'ossproc.cjs');
    copyFileSync(CLI, cli);
    const node = isRoot && existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;
    const run = (args: string[]) => spawnSync(node, [cli, ...args], { cwd: join(cwd, 'ro'), encoding: 'utf8', ...as });
    onTestFinished(() => chmodSync(join(cwd, 'ro'), 0o755));
    const lint = run(['lint', '--fix', '-f', 'json', 'a.ossproc', 'b.json']);
    expect(lint.status).toBe(2);
    const results = JSON.parse(lint.stdout) as Parameters<typeof fileResult>[0];
    for (const f of ['a.ossproc', 'b.json']) {
      expect(fileResult(results, f).messages.map((m) => m.message)).toEqual([
        "video has no action 'covert': did you mean 'convert'?",
        'not fixed: no permission to create a file in its directory (the new text is written to a temporary file there, then renamed over the file)',
      ]);
    }
    const fmt = run(['fmt', 'c.ossproc']);
    expect(fmt.status).toBe(2);
    expect(fmt.stderr).toBe('ossproc: c.ossproc: not formatted: no permission to create a file in its directory (the new text is written to a temporary file there, then renamed over the file)\n');
    expect(readFileSync(join(cwd, 'ro/a.ossproc'), 'utf8')).toBe(BROKEN);
    expect(readFileSync(join(cwd, 'ro/c.ossproc'), 'utf8')).toBe(UNFORMATTED);
    expect(lint.stderr + fmt.stderr).not.toMatch(/internal error|cannot read/);
  });
});

describe.skipIf(!linux)('races and signals', () => {
  it('lint --fix: a line appended while the file was being fixed survives; the file is skipped and reported', async () => {
    const cwd = tree({ 'a.ossproc': BROKEN.repeat(2000) });
    const r = await interrupted(['lint', '--fix', 'a.ossproc'], cwd, () => appendFileSync(join(cwd, 'a.ossproc'), '# X\n'));
    expect(r.code).toBe(1);
    expect(readFileSync(join(cwd, 'a.ossproc'), 'utf8')).toBe(`${BROKEN.repeat(2000)}# X\n`);
    expect(r.stderr).toBe('ossproc: warning: a.ossproc was not fixed: it changed on disk while ossproc was working on it; its new content is kept (run ossproc --fix again)\nossproc: fixed 0 problems in 0 files\n');
    expect(leftovers(cwd)).toEqual([]);
  });

  it('a change of the same size (the same mtime tick) is seen in the bytes', async () => {
    const cwd = tree({ 'a.json': '{"a": "video/covert,f_mp4"}' });
    const path = join(cwd, 'a.json');
    const times = join(cwd, 'times');
    writeFileSync(times, '');
    spawnSync('touch', ['-r', path, times]);
    const r = await interrupted(['lint', '--fix', 'a.json'], cwd, () => {
      writeFileSync(path, '{"b": "video/covert,f_mp4"}');
      // the same size, the same inode, and the mtime put back to the nanosecond: only the bytes differ
      spawnSync('touch', ['-r', times, path]);
    });
    expect(r.code).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe('{"b": "video/covert,f_mp4"}');
    expect(r.stderr).toContain('a.json was not fixed: it changed on disk');
  });

  it('fmt: a change made meanwhile survives', async () => {
    const cwd = tree({ 'a.ossproc': UNFORMATTED });
    const r = await interrupted(['fmt', 'a.ossproc'], cwd, () => writeFileSync(join(cwd, 'a.ossproc'), 'theirs\n'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('ossproc: warning: a.ossproc was not formatted: it changed on disk while ossproc was working on it; its new content is kept (run ossproc fmt again)\n');
    expect(readFileSync(join(cwd, 'a.ossproc'), 'utf8')).toBe('theirs\n');
  });

  it.each([
    { signal: 'SIGINT', code: 130, command: 'lint --fix a.ossproc' },
    { signal: 'SIGTERM', code: 143, command: 'lint --fix a.ossproc' },
    { signal: 'SIGINT', code: 130, command: 'fmt a.ossproc' },
    { signal: 'SIGTERM', code: 143, command: 'lint --fix b.json' },
  ] as const)('$signal during `$command` leaves no temporary file and exits $code', async ({ signal, code, command }) => {
    const args = command.split(' ');
    const cwd = tree({ 'a.ossproc': `${UNFORMATTED}${BROKEN}`.repeat(1000), 'b.json': '{"a": "video/covert,f_mp4"}' });
    let during: string[] = [];
    const r = await interrupted([...args], cwd, (pid) => {
      during = leftovers(cwd);
      process.kill(pid, signal);
    });
    // the temporary file was there when the signal came, and is gone
    expect(during).toHaveLength(1);
    expect(leftovers(cwd)).toEqual([]);
    expect(r.code).toBe(code);
    expect(readFileSync(join(cwd, 'a.ossproc'), 'utf8')).toBe(`${UNFORMATTED}${BROKEN}`.repeat(1000));
    expect(r.stderr).not.toMatch(STACK);
  });
});

describe('bounded readers', () => {
  it('lint /dev/zero stops at once: one fatal message, exit 2', () => {
    const t = Date.now();
    const r = lintJson(['/dev/zero'], { timeout: 20_000 });
    expect(r.code).toBe(2);
    expect(r.results[0]!.messages.map((m) => m.message)).toEqual(['binary file (it contains NUL bytes; ossproc reads UTF-8 text, and UTF-16 files must be converted)']);
    expect(Date.now() - t).toBeLessThan(10_000);
  });

  it('lint --stdin < /dev/zero and fmt --stdin < /dev/zero stop at once', () => {
    for (const [args, out] of [
      [['lint', '--stdin', '-f', 'json'], 'stdout'],
      [['fmt', '--stdin'], 'stderr'],
    ] as const) {
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" ${args.join(' ')} < /dev/zero`], { encoding: 'utf8', timeout: 20_000 });
      expect(r.status).toBe(2);
      expect(r[out]).toContain('binary file (it contains NUL bytes');
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  it('a line longer than 1 MiB is one fatal message with its line, for a file, stdin and fmt', () => {
    const long = `image/resize,w_100\n${'a'.repeat(1.5 * 1024 * 1024)}\nimage/resize,w_1\n`;
    const cwd = tree({ 'long.ossproc': long });
    const message = 'a line is longer than 1 MiB; ossproc checks lines (one processing string each) up to 1 MiB';
    const file = lintJson(['long.ossproc'], { cwd });
    expect(file.code).toBe(2);
    expect(file.results[0]!.messages.map((m) => [m.message, m.line])).toEqual([[message, 2]]);
    // the binary stops reading at the bound, so stdin comes from the file (a pipe would see EPIPE)
    const stdin = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" lint --stdin -f json < long.ossproc`], { cwd, encoding: 'utf8' });
    expect(stdin.status).toBe(2);
    expect((JSON.parse(stdin.stdout) as { messages: { message: string; line: number }[] }[])[0]!.messages.map((m) => [m.message, m.line])).toEqual([[message, 2]]);
    const fmt = ossproc(['fmt', 'long.ossproc'], { cwd });
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toBe(`ossproc: long.ossproc: ${message} (line 2)\n`);
    expect(readFileSync(join(cwd, 'long.ossproc'), 'utf8')).toBe(long);
  });

  it.skipIf(!linux)('an endless line on stdin stops after the bound, without reading it all', () => {
    // `yes` writes for ever: the run must end by itself
    const r = spawnSync('sh', ['-c', `yes aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | tr -d '\\n' | "${process.execPath}" "${CLI}" lint --stdin -f json`], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect((JSON.parse(r.stdout) as { messages: { message: string }[] }[])[0]!.messages[0]!.message).toMatch(/^a line is longer than 1 MiB/);
  });

  it('a JSON file larger than 64 MiB is refused in one line without reading it', () => {
    const cwd = tree({});
    const big = join(cwd, 'big.json');
    writeFileSync(big, '');
    // a sparse file: the size is known before a byte is read
    spawnSync('truncate', ['-s', '100M', big]);
    const r = lintJson(['big.json'], { cwd });
    expect(r.code).toBe(2);
    expect(r.results[0]!.messages.map((m) => m.message)).toEqual(['file too large: 100 MiB; ossproc reads files of this kind up to 64 MiB (a .ossproc file has no bound: it is streamed)']);
  });

  it.skipIf(!linux)('a FIFO named on the command line does not block: without a writer it is reported, with one it is read', async () => {
    const cwd = tree({});
    const fifo = join(cwd, 'p.ossproc');
    spawnSync('mkfifo', [fifo]);
    const alone = lintJson(['p.ossproc'], { cwd, timeout: 20_000 });
    expect(alone.code).toBe(2);
    expect(alone.results[0]!.messages.map((m) => m.message)).toEqual(['cannot read file: it is a named pipe (FIFO) and nothing is writing to it; skipped (pipe the text to --stdin instead)']);
    // a writer holding the pipe open (O_RDWR does not wait for a reader), a line in it
    const fd = openSync(fifo, 'r+');
    writeFileSync(fd, 'video/convert,f_mp5\n');
    const run = start(['lint', '-f', 'json', 'p.ossproc'], cwd);
    // once the binary holds the pipe, the writer closes it: the end of its text
    const deadline = Date.now() + 20_000;
    const holds = () => {
      try {
        return readdirSync(`/proc/${run.child.pid}/fd`).some((f) => {
          try {
            return readlinkSync(`/proc/${run.child.pid}/fd/${f}`) === fifo;
          } catch {
            return false;
          }
        });
      } catch {
        return true; // it has already ended
      }
    };
    while (!holds() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    closeSync(fd);
    const r = await run.done;
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[])[0]!.messages.map((m) => m.ruleId)).toEqual(['unknown-value']);
  });

  it.skipIf(!existsSync('/dev/full'))('a full disk on stdout is said once, exit 2', () => {
    const cwd = tree({ 'many.ossproc': BROKEN.repeat(5000) });
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" lint many.ossproc > /dev/full`], { cwd, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('ossproc: cannot write the report to standard output: no space left on the device (ENOSPC)\n');
  });

  it.skipIf(!existsSync('/dev/full'))('a full disk for -o is said once, exit 2', () => {
    const cwd = tree({ 'many.ossproc': BROKEN.repeat(5000) });
    const r = ossproc(['lint', 'many.ossproc', '-o', '/dev/full'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ossproc: cannot write the report to /dev/full: no space left on the device (ENOSPC)\n');
  });
});
