import { documentedValue } from '../catalog';
import type { ActionInfo, CheckContext } from './context';
import { paramText } from './context';
import { readBase64 } from '../text/base64';

/**
 * Facts about combinations that per-parameter data cannot state: the output size limit, options that depend on
 * the output format, how many watermarks or inputs an action takes, targets that outputs overwrite.
 */
export function checkCombinations(ctx: CheckContext): void {
  const stage = ctx.stages[0];
  if (!stage) return;
  let imageWatermarks = 0;
  let concatInputs = 0;
  const placed: ActionInfo[] = [];
  // the stage's output format, read once (a chain of many quality steps must not re-read it for each)
  let output: { format: string | undefined } | undefined;
  for (const a of stage.actions) {
    if (!a.spec) continue;
    const product = a.spec.product;
    if (product === 'image' && a.name === 'resize') resizeArea(ctx, a);
    if (product === 'image' && (a.name === 'quality' || a.name === 'interlace')) formatDependent(ctx, a, (output ??= { format: outputFormat(stage.actions) }).format);
    if (product === 'image' && a.name === 'watermark' && a.byKey.has('image')) {
      if (++imageWatermarks > MAX_IMAGE_WATERMARKS) {
        ctx.report('too-many-inputs', a.node.name.range, `At most ${MAX_IMAGE_WATERMARKS} image watermarks can be drawn on one image; this is number ${imageWatermarks}`);
      }
      overlap(ctx, a, placed);
      watermarkFormat(ctx, a);
      placed.push(a);
    }
    if (a.name === 'concat') concatInputs = 0;
    if ((a.name === 'pre' || a.name === 'sur') && a.spec.parent === 'concat' && ++concatInputs > MAX_CONCAT_INPUTS) {
      ctx.report('too-many-inputs', a.node.name.range, `${product}/concat joins at most ${MAX_CONCAT_INPUTS + 1} inputs: the source and ${MAX_CONCAT_INPUTS} /pre or /sur; this is input ${concatInputs + 1}`);
    }
    if (product === 'video' && a.name === 'sprite' && a.written('m') === 'avg' && (a.value('num') ?? '0') === '0') {
      ctx.report('missing-parameter', a.byKey.get('m')!.range, 'm_avg spreads num frames evenly over the video: give num, more than 0');
    }
  }
  manyOutputsOneTarget(ctx);
}

/** The largest output the service writes: 16,384 px a side and 16,777,216 px in all. */
const MAX_OUTPUT_PIXELS = 16_777_216;
const MAX_IMAGE_WATERMARKS = 3;
const MAX_CONCAT_INPUTS = 10;
/** resize modes whose output is exactly w × h. */
const EXACT_MODES = new Set(['fixed', 'fill', 'pad']);

function resizeArea(ctx: CheckContext, a: ActionInfo): void {
  const w = Number(a.written('w'));
  const h = Number(a.written('h'));
  const m = a.value('m') ?? '';
  if (!EXACT_MODES.has(m) || !(w > 0) || !(h > 0) || w * h <= MAX_OUTPUT_PIXELS) return;
  const sides = [a.byKey.get('w')!.range, a.byKey.get('h')!.range];
  const range = { start: Math.min(...sides.map((r) => r.start)), end: Math.max(...sides.map((r) => r.end)) };
  ctx.report('output-too-large', range, `m_${m} with w_${w} and h_${h} makes ${(w * h).toLocaleString('en-US')} pixels; the output may have at most ${MAX_OUTPUT_PIXELS.toLocaleString('en-US')}`);
}

/** The image format a stage writes: the value of its last `format` (undefined when there is none, or it is unknown). */
function outputFormat(actions: readonly ActionInfo[]): string | undefined {
  let output: string | undefined;
  for (const other of actions) {
    if (other.name !== 'format' || other.spec?.product !== 'image') continue;
    const written = other.node.params.find((p) => !p.key)?.value?.text;
    const spec = other.spec.params.find((ps) => ps.positional);
    // an alias is its value's output (jpeg is jpg); a value the action does not take outputs nothing known
    output = written === undefined || !spec ? undefined : documentedValue(spec, written);
  }
  return output;
}

/** quality works on JPG and WebP output, interlace on JPG output. */
function formatDependent(ctx: CheckContext, a: ActionInfo, output: string | undefined): void {
  const allowed = a.name === 'quality' ? ['jpg', 'webp'] : ['jpg'];
  if (!output || allowed.includes(output)) return;
  if (output === 'gif') {
    // format,gif converts only GIF sources; any other source keeps its own format, so this is a possibility
    ctx.report('ineffective-parameter', a.node.range, `${a.name} has no effect if the source is a GIF: format,gif keeps other sources in their own format, and ${a.name} applies only to ${allowed.join(' and ')} output`, {
      unnecessary: true,
      atMost: 'info',
      source: FORMAT_PAGE,
    });
    return;
  }
  ctx.report('ineffective-parameter', a.node.range, `${a.name} has no effect: the output is ${output}, and ${a.name} applies only to ${allowed.join(' and ')} output`, {
    unnecessary: true,
  });
}

const FORMAT_PAGE = 'https://alibabacloud.com/help/en/oss/user-guide/convert-image-formats-2';
const WATERMARK_PAGE = 'https://help.aliyun.com/zh/oss/user-guide/add-watermarks';

/** Where an image watermark is drawn: its position and margins, defaults filled in. */
function placement(a: ActionInfo): string {
  return ['g', 'x', 'y', 'voffset'].map((k) => `${k}_${a.value(k) ?? ''}`).join(',');
}

/** The positions of the image watermarks of one image must not fully overlap (the watermark page's notes). */
function overlap(ctx: CheckContext, a: ActionInfo, placed: readonly ActionInfo[]): void {
  const here = placement(a);
  const same = placed.find((b) => placement(b) === here);
  if (!same) return;
  ctx.report('watermark-overlap', a.node.name.range, `This image watermark stands exactly where an earlier one does (${here}): the positions of image watermarks must not fully overlap; change g, x, y or voffset`, {
    related: [{ range: same.node.name.range, message: 'the earlier watermark' }],
  });
}

/** Watermark images may be JPG, PNG, BMP, WebP or TIFF; only the decoded key's extension is visible. */
const WATERMARK_FORMATS = new Set(['jpg', 'jpeg', 'png', 'bmp', 'webp', 'tiff', 'tif']);

function watermarkFormat(ctx: CheckContext, a: ActionInfo): void {
  const p = a.byKey.get('image')!;
  const decoded = p.value && readBase64(p.value.text).text;
  if (decoded === undefined) return;
  const key = decoded.split('?')[0]!;
  const ext = /\.([A-Za-z0-9]+)$/.exec(key)?.[1]?.toLowerCase();
  if (!ext || WATERMARK_FORMATS.has(ext)) return;
  ctx.report('watermark-image-format', p.range, `${paramText(ctx, p)} decodes to '${key}': a watermark image may be JPG, PNG, BMP, WebP or TIFF, and .${ext} is none of them`, {
    source: WATERMARK_PAGE,
  });
}

/** Actions that write several files: a fixed name with a suffix keeps only the last of them. */
function manyOutputsOneTarget(ctx: CheckContext): void {
  const producer = ctx.stages[0]?.actions.find((a) => a.spec && a.spec.product === 'video' && (a.name === 'snapshots' || a.name === 'sprite'));
  if (!producer) return;
  for (const a of ctx.actions()) {
    if (a.spec?.product !== 'sys' || a.name !== 'saveas') continue;
    const o = a.byKey.get('o');
    const key = o?.value && readBase64(o.value.text).text;
    if (!o || key === undefined || key.includes('{index}')) continue;
    if (!/\.[A-Za-z0-9]{2,4}$/.test(key)) continue;
    if (producer.name === 'snapshots') {
      ctx.report('overwritten-outputs', o.range, `${paramText(ctx, o)} decodes to '${key}': video/snapshots writes several images, and a target with a suffix keeps only the last; leave the suffix out or add {index}`);
    } else {
      // the sprite page does not say so (its own sample saves to example.jpg): an inference from snapshots
      ctx.report('overwritten-outputs', o.range, `${paramText(ctx, o)} decodes to '${key}': video/sprite writes a sheet per tw × th frames, and a longer video may need several, which one fixed name would overwrite; add {index} to keep each`, {
        atMost: 'info',
        evidence: 'convention',
      });
    }
  }
}

