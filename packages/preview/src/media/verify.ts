import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Expectation, SegmentPlan } from './plan';
import type { MediaInfo } from './probe';

/** One row of the read-back table: a property, what the string asked, what ffprobe found. */
export interface Check {
  property: string;
  asked: string;
  got: string;
  ok: boolean;
}

function show(v: string | number | null | undefined): string {
  if (v === null) return 'none';
  if (v === undefined) return '?';
  return typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : v;
}

export function compare(expect: readonly Expectation[], out: MediaInfo): Check[] {
  return expect.map((e) => {
    const got = e.read(out);
    let ok: boolean;
    if (e.value === null) ok = got === null || got === undefined;
    else if (typeof e.value === 'number' && typeof got === 'number') {
      const t = e.tolerance;
      if (t?.max) ok = got <= e.value;
      else if (t?.rel !== undefined) ok = Math.abs(got - e.value) <= e.value * t.rel;
      else ok = Math.abs(got - e.value) <= (t?.abs ?? 0);
    } else ok = got === e.value;
    return { property: e.property, asked: e.asked, got: show(e.property === 'video bitrate' || e.property === 'audio bitrate' || e.property === 'max video bitrate' ? kbit(got) : got), ok };
  });
}

function kbit(v: string | number | null | undefined): string | number | null | undefined {
  return typeof v === 'number' ? `${Math.round(v / 1000)} kbit/s` : v;
}

/** The segments an HLS playlist lists (each with its length) or the files a DASH manifest's names give. */
export function checkSegments(seg: SegmentPlan, playlist: string, duration: number): { checks: Check[]; files: string[] } {
  const dir = dirname(playlist);
  const checks: Check[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.startsWith(seg.prefix))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const expected = Math.max(1, Math.ceil(duration / seg.seconds - 1e-3));
  if (seg.format === 'hls') {
    const text = readFileSync(playlist, 'utf8');
    const lengths: number[] = [];
    const listed: string[] = [];
    for (const line of text.split(/\r?\n/)) {
      const m = /^#EXTINF:([\d.]+)/.exec(line);
      if (m) lengths.push(Number(m[1]));
      else if (line && !line.startsWith('#')) listed.push(line.trim());
    }
    const missing = listed.filter((f) => !existsSync(join(dir, f)));
    checks.push({ property: 'segments', asked: `${expected} of ${seg.seconds} s`, got: `${listed.length}${missing.length ? ` (missing: ${missing.join(', ')})` : ''}`, ok: listed.length === expected && missing.length === 0 });
    // every segment but the last is as long as asked (to a frame); the last holds the rest
    const tol = 0.05;
    const bad = lengths.filter((d, i) => (i < lengths.length - 1 ? Math.abs(d - seg.seconds) > tol + 0.05 : d > seg.seconds + tol + 0.05));
    checks.push({ property: 'segment length', asked: `${seg.seconds} s`, got: lengths.map((d) => `${d}`).join(', ') || 'none', ok: lengths.length > 0 && bad.length === 0 });
  } else {
    const media = files.filter((f) => f.includes('-chunk-'));
    const init = files.filter((f) => f.includes('-init-'));
    const streams = Math.max(1, init.length);
    checks.push({ property: 'segments', asked: `${expected} of ${seg.seconds} s per stream`, got: `${media.length / streams} per stream (${init.length} init)`, ok: media.length === expected * streams && init.length > 0 });
  }
  return { checks, files };
}
