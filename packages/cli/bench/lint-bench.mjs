// Benchmark of `ossproc lint` on a large .ossproc file, run as a subprocess of the built CLI.
//
//   node packages/cli/bench/lint-bench.mjs [lines] [--format stylish|json]   (default 1,000,000 lines)
//
// `benchLint({ lines })` writes a seed-like .ossproc file (the three requests of the video transcoding page,
// the SDK samples' style strings and image strings, every line with its own values and object key so that
// no two lines are alike; 10% of the lines carry a realistic mistake; a comment line now and then) to a
// temporary directory and measures one `ossproc lint` run over it: wall time, and peak RSS (of the process
// tree's main process, from `/usr/bin/time -f %M` when installed, else by polling /proc/<pid>/status VmHWM).
// `benchLint({ lines: 1 })` is the cold start. The report goes to /dev/null: the figure is the linter's,
// not the terminal's. Budgets: 1M lines ≤ 10 s and ≤ 300 MB; cold start ≤ 0.3 s. `runCliBench()` prints all
// of it for the root runner (`pnpm bench`), with a raw scan of the same file as the baseline.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const CLI = resolve(here, '..', 'dist', 'ossproc.cjs');

/** A small deterministic PRNG (mulberry32), so every run lints the same file. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const b64 = (s) => Buffer.from(s).toString('base64url');
const BUCKET = b64('outbucket');

/** The generator of one line: valid (90%) or with one mistake (10%). */
export function makeLine(i, rnd) {
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const key = b64(`outobjprefix/${i}.{autoext}`);
  const sizes = ['1920x1080', '1280x720', '854x480', '3840x2160', '640x360'];
  const valid = [
    () => `x-oss-async-process=video/convert,f_mp4,vcodec_h265,s_${pick(sizes)},vb_${100000 * (5 + Math.floor(rnd() * 50))},fps_${pick([24, 25, 30, 50, 60])},acodec_aac,ab_${pick([64000, 96000, 100000, 128000])},sn_1|sys/saveas,b_${BUCKET},o_${key}`,
    () => `x-oss-async-process=video/convert,ss_${1000 * Math.floor(rnd() * 60)},t_60000,f_ts,vcodec_h264,vb_${100000 * (5 + Math.floor(rnd() * 30))},acodec_mp3,ab_100000/segment,f_hls,t_${pick([10000, 20000, 30000])}|sys/saveas,b_${BUCKET},o_${key}/notify,topic_QXVkaW9Db252ZXJ0`,
    () => `x-oss-async-process=video/convert,f_mp3,acodec_mp3,ab_${pick([64000, 100000, 128000])},vn_1,sn_1|sys/saveas,b_${BUCKET},o_${key}`,
    () => `video/convert,f_mkv,vcodec_h265,s_${pick(sizes)},vb_2000000,fps_30,acodec_aac,ab_100000,sn_1|sys/saveas,o_${key}`,
    () => `image/resize,m_lfit,w_${100 + Math.floor(rnd() * 900)},h_${100 + Math.floor(rnd() * 900)}/rotate,${pick([90, 180, 270])}/format,webp`,
    () => `image/resize,p_${10 + Math.floor(rnd() * 90)}/quality,q_${50 + Math.floor(rnd() * 50)}`,
  ];
  const broken = [
    () => `video/convert,f_mp4,vcodec_h264,fps_241|sys/saveas,o_${key}`,
    () => `video/convert,f_mp4,vcodex_h264,s_1280x720|sys/saveas,o_${key}`,
    () => `video/convert,f_mp5,vcodec_h264|sys/saveas,o_${key}`,
    () => `video/convert,f_mp4,vcodec_h264,s_1921x1080|sys/saveas,o_${key}`,
    () => `video/convert,f_mp4,vcodec_h264|sys/saveas,o_outobjprefix${i}.mp4`,
    () => `x-oss-process=video/convert,f_mp4,vcodec_h264|sys/saveas,o_${key}`,
    () => `x-oss-async-process=video/convert,f_mp4,vcodec_h264,acodec_aac,aq_80,ab_128000|sys/saveas,o_${key}`,
    () => `video/convert,f_mp3,acodec_mp3,ab_100000|sys/saveas,o_${key}`,
    () => `image/resize,,w_${100 + (i % 900)}`,
    () => `vidoe/convert,f_mp4|sys/saveas,o_${key}`,
  ];
  if (i % 97 === 96) return `# presets batch ${(i + 1) / 97}`;
  return rnd() < 0.1 ? pick(broken)() : pick(valid)();
}

export async function writeSeedLikeFile(path, lines, seed = 42) {
  const rnd = prng(seed);
  const out = createWriteStream(path);
  let buf = '';
  for (let i = 0; i < lines; i++) {
    buf += makeLine(i, rnd) + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'close');
}

function hasGnuTime() {
  if (!existsSync('/usr/bin/time')) return false;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /^\d+\s*$/m.test(r.stderr);
}

/** Runs `node <cli> lint <file> <args>`; resolves to { seconds, peakRssMB, status }. */
async function measure(file, args) {
  const node = process.execPath;
  const argv = [CLI, 'lint', file, ...args];
  const started = process.hrtime.bigint();
  if (hasGnuTime()) {
    const child = spawn('/usr/bin/time', ['-f', '%M', node, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const [status] = await once(child, 'exit');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const kb = Number(err.trim().split('\n').pop());
    return { seconds, peakRssMB: kb / 1024, status };
  }
  const child = spawn(node, argv, { stdio: ['ignore', 'ignore', 'ignore'] });
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]));
    } catch {
      // the process has ended
    }
  }, 20);
  const [status] = await once(child, 'exit');
  clearInterval(poll);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMB: peak / 1024, status };
}

/**
 * Lints a generated file of `lines` lines once; returns { lines, seconds, peakRssMB }. Options: `format`
 * (default stylish), `args` (more CLI arguments), `keep` (do not delete the temporary directory).
 */
export async function benchLint({ lines = 1_000_000, format = 'stylish', args = [], keep = false } = {}) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm --filter @ossproc/cli build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'ossproc-bench-'));
  try {
    const file = join(dir, 'presets.ossproc');
    await writeSeedLikeFile(file, lines);
    const r = await measure(file, ['--format', format, ...args]);
    if (r.status !== 0 && r.status !== 1) throw new Error(`ossproc lint exited with ${r.status}`);
    return { lines, bytes: statSync(file).size, seconds: round(r.seconds), peakRssMB: round(r.peakRssMB) };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** Cold start: the median of `runs` one-line runs. */
export async function benchColdStart({ runs = 7 } = {}) {
  const times = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const r = await benchLint({ lines: 1 });
    times.push(r.seconds);
    rss = Math.max(rss, r.peakRssMB);
  }
  times.sort((a, b) => a - b);
  return { lines: 1, seconds: times[Math.floor(times.length / 2)], peakRssMB: rss, runs };
}

/** Wall time of `node ...args` (a baseline or a peer run over the same file). */
function measureNode(args, what) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${what} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The floor of a pass over the file: a Node subprocess that reads it and counts line breaks (raw scan). */
function measureRawScan(file) {
  const script = `let n=0;const s=require('fs').createReadStream(process.argv[1],{highWaterMark:1<<18});s.on('data',b=>{for(let i=b.indexOf(10);i>=0;i=b.indexOf(10,i+1))n++});s.on('end',()=>process.stdout.write(String(n)))`;
  return measureNode(['-e', script, file], 'raw scan');
}

/** The floor of starting Node at all: the median of `node -e 0`. */
function measureNodeStart(runs = 7) {
  const times = Array.from({ length: runs }, () => measureNode(['-e', '0'], 'node -e 0')).sort((a, b) => a - b);
  return times[runs >> 1];
}

/**
 * For the root bench runner (test/bench/run.mjs): cold start, then 1,000,000 lines (stylish and json), each
 * against the budget and as a ratio to a raw scan of the same file measured in the same run.
 */
export async function runCliBench({ lines = 1_000_000, peer } = {}) {
  const cold = await benchColdStart();
  const start = measureNodeStart();
  const coldRatio = cold.seconds / start;
  console.log(`cold start (one line)              ${cold.seconds.toFixed(3)} s   peak RSS ${cold.peakRssMB.toFixed(0)} MB   ${coldRatio.toFixed(1)}× node -e 0   budget ≤ 3×: ${coldRatio <= 3 ? 'OK' : 'OVER BUDGET'}`);
  const dir = mkdtempSync(join(tmpdir(), 'ossproc-bench-'));
  try {
    const file = join(dir, 'presets.ossproc');
    await writeSeedLikeFile(file, lines);
    const raw = measureRawScan(file);
    console.log(`raw scan of the file (node, count \\n) ${raw.toFixed(3)} s   (${(statSync(file).size / 1e6).toFixed(0)} MB, ${lines.toLocaleString('en-US')} lines)`);
    const ajv = peer ? measureNode([peer, file], 'split + ajv') : undefined;
    if (ajv) console.log(`split + ajv script (the peer)      ${ajv.toFixed(2)} s   ${(ajv / raw).toFixed(1)}× raw scan`);
    // the budget is for a million lines (≤ 1.5× the peer, ≤ 200 MB); a smaller file is there to show memory stays flat
    const judged = lines >= 1_000_000;
    for (const format of ['stylish', 'json']) {
      const r = await measure(file, ['--format', format]);
      const vsPeer = ajv ? r.seconds / ajv : undefined;
      const verdict = !judged ? 'compare peak RSS with the 1,000,000-line run'
        : `budget ≤ 1.5× peer / 200 MB: ${(vsPeer === undefined || vsPeer <= 1.5) && r.peakRssMB <= 200 ? 'OK' : 'OVER BUDGET'}`;
      console.log(`ossproc lint, ${format.padEnd(8)}              ${r.seconds.toFixed(2)} s   peak RSS ${r.peakRssMB.toFixed(0)} MB   ${(r.seconds / raw).toFixed(1)}× raw scan${vsPeer ? `   ${vsPeer.toFixed(2)}× peer` : ''}   ${verdict}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(n) {
  return Math.round(n * 1000) / 1000;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const lines = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
  const fi = process.argv.indexOf('--format');
  const format = fi > 0 ? process.argv[fi + 1] : 'stylish';
  const cold = await benchColdStart();
  console.log(JSON.stringify({ coldStart: cold }));
  const big = await benchLint({ lines, format });
  console.log(JSON.stringify({ lint: big, budget: { seconds: 10, peakRssMB: 300, coldStartSeconds: 0.3 } }));
}
