import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Small media made with ffmpeg's lavfi sources: fast to make and to encode on two shared cores. */
export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `ossproc-${name}-`));
}

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * 2 s of testsrc at `size`@`rate` with noise (so rate control has something to spend bits on), H.264 +
 * AAC stereo 44100 Hz at 128 kbit/s, and a SubRip subtitle track; in Matroska.
 */
export function makeVideo(dir: string, name: string, opts: { size?: string; rate?: number; seconds?: number } = {}): string {
  const file = join(dir, name);
  const srt = join(dir, `${name}.srt`);
  writeFileSync(srt, '1\n00:00:00,000 --> 00:00:00,200\nhello\n\n');
  const seconds = String(opts.seconds ?? 2);
  ffmpeg([
    '-f', 'lavfi', '-i', `testsrc=size=${opts.size ?? '160x120'}:rate=${opts.rate ?? 25},noise=alls=30:allf=t`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100',
    '-i', srt,
    '-map', '0:v', '-map', '1:a', '-map', '2:s',
    '-t', seconds, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-pix_fmt', 'yuv420p', '-g', '25',
    '-c:a', 'aac', '-ac', '2', '-b:a', '128k', '-c:s', 'srt', file,
  ]);
  return file;
}
