import { AUDIO_CODEC_LIMITS, audioCodecOf, CONTAINERS, PIXEL_FORMAT_LIMITS, SEGMENT_CONTAINERS, type Verdict } from '../catalog/media';
import type { ParamNode } from '../syntax/tree';
import { paramText, type ActionInfo, type CheckContext } from './context';

/**
 * Codec and container truth for transcoding actions (any action with a container `f` and codec parameters):
 * what the container can carry, what the audio encoder accepts, what segmenting can hold.
 */
export function checkMedia(ctx: CheckContext): void {
  for (const action of ctx.actions()) {
    if (!action.spec) continue;
    const f = action.written('f');
    const container = f !== undefined ? own(CONTAINERS, f) : undefined;
    if (container && action.param('vcodec')) containerCodecs(ctx, action, f!, container);
    audioLimits(ctx, action);
    pixelFormat(ctx, action);
    if (action.spec.parent && action.name === 'segment') segment(ctx, action);
  }
}

function containerCodecs(ctx: CheckContext, action: ActionInfo, f: string, container: (typeof CONTAINERS)[string]): void {
  const fParam = action.byKey.get('f')!;
  const videoOn = action.value('vn') !== '1';
  const audioOn = action.value('an') !== '1';
  if (!container.video && videoOn && action.param('vn')) {
    const last = action.node.params[action.node.params.length - 1] ?? fParam;
    ctx.report('audio-only-container', fParam.range, `f_${f} holds audio only: add vn_1 to drop the video stream`, {
      fixes: [{ title: 'Add vn_1', edits: [{ range: { start: last.range.end, end: last.range.end }, newText: ',vn_1' }], certain: true }],
    });
  }
  const vcodec = action.written('vcodec');
  if (container.video && videoOn && vcodec && vcodec !== 'copy') {
    const v = own(container.vcodec, vcodec);
    if (v) verdict(ctx, action.byKey.get('vcodec')!, v, `vcodec_${vcodec} in f_${f}`, fParam);
  }
  const acodec = action.written('acodec');
  if (audioOn && acodec && acodec !== 'copy') {
    const acodecParam = action.byKey.get('acodec')!;
    const v = own(container.acodec, acodec);
    if (v) verdict(ctx, acodecParam, v, `acodec_${acodec} in f_${f}`, fParam); // the words only for a verdict
    const rates = container.rates && own(container.rates, acodec);
    const ar = action.written('ar');
    if (rates && ar && rates.refused.includes(ar)) {
      const p = action.byKey.get('ar')!;
      ctx.report('sample-rate', p.range, `ar_${ar} with acodec_${acodec} in f_${f}: ${rates.why}`, {
        related: [{ range: acodecParam.range, message: `acodec_${acodec}` }],
        atMost: rates.level,
      });
    }
  }
}

/**
 * A media table's entry for a value the string writes: its own keys only (`f_constructor` is no container), and
 * through a Map made once per table (an object's keyed load with a freshly parsed string is slow).
 */
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  let map = tables.get(table) as Map<string, T> | undefined;
  if (!map) tables.set(table, (map = new Map(Object.entries(table))));
  return map.get(key);
}
const tables = new WeakMap<object, Map<string, unknown>>();

function verdict(ctx: CheckContext, at: ParamNode, v: Verdict, what: string, container: ParamNode): void {
  ctx.report(v.level === 'error' ? 'codec-container' : 'codec-container-doubtful', at.range, `${what}: ${v.why}`, {
    related: [{ range: container.range, message: `the container is ${paramText(ctx, container)}` }],
  });
}

function audioLimits(ctx: CheckContext, action: ActionInfo): void {
  // the codec: acodec, or for an action without one (audio/convert) the one its container holds
  const f = action.param('acodec') ? undefined : action.written('f');
  const acodec = f === undefined ? action.written('acodec') : audioCodecOf(f);
  const limits = acodec ? own(AUDIO_CODEC_LIMITS, acodec) : undefined;
  if (!limits || action.value('an') === '1') return;
  const related = [
    f === undefined ? { range: action.byKey.get('acodec')!.range, message: `acodec_${acodec}` } : { range: action.byKey.get('f')!.range, message: `f_${f} holds ${acodec} audio` },
  ];
  const ar = action.written('ar');
  if (ar && limits.rates && !limits.rates.includes(ar)) {
    ctx.report('sample-rate', action.byKey.get('ar')!.range, `ar_${ar}: ${acodec} encodes only at ${limits.rates.join(', ')} Hz`, { related });
  }
  const acText = action.written('ac');
  const ac = acText === undefined ? undefined : Number(acText);
  if (ac !== undefined && Number.isInteger(ac) && limits.channels) {
    const p = action.byKey.get('ac')!;
    if (ac > limits.channels.max) {
      ctx.report('channel-count', p.range, `ac_${ac}: ${acodec} encodes at most ${limits.channels.max} channel${limits.channels.max === 1 ? '' : 's'}`, { related });
    } else if (limits.channels.doubtful?.includes(ac)) {
      ctx.report('channel-count', p.range, `ac_${ac}: ${acodec} takes ${ac} channels only in some layouts; the encoder refuses its default ${ac}-channel layout`, {
        related,
        atMost: 'warning',
      });
    }
  }
}

function pixelFormat(ctx: CheckContext, action: ActionInfo): void {
  const vcodec = action.written('vcodec');
  const pixfmt = action.written('pixfmt');
  const limits = vcodec && pixfmt ? own(PIXEL_FORMAT_LIMITS, vcodec) : undefined;
  const why = limits && own(limits, pixfmt!);
  if (why && action.value('vn') !== '1') {
    ctx.report('pixel-format', action.byKey.get('pixfmt')!.range, `pixfmt_${pixfmt} with vcodec_${vcodec}: ${why}`, {
      related: [{ range: action.byKey.get('vcodec')!.range, message: `vcodec_${vcodec}` }],
    });
  }
}

function segment(ctx: CheckContext, action: ActionInfo): void {
  const protocol = action.written('f');
  const parent = action.stage.actions.find((a) => a.name === action.spec!.parent && a.node.range.end <= action.node.range.start);
  const f = parent?.written('f');
  const allowed = protocol ? own(SEGMENT_CONTAINERS, protocol) : undefined;
  if (!allowed || !f || allowed.includes(f)) return;
  ctx.report('segment-container', action.byKey.get('f')!.range, `f_${protocol} cannot carry f_${f}: ${protocol!.toUpperCase()} segments are ${allowed.join(', ')}`, {
    related: [{ range: parent!.byKey.get('f')!.range, message: `the output container is f_${f}` }],
  });
}
