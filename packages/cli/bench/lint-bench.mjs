// Benchmark of `ossproc lint` on a large .ossproc file, run as a subprocess of the built binary (bin/ossproc.cjs,
// what users run: it enables Node's compile cache).
//
//   node packages/cli/bench/lint-bench.mjs [lines] [--format stylish|json]   (default 1,000,000 lines)
//
// `benchLint({ lines })` writes a seed-like .ossproc file (the three requests of the video transcoding page,
// the SDK samples' style strings and image strings, every line with its own values and object key so that
// no two lines are alike; 10% of the lines carry a realistic mistake; a comment line now and then) to a
// temporary directory and measures one `ossproc lint` run over it: wall time, and peak RSS (of the process
// tree's main process, from `/usr/bin/time -f %M` when installed, else by polling /proc/<pid>/status VmHWM).
// The report goes to /dev/null: the figure is the linter's, not the terminal's. `benchColdStart()` is one-line
// runs interleaved with `node -e 0`. `runCliBench()` prints all of it for the root runner (`pnpm bench`) as
// ratios to what is measured in the same run: a raw scan of the file, the split + ajv peer, and the floor
// (core's checkRegion over the same lines in one process, floor.mjs). Budgets: 1M lines ≤ 1.5× the peer and
// ≤ 200 MB; cold start ≤ 3× `node -e 0`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const CLI = resolve(here, '..', 'dist', 'ossproc.cjs');
/** The published binary: it enables the compile cache, then loads the bundle. */
export const BIN = resolve(here, '..', 'bin', 'ossproc.cjs');

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

function requireBuilt() {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm --filter @ossproc/cli build\` first`);
}

/**
 * Runs `node <bin> lint <file> <args> --debug`; resolves to { seconds, peakRssMB, status, debug } (debug: the
 * CLI's own account of the run: where it checked and where the time went).
 */
async function measure(file, args) {
  const node = process.execPath;
  const argv = [BIN, 'lint', file, ...args, '--debug'];
  const gnu = hasGnuTime();
  const started = process.hrtime.bigint();
  const child = gnu ? spawn('/usr/bin/time', ['-f', '%M %U %S', node, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] }) : spawn(node, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  let peak = 0;
  const poll = gnu
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) peak = Math.max(peak, Number(m[1]));
        } catch {
          // the process has ended
        }
      }, 20);
  const [status] = await once(child, 'exit');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(poll);
  const lines = err.trim().split('\n');
  let cpuSeconds;
  if (gnu) {
    const [kb, user, sys] = lines.pop().split(' ').map(Number);
    peak = kb;
    cpuSeconds = user + sys;
  }
  const debug = lines.filter((l) => l.startsWith('ossproc: debug: ')).map((l) => l.slice('ossproc: debug: '.length));
  return { seconds, cpuSeconds, peakRssMB: peak / 1024, status, debug };
}

/**
 * Lints a generated file of `lines` lines once; returns { lines, seconds, peakRssMB }. Options: `format`
 * (default stylish), `args` (more CLI arguments), `keep` (do not delete the temporary directory).
 */
export async function benchLint({ lines = 1_000_000, format = 'stylish', args = [], keep = false } = {}) {
  requireBuilt();
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

/**
 * Wall time of `node ...args` (a baseline, a peer or the floor, run over the same file), what it printed, and
 * its CPU time (user + system, with GNU time): on a loaded machine the CPU times compare better than walls.
 */
function measureNode(args, what, cpu = false) {
  const gnu = cpu && hasGnuTime();
  const started = process.hrtime.bigint();
  const r = gnu
    ? spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  // ossproc lint exits 1 when it found errors
  if (r.status !== 0 && r.status !== 1) throw new Error(`${what} failed: ${r.stderr}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [user, sys] = gnu ? r.stderr.trim().split('\n').pop().split(' ').map(Number) : [];
  return { seconds, stdout: r.stdout, cpuSeconds: gnu ? user + sys : undefined };
}

const cpu = (s) => (s === undefined ? '' : `   CPU ${s.toFixed(2)} s`);

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

/**
 * Cold start: `ossproc lint` of a one-line file and `node -e 0`, `runs` of each interleaved (so that both see
 * the same load), after one of each that warms the disk cache and the compile cache; the medians, their ratio.
 */
export async function benchColdStart({ runs = 11 } = {}) {
  requireBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'ossproc-bench-'));
  try {
    const file = join(dir, 'one.ossproc');
    writeFileSync(file, 'image/resize,m_lfit,w_100,h_100/quality,q_90\n');
    const lint = [];
    const node = [];
    for (let i = 0; i <= runs; i++) {
      const l = measureNode([BIN, 'lint', file], 'ossproc lint').seconds;
      const n = measureNode(['-e', '0'], 'node -e 0').seconds;
      if (i === 0) continue;
      lint.push(l);
      node.push(n);
    }
    const seconds = median(lint);
    const nodeSeconds = median(node);
    return { seconds: round(seconds), nodeSeconds: round(nodeSeconds), ratio: seconds / nodeSeconds, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor of a pass over the file: a Node subprocess that reads it and counts line breaks (raw scan). */
function measureRawScan(file) {
  const script = `let n=0;const s=require('fs').createReadStream(process.argv[1],{highWaterMark:1<<18});s.on('data',b=>{for(let i=b.indexOf(10);i>=0;i=b.indexOf(10,i+1))n++});s.on('end',()=>process.stdout.write(String(n)))`;
  return measureNode(['-e', script, file], 'raw scan').seconds;
}

/** Core's own work over the file's lines, in one process, no CLI (floor.mjs): { readSeconds, checkSeconds, strings }. */
function measureFloor(file) {
  const r = measureNode([join(here, 'floor.mjs'), file], 'the floor (core over the lines)', true);
  return { ...JSON.parse(r.stdout), cpuSeconds: r.cpuSeconds };
}

/** The CLI's own account of a run (--debug): where it checked, and where the time went. */
function account(debug) {
  const where = debug.find((l) => l.includes(': checking on '))?.replace(/^.*?: checking on /, 'checked on ') ?? '';
  const time = debug.find((l) => / bytes: first pass /.test(l))?.replace(/^\d+ bytes: /, '') ?? '';
  return [where, time].filter(Boolean).join('; ');
}

/**
 * For the root bench runner (test/bench/run.mjs): the cold start, then a file of `lines` lines: a raw scan,
 * the split + ajv peer, the floor (core over the same lines, no CLI) and ossproc lint with the default
 * --concurrency auto (json, stylish), as ratios to them, each with the CLI's own account of its time.
 */
export async function runCliBench({ lines = 1_000_000, peer, cold = true } = {}) {
  if (cold) {
    const c = await benchColdStart();
    console.log(`cold start: lint of one line ${c.seconds.toFixed(3)} s, node -e 0 ${c.nodeSeconds.toFixed(3)} s (medians of ${c.runs}, interleaved)   ${c.ratio.toFixed(2)}× node -e 0   budget ≤ 3×: ${c.ratio <= 3 ? 'OK' : 'OVER BUDGET'}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'ossproc-bench-'));
  try {
    const file = join(dir, 'presets.ossproc');
    await writeSeedLikeFile(file, lines);
    const raw = measureRawScan(file);
    console.log(`raw scan of the file (node, count \\n) ${raw.toFixed(3)} s   (${(statSync(file).size / 1e6).toFixed(0)} MB, ${lines.toLocaleString('en-US')} lines)`);
    const p = peer ? measureNode([peer, file], 'split + ajv', true) : undefined;
    const ajv = p?.seconds;
    if (p) console.log(`split + ajv script (the peer)      ${ajv.toFixed(2)} s   ${(ajv / raw).toFixed(1)}× raw scan${cpu(p.cpuSeconds)}`);
    const floor = measureFloor(file);
    const floorSeconds = floor.readSeconds + floor.checkSeconds;
    console.log(`floor: core alone over the lines   ${floorSeconds.toFixed(2)} s = read + split ${floor.readSeconds.toFixed(2)} s + checkRegion ${floor.checkSeconds.toFixed(2)} s   ${ajv ? `${(floorSeconds / ajv).toFixed(2)}× peer` : ''}${cpu(floor.cpuSeconds)}`);
    // the budget is for a million lines (≤ 1.5× the peer, ≤ 200 MB); a smaller file is there to show memory stays flat
    const judged = lines >= 1_000_000;
    for (const format of ['json', 'stylish']) {
      const r = await measure(file, ['--format', format]);
      if (r.status !== 0 && r.status !== 1) throw new Error(`ossproc lint exited with ${r.status}`);
      const vsPeer = ajv ? r.seconds / ajv : undefined;
      const verdict = !judged ? 'compare peak RSS with the 1,000,000-line run' : `budget ≤ 1.5× peer / 200 MB: ${(vsPeer === undefined || vsPeer <= 1.5) && r.peakRssMB <= 200 ? 'OK' : 'OVER BUDGET'}`;
      const cpuVsFloor = r.cpuSeconds !== undefined && floor.cpuSeconds ? ` (CPU ${(r.cpuSeconds / floor.cpuSeconds).toFixed(2)}×)` : '';
      console.log(`ossproc lint, ${format.padEnd(8)}              ${r.seconds.toFixed(2)} s   peak RSS ${r.peakRssMB.toFixed(0)} MB   ${(r.seconds / floorSeconds).toFixed(2)}× floor${cpuVsFloor}${vsPeer ? `   ${vsPeer.toFixed(2)}× peer` : ''}   ${verdict}`);
      console.log(`  ${account(r.debug)}`);
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
  console.log(JSON.stringify({ coldStart: await benchColdStart() }));
  const big = await benchLint({ lines, format });
  console.log(JSON.stringify({ lint: big, budget: { peakRssMB: 200, coldStartRatio: 3 } }));
}
