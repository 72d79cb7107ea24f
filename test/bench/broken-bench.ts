import { check, getAction, type ParamSpec } from '@ossproc/core';
import { ajvValidators, splitAjv } from './peers';
import { b64, distinctCorpus } from './corpus';

/**
 * The full check path (parse → context → rule families → certain-fix verification → evidence), which every
 * string the fast path cannot prove clean runs: check() per string on distinct broken strings, and on distinct
 * clean ones (the first of a shape runs the full path; the rest, the fast path), interleaved with split + ajv
 * on the same strings in the same rounds, as ratios. Every string is new in every round (its own numbers), so
 * no memo answers.
 */

/**
 * Broken shapes (those of corpus.ts) with slots for distinct in-range numbers: `{c}` any count, `{a}` and `{b}`
 * two numbers from 1 to 4000 (so a parameter with a small range can carry them).
 */
const BROKEN = [
  'video/convert,f_mp4,fps_241,vb_{c}|sys/saveas,o_b3V0Lm1wNA',
  'video/convert,f_mp4,vcodex_h264,s_1921x1080,vb_{c}|sys/saveas,o_out.mp4',
  'video/convert,,f_webm,vcodec_h264,vb_{c}||sys/saveas,o_',
  'image/resize,m_fit,w_99999,h_{a}/crop,w_{b}/format,jpeg',
];
/** Seeds of the mutation corpus of core's property test, with the same slot. */
const SEEDS = [
  'x-oss-async-process=video/convert,ss_10000,t_60000,f_ts,vcodec_h264,vb_{c},acodec_mp3,ab_100000/segment,f_hls,t_30000|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ/notify,topic_QXVkaW9Db252ZXJ0',
  'image/resize,m_lfit,w_{a},h_{b}/rotate,90/format,webp',
  'image/watermark,text_SGVsbG8gV29ybGQ,color_FFFFFF,size_30,g_se,x_{a},y_{b}',
];
/** What a mutation inserts: the language's separators and a few characters of its words. */
const INSERTS = [',', '/', '|', '_', ',,', 'x', '9', 'a', ' ', '%', '_x', '-'];

/** mulberry32: a small seeded generator, so every run makes the same corpus. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type BrokenKind = 'shapes' | 'mutated' | 'combined';

/**
 * What a generator that knows the catalog but not our corpora makes: an action with up to five of its keyed
 * parameters in random order, each with an in-range value of its type (the output keys a video action needs
 * first). Nearly every string is a shape of its own, and about half have findings (a parameter without effect
 * beside another, an odd size): the full path's general case.
 */
const COMBINED = ['image/resize', 'image/crop', 'image/rotate', 'image/quality', 'image/format', 'image/watermark', 'image/blur', 'image/bright', 'video/convert', 'video/snapshot', 'audio/convert'];
const OUTPUT: Record<string, string[]> = {
  'video/convert': ['f_mp4,vcodec_h264,acodec_aac', 'f_mp4,vcodec_h265,acodec_aac', 'f_ts,vcodec_h264,acodec_mp3', 'f_mkv,vcodec_h264,acodec_aac'],
  'audio/convert': ['f_mp3', 'f_aac', 'f_flac'],
};

function combined(next: () => number, c: number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const name = pick(COMBINED);
  const [product, action] = name.split('/') as [string, string];
  const spec = getAction(product, action)!;
  const value = (p: ParamSpec): string | undefined => {
    const lo = p.min ?? 0;
    switch (p.type) {
      case 'int':
        return String(Math.floor(lo + (p.minExclusive ? 1 : 0) + next() * (Math.min(p.max ?? 100_000, lo + 100_000) - lo)));
      case 'float':
        return (lo + next() * ((p.max ?? 100) - lo)).toFixed(1);
      case 'enum':
        return p.values?.length ? pick(p.values).value : undefined;
      case 'size':
        return `${16 + Math.floor(next() * 1900)}x${16 + Math.floor(next() * 1000)}`;
      case 'color':
        return Math.floor(next() * 0xffffff).toString(16).padStart(6, '0').toUpperCase();
      case 'base64':
        return b64(`name${c}.mp4`);
      default:
        return undefined;
    }
  };
  const parts = [action, ...(OUTPUT[name] ? [pick(OUTPUT[name])] : [])];
  const positional = spec.params.find((p) => p.positional);
  const first = positional && value(positional);
  if (first) parts.push(first);
  const keyed = spec.params.filter((p) => !p.positional && !/^(f|vcodec|acodec)$/.test(p.key)).sort(() => next() - 0.5);
  for (const p of keyed.slice(0, 1 + Math.floor(next() * Math.min(5, keyed.length)))) {
    const v = value(p);
    if (v !== undefined) parts.push(`${p.key}_${v}`);
  }
  return `${product}/${parts.join(',')}${product === 'image' ? '' : `|sys/saveas,o_${b64(`out${c}.mp4`)}`}`;
}

/**
 * `n` distinct strings for `round`, each with its own numbers: the broken shapes, mutated seeds (as the
 * property test mutates them: 1–3 edits, each dropping up to 3 characters and inserting up to 3), or strings
 * combined from the catalog (`combined`).
 */
export function brokenCorpus(n: number, round: number, kind: BrokenKind): string[] {
  const next = random(round + 1);
  const out = new Set<string>();
  // a template's k-th use in this round gets count c: each template meets each count once in a whole run
  const fill = (template: string, c: number) =>
    template.replace('{c}', String(10_000 + c)).replace('{a}', String(1 + (c % 4000))).replace('{b}', String(1 + ((c / 4000) | 0)));
  for (let k = 0; out.size < n; k++) {
    const c = round * 2 * n + k;
    if (kind === 'shapes') {
      out.add(fill(BROKEN[k % BROKEN.length]!, c));
      continue;
    }
    if (kind === 'combined') {
      out.add(combined(next, c));
      continue;
    }
    let s = fill(SEEDS[k % SEEDS.length]!, c);
    const edits = 1 + Math.floor(next() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(next() * (s.length + 1));
      const del = Math.floor(next() * 4);
      const ins = next() < 0.5 ? '' : INSERTS[Math.floor(next() * INSERTS.length)]!;
      s = s.slice(0, at) + ins + s.slice(at + del);
    }
    out.add(s); // a mutation that hit the number may repeat a string: a set keeps each once
  }
  return [...out];
}

/** `n` distinct clean strings for `round`: the clean strings of the core benchmark's mixed corpus. */
export function cleanCorpus(n: number, round: number): string[] {
  return distinctCorpus(Math.ceil((n * 10) / 9) + 10, 'mixed', round).filter((_, k) => k % 10 !== 9).slice(0, n);
}

export interface BrokenBench {
  strings: number;
  rounds: number;
  /** Per corpus: µs per string for check() and for split + ajv (medians), and the share of strings with a finding. */
  table: Record<string, { check: number; ajv: number; found: number }>;
}

export function benchBroken(n = 5_000, rounds = 5): BrokenBench {
  const ajv = splitAjv(ajvValidators());
  const times = new Map<string, number[]>();
  const found = new Map<string, number>();
  let sink = 0;
  const time = (key: string, strings: string[], run: (s: string) => number) => {
    const t = performance.now();
    for (const s of strings) sink += run(s);
    const list = times.get(key) ?? [];
    list.push(((performance.now() - t) * 1000) / strings.length);
    times.set(key, list);
  };
  const corpora = {
    'broken shapes': (r: number) => brokenCorpus(n, r, 'shapes'),
    mutated: (r: number) => brokenCorpus(n, r, 'mutated'),
    combined: (r: number) => brokenCorpus(n, r, 'combined'),
    clean: (r: number) => cleanCorpus(n, r),
  };
  for (let r = 0; r <= rounds; r++) {
    for (const [name, make] of Object.entries(corpora)) {
      const strings = make(r);
      let withFindings = 0;
      time(`${name}\tcheck`, strings, (s) => {
        const d = check(s).length;
        if (d > 0) withFindings++;
        return d;
      });
      time(`${name}\tajv`, strings, ajv);
      found.set(name, withFindings / strings.length);
    }
    if (r === 0) times.clear(); // the first round warms up
  }
  const median = (key: string) => {
    const list = [...times.get(key)!].sort((a, b) => a - b);
    return list[list.length >> 1]!;
  };
  if (sink < 0) console.log(sink);
  const table = Object.fromEntries(
    Object.keys(corpora).map((name) => [name, { check: median(`${name}\tcheck`), ajv: median(`${name}\tajv`), found: found.get(name)! }]),
  );
  return { strings: n, rounds, table };
}
