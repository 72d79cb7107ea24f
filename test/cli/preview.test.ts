import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ossproc, removeTrees, requireBuiltCli, ROOT } from './helpers';

// `ossproc preview` and `ossproc serve` through the built binary, with real ffmpeg and sharp
let dir: string;
let video: string;
let photo: string;

beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'ossproc-cli-preview-'));
  video = join(dir, 'clip.mkv');
  photo = join(dir, 'photo.png');
  spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=25', '-f', 'lavfi', '-i', 'sine=sample_rate=44100', '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', video]);
  spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=300x200', '-frames:v', '1', photo]);
});

afterAll(() => removeTrees());

describe('ossproc preview', () => {
  it('runs a video string, prints the command and the read-back table', () => {
    const out = join(dir, 'out.mp4');
    const r = ossproc(['preview', 'video/convert,f_mp4,vcodec_h264,s_320x240,fps_10,acodec_aac,ab_64000', video, '-o', out, '--print-command', '--fast']);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`ffmpeg -hide_banner -nostdin -y -loglevel error -i ${video} -map 0:v:0 -c:v libx264 -preset ultrafast -vf scale=320:240,setsar=1 -r 10 -map 0:a:0 -c:a aac -b:a 64000 -f mp4 ${out}`);
    expect(lines[1]).toMatch(/^property\s+asked\s+got$/);
    expect(r.stdout).toMatch(/^resolution\s+320x240 \(stretch\)\s+320x240\s+✓$/m);
    expect(r.stdout).toMatch(/^frame rate\s+10 fps\s+10\s+✓$/m);
    expect(r.stdout).toContain(`wrote ${out}\n`);
    expect(r.code).toBe(0);
  });

  it('--format json gives the checks', () => {
    const r = ossproc(['preview', 'image/resize,w_100', photo, '-o', join(dir, 'small.png'), '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.checks).toEqual([
      { property: 'resolution', asked: '100x67', got: '100x67', ok: true },
      { property: 'format', asked: 'png', got: 'png', ok: true },
    ]);
    expect(j.outputs).toEqual([join(dir, 'small.png')]);
  });

  it('image/info prints the JSON OSS returns', () => {
    const r = ossproc(['preview', 'image/info', photo]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ Format: { value: 'png' }, ImageWidth: { value: '300' } });
  });

  it('--dry-run prints the command and writes nothing', () => {
    const out = join(dir, 'dry.mp3');
    const r = ossproc(['preview', 'video/convert,f_mp3,acodec_mp3,ab_100000,vn_1,sn_1', video, '-o', out, '--dry-run']);
    expect(r.stdout).toBe(`ffmpeg -hide_banner -nostdin -y -loglevel error -i ${video} -vn -map 0:a:0 -c:a libmp3lame -b:a 100000 -sn -f mp3 ${out}\n`);
    expect(existsSync(out)).toBe(false);
    expect(r.code).toBe(0);
  });

  it('refuses a string with errors with the diagnostics lint prints', () => {
    const r = ossproc(['preview', 'video/convert,f_mp4,fps_241', video, '--no-color']);
    const lint = ossproc(['lint', '--stdin', '--no-color'], { input: 'video/convert,f_mp4,fps_241' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('fps_241: fps must be between 0 and 240');
    // the same message, position and rule as lint's report of the same string
    const line = (s: string) => s.split('\n').find((l) => l.includes('fps must be'));
    expect(line(r.stdout)).toBe(line(lint.stdout));
  });

  it('a missing ffmpeg is one line and exit 2', () => {
    const r = ossproc(['preview', 'video/convert,f_mp4', video, '--ffmpeg', '/nonexistent/ffmpeg']);
    expect(r.stderr).toBe('ossproc: /nonexistent/ffprobe was not found: install ffmpeg (Debian: apt-get install ffmpeg) or pass --ffmpeg PATH\n');
    expect(r.code).toBe(2);
  });

  it('an unsupported format is one line and exit 2', () => {
    const r = ossproc(['preview', 'image/format,heic', photo, '-o', join(dir, 'x.heic')]);
    expect(r.stderr).toBe("ossproc: format heic: this sharp's libvips has no HEVC encoder (prebuilt sharp ships AVIF only); use format,avif to preview\n");
    expect(r.code).toBe(2);
  });

  it('a task the string fails on this input exits 1', () => {
    const r = ossproc(['preview', 'video/convert,f_mp4,vcodec_h264,s_640x480,sopt_2', video, '-o', join(dir, 'x.mp4')]);
    expect(r.stderr).toBe('ossproc: the task fails: sopt_2: the source resolution 160x120 is lower than s_640x480, so the task fails\n');
    expect(r.code).toBe(1);
  });

  it('lint does not load the preview engine: the bundle imports it only on demand', () => {
    const bundle = readFileSync(CLI, 'utf8');
    expect(bundle).toContain('import("@ossproc/preview")');
    expect(bundle).not.toMatch(/require\(["']sharp["']\)/);
    expect(bundle).not.toMatch(/require\(["']@ossproc\/preview["']\)/);
  });
});

describe('ossproc serve', () => {
  it('serves a folder on 127.0.0.1 and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', dir, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /at (http:\/\/127\.0\.0\.1:\d+) /.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const r = await fetch(`${url}/photo.png?x-oss-process=image/resize,w_50`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    const bad = await fetch(`${url}/photo.png?x-oss-process=image/resize,w_0`);
    expect(bad.status).toBe(400);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
