/** Seed-like processing strings for benchmarks: the source document's shapes, image strings, 10% broken. */
const VIDEO = [
  'video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ',
  'video/convert,ss_10000,t_60000,f_ts,vcodec_h264,vb_1000000,acodec_mp3,ab_100000/segment,f_hls,t_30000|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ/notify,topic_QXVkaW9Db252ZXJ0',
  'video/convert,f_mp3,acodec_mp3,ab_100000,vn_1,sn_1|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ',
];
const IMAGE = [
  'image/resize,m_lfit,w_100,h_100/quality,q_90/format,webp',
  'image/resize,m_lfit,w_100,h_100/rotate,90/format,webp',
  'image/watermark,text_SGVsbG8gV29ybGQ,color_FFFFFF,size_30,g_se,x_10,y_10',
  'image/crop,w_200,h_200,g_center/circle,r_100/format,png',
];
const BROKEN = [
  'video/convert,f_mp4,fps_241|sys/saveas,o_b3V0Lm1wNA',
  'video/convert,f_mp4,vcodex_h264,s_1921x1080|sys/saveas,o_out.mp4',
  'video/convert,,f_webm,vcodec_h264||sys/saveas,o_',
  'image/resize,m_fit,w_99999/format,jpeg',
];

export type CorpusKind = 'video' | 'image' | 'mixed';

const isVideo = (s: string) => s.startsWith('video/');

/** `n` strings of one kind: video, image, or both alternating; one in ten broken. */
export function corpus(n: number, kind: CorpusKind = 'mixed'): string[] {
  const out: string[] = [];
  const broken = kind === 'mixed' ? BROKEN : BROKEN.filter((s) => isVideo(s) === (kind === 'video'));
  for (let i = 0; i < n; i++) {
    const video = kind === 'video' || (kind === 'mixed' && i % 2 === 0);
    if (i % 10 === 9) out.push(broken[(i / 10) % broken.length | 0]!);
    else if (video) out.push(VIDEO[i % VIDEO.length]!.replace('30', String(24 + (i % 7))));
    else out.push(IMAGE[i % IMAGE.length]!.replace('100', String(100 + (i % 50))));
  }
  return out;
}

/**
 * The same strings made distinct by one in-range number (a bitrate, a width, a size), so no memo can answer;
 * each `round` gives other numbers again, so a benchmark round never meets the strings of an earlier one.
 * `by: 'names'`: distinct by a generated name instead where a string has one (an object key, a watermark's
 * text), as code that writes one output per input makes them.
 */
export function distinctCorpus(n: number, kind: CorpusKind = 'mixed', round = 0, by: 'numbers' | 'names' = 'numbers'): string[] {
  return corpus(n, kind).map((s, k) => {
    const i = k + round * n;
    if (by === 'names') {
      // an object key or a watermark's text of its own in every string that has one (numbers in the others)
      if (OBJECT.test(s)) return s.replace(OBJECT, `o_${b64(`outobjprefix/${i}.{autoext}`)}`);
      if (s.includes('text_')) return s.replace(/text_[\w-]+/, `text_${b64(`Hello ${i}`)}`);
    }
    if (s.includes('vb_')) return s.replace(/vb_\d+/, `vb_${10000 + i}`);
    if (s.includes('ab_')) return s.replace(/ab_\d+/, `ab_${1000 + i}`);
    if (s.includes('w_')) return s.replace(/w_\d+/, `w_${1 + (i % 16384)}`).replace(/h_\d+/, `h_${1 + ((i / 16384) | 0)}`);
    if (s.includes('size_')) return s.replace(/size_\d+/, `size_${1 + (i % 1000)}`).replace(/x_\d+/, `x_${(i / 1000) | 0}`);
    return `${s},t_${i}`;
  });
}

/** A base64 object key (`o_`), whole up to its separator. */
const OBJECT = /(?<=,)o_[\w-]+(?=[,/|]|$)/;
/** URL-safe base64 of a name, as a processing string writes it. */
export const b64 = (s: string) => Buffer.from(s).toString('base64url');

/** `n` strings drawn in turn from `size` distinct ones: the working set a memo must hold. */
export function workingSet(n: number, size: number): string[] {
  const distinct = distinctCorpus(size);
  return Array.from({ length: n }, (_, i) => distinct[i % size]!);
}
