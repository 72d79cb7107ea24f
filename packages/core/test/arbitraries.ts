import fc from 'fast-check';
import { PRODUCTS } from '../src/index';

/** Arbitrary strings for property tests: the language's own pieces, mutated seeds, and anything at all. */

/** Strings made of the language's own pieces, so the properties reach deep into the checker. */
export const words = [...new Set(PRODUCTS.flatMap((p) => [p.name, ...p.actions.flatMap((a) => [a.name, ...a.params.map((x) => x.key)])]))];
export const values = ['mp4', 'mp3', 'h264', 'h265', 'vp9', 'copy', '0', '1', '241', '-5', '1920x1080', '1921x', 'x', 'b3V0Lm1wNA', 'out.mp4', 'dGVzdA==', 'Pz8+', '1.5', 'hls', 'lfit', '', '\uE000'];
const piece = fc.oneof(
  fc.constantFrom(...words),
  fc.constantFrom(...values),
  fc.constantFrom(',', '/', '|', '_', 'x-oss-process=', 'x-oss-async-process=', '%2C', '%7C', ' ', '='),
  fc.tuple(fc.constantFrom(...words), fc.constantFrom(...values)).map(([k, v]) => `${k}_${v}`),
);
export const languageLike = fc.array(piece, { maxLength: 40 }).map((xs) => xs.join(''));
/** Seed strings with a few characters changed, dropped or doubled. */
export const seeds = [
  'x-oss-async-process=video/convert,ss_10000,t_60000,f_ts,vcodec_h264,vb_1000000,acodec_mp3,ab_100000/segment,f_hls,t_30000|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ/notify,topic_QXVkaW9Db252ZXJ0',
  'image/resize,m_lfit,w_100,h_100/rotate,90/format,webp',
  'image/watermark,text_SGVsbG8gV29ybGQ,color_FFFFFF,size_30,g_se,x_10,y_10',
];
export const mutated = fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ maxLength: 3 })), { maxLength: 5 })).map(([s, edits]) => {
  let out = s;
  for (const [at, del, ins] of edits) {
    const i = at % (out.length + 1);
    out = out.slice(0, i) + ins + out.slice(i + del);
  }
  return out;
});
export const anything = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), languageLike, mutated, fc.constantFrom(',,,', '|||', '///', '___', '%', '%%2', '%E4%B8'));

const b64 = (s: string) => Buffer.from(s).toString('base64url');

/**
 * Strings for the fast path's properties (fastpath.test.ts, skeleton.test.ts): the catalog's examples, the seed
 * document's requests, image strings, and strings whose values some rule reads beside their own check.
 */
export const shapeSeeds = [
  ...PRODUCTS.flatMap((p) => p.actions.flatMap((a) => a.examples ?? [])),
  'video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ',
  'video/convert,ss_10000,t_60000,f_ts,vcodec_h264,vb_1000000,acodec_mp3,ab_100000/segment,f_hls,t_30000|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ/notify,topic_QXVkaW9Db252ZXJ0',
  'video/convert,f_mp3,acodec_mp3,ab_100000,vn_1,sn_1|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ',
  'image/resize,m_lfit,w_100,h_100/quality,q_90/format,webp',
  'image/resize,m_lfit,w_100,h_100/rotate,90/format,webp',
  'image/watermark,text_SGVsbG8gV29ybGQ,color_FFFFFF,size_30,g_se,x_10,y_10',
  'image/crop,w_200,h_200,g_center/circle,r_100/format,png',
  // values some rule reads beside their own check: each must stay in the shape
  'image/resize,m_fixed,w_100,h_100',
  'image/resize,m_pad,w_100,h_100,color_FF0000',
  'image/resize,w_100,h_100,m_fill',
  `image/watermark,image_${b64('panda.png')},g_se,x_10,y_10/watermark,image_${b64('panda.png')},g_se,x_20,y_10`,
  'video/sprite,m_avg,num_5,sw_100,sh_100|sys/saveas,o_b3V0L3tpbmRleH0uanBn',
  'video/convert,f_mp4,vcodec_h264,ac_2,acodec_aac,ar_44100|sys/saveas,o_b3V0Lm1wNA',
  'video/convert,f_mp4,vcodec_copy,fps_25|sys/saveas,o_b3V0Lm1wNA',
  'image/resize,w_100/format,png/quality,q_90',
  'image/format,png|sys/saveas,o_b3V0LnBuZw',
  'image/blur,r_3,s_2/bright,50/contrast,-50',
];
