import { isEnumValue, TARGET_VARIABLES } from '../catalog';
import type { ActionSpec, ParamSpec } from '../catalog/types';
import type { ParamNode } from '../syntax/tree';
import type { Range } from '../text/range';
import { encodeBase64Url, readBase64, utf8Length, type Base64Reading } from '../text/base64';
import { hasHole, type ActionInfo, type CheckContext } from './context';
import type { Fix } from './diagnostic';
import { checkNested } from './nested';
import { nearest } from './suggest';
import { readTemplate, render, type Template } from './template';

/**
 * Base64 values (saveas targets, topics, watermark texts, fonts, nested images): well-formed, then decoded and
 * checked as what they are.
 */
export function checkTargets(ctx: CheckContext): void {
  for (const action of ctx.actions()) {
    if (!action.spec) continue;
    for (const ps of base64Params(action.spec)) {
      const p = action.byKey.get(ps.key);
      if (!p) continue;
      const value = p.value?.text ?? '';
      if (value === '' || hasHole(value)) continue;
      const decoded = decode(ctx, p, ps, value);
      if (decoded !== undefined) checkDecoded(ctx, action, p, ps, decoded);
    }
  }
}

const base64Lists = new WeakMap<ActionSpec, ParamSpec[]>();
function base64Params(spec: ActionSpec): ParamSpec[] {
  let list = base64Lists.get(spec);
  if (!list) base64Lists.set(spec, (list = spec.params.filter((p) => p.type === 'base64' && !p.positional)));
  return list;
}

/**
 * Decoding is pure and the same targets recur line after line in a preset file, so readings are kept in a
 * small cache (dropped whole when it fills; a cache, not a memory).
 */
const readings = new Map<string, Base64Reading>();
function read(value: string): Base64Reading {
  let r = readings.get(value);
  if (!r) {
    if (readings.size >= 512) readings.clear();
    readings.set(value, (r = readBase64(value)));
  }
  return r;
}

function decode(ctx: CheckContext, p: ParamNode, ps: ParamSpec, value: string): string | undefined {
  const key = ps.key;
  const valueRange = p.value!.range;
  const r = read(value);
  if (r.problem === 'alphabet') {
    // a character no base64 has ('.', '{', ' '): this is the plain text, not its encoding
    ctx.report('invalid-base64', p.range, `${labelOf(p)}: ${key} must be URL-safe base64 of the ${what(ps)}; '${value}' looks like plain text (encoded: ${encodeBase64Url(value)})`, { fixes: [encodeFix(value, valueRange, true)] });
    return undefined;
  }
  if (r.problem) {
    const why = r.problem === 'length' ? 'its length is not that of base64' : 'it does not decode to UTF-8 text';
    ctx.report('invalid-base64', p.range, `${labelOf(p)}: ${key} must be URL-safe base64 of the ${what(ps)}, and ${why}`, {
      fixes: [encodeFix(value, valueRange, false)],
    });
    return undefined;
  }
  if (r.padding > 0) {
    const end = valueRange.end;
    ctx.report('base64-padding', { start: end - r.padding, end }, `${labelOf(p)}: base64 padding '${'='.repeat(r.padding)}' is accepted, but the documented form strips it`, {
      fixes: [{ title: 'Strip the padding', edits: [{ range: { start: end - r.padding, end }, newText: '' }], certain: true }],
    });
  }
  if (r.standardAlphabet) {
    ctx.report('base64-alphabet', p.range, `${labelOf(p)}: '+' is standard base64; in a URL it turns into a space. The URL-safe alphabet writes '-'`, {
      fixes: [{ title: "Replace '+' with '-'", edits: [{ range: valueRange, newText: value.replaceAll('+', '-') }], certain: true }],
    });
  }
  return r.text;
}

function encodeFix(value: string, range: Range, certain: boolean): Fix {
  return { title: `Encode '${value}' as base64url`, edits: [{ range, newText: encodeBase64Url(value) }], certain };
}

/** `o_b3V0Lm1wNA`, as written. */
function labelOf(p: ParamNode): string {
  return `${p.key!.text}_${p.value!.text}`;
}

/** `o_b3V0Lm1wNA decodes to 'out.mp4'`: how every finding about a decoded value begins. */
function decodesTo(p: ParamNode, decoded: string): string {
  return `${labelOf(p)} decodes to '${decoded}'`;
}

function what(ps: ParamSpec): string {
  switch (ps.decoded) {
    case 'bucket':
      return 'bucket name';
    case 'object':
      return 'object key';
    case 'topic':
      return 'topic name';
    case 'font':
      return 'font name';
    case 'process-ref':
      return 'object key';
    default:
      return 'text';
  }
}

function checkDecoded(ctx: CheckContext, action: ActionInfo, p: ParamNode, ps: ParamSpec, decoded: string): void {
  switch (ps.decoded) {
    case 'bucket':
    case 'object': {
      const t = template(decoded);
      if (!templateOk(ctx, p, decoded, t)) return;
      if (ps.decoded === 'bucket') bucket(ctx, p, decoded, t);
      else object(ctx, action, p, t, decoded);
      return;
    }
    case 'topic':
      if (!/^[A-Za-z][A-Za-z0-9-]{0,119}$/.test(decoded)) {
        ctx.report('invalid-topic-name', p.range, `${decodesTo(p, decoded)}: an SMQ topic name has 1 to 120 letters, digits and hyphens and starts with a letter`);
      }
      return;
    case 'font': {
      const fonts = (ps.values ?? []).map((v) => v.value);
      if (fonts.length && !fonts.includes(decoded)) {
        const guess = nearest(decoded, fonts);
        ctx.report('unknown-value', p.range, `${decodesTo(p, decoded)}: ${ps.key} must be one of ${fonts.join(', ')}${guess.length === 1 ? ` (did you mean '${guess[0]}'?)` : ''}`, {
          fixes: guess.length === 1 ? [{ title: `Use ${guess[0]}`, edits: [{ range: p.value!.range, newText: encodeBase64Url(guess[0]!) }], certain: true }] : undefined,
        });
      }
      return;
    }
    case 'text': {
      // the limit is on the UTF-8 bytes before encoding ("about 20 Chinese characters"), not on characters
      const bytes = ps.max === undefined ? 0 : utf8Length(decoded);
      if (ps.max !== undefined && bytes > ps.max) {
        ctx.report('value-out-of-range', p.range, `${labelOf(p)} decodes to ${bytes} bytes of UTF-8: ${ps.key} must be at most ${ps.max} bytes before encoding`);
      }
      return;
    }
    case 'process-ref':
      checkNested(ctx, p, decoded);
      return;
  }
}

const templates = new Map<string, Template>();
function template(decoded: string): Template {
  let t = templates.get(decoded);
  if (!t) {
    if (templates.size >= 512) templates.clear();
    templates.set(decoded, (t = readTemplate(decoded)));
  }
  return t;
}

const VARIABLE_NAMES = TARGET_VARIABLES.map((v) => v.name);
const VARIABLES = new Set(VARIABLE_NAMES);

function templateOk(ctx: CheckContext, p: ParamNode, decoded: string, t: Template): boolean {
  if (t.unbalancedAt !== undefined) {
    ctx.report('invalid-template', p.range, `${decodesTo(p, decoded)}: unbalanced brace at character ${t.unbalancedAt + 1} (write {{ or }} for a literal brace)`);
    return false;
  }
  let ok = true;
  for (const part of t.parts) {
    if (part.kind !== 'variable' || VARIABLES.has(part.text) || /^tags\.[^{}]+$/.test(part.text)) continue;
    const guess = nearest(part.text, VARIABLE_NAMES);
    ctx.report('invalid-template', p.range, `${decodesTo(p, decoded)}: unknown variable {${part.text}}${guess.length ? `; did you mean ${guess.map((g) => `{${g}}`).join(' or ')}?` : `; variables are ${VARIABLE_NAMES.map((n) => `{${n}}`).join(', ')}`}`);
    ok = false;
  }
  return ok;
}

function bucket(ctx: CheckContext, p: ParamNode, decoded: string, t: Template): void {
  const literal = t.parts.every((x) => x.kind === 'text');
  const name = render(t, 'a');
  const chars = /^[a-z0-9-]*$/.test(t.parts.filter((x) => x.kind === 'text').map((x) => x.text).join(''));
  const shape = !literal || (name.length >= 3 && name.length <= 63 && /^[a-z0-9].*[a-z0-9]$/.test(name));
  if (!chars || !shape) {
    ctx.report('invalid-bucket-name', p.range, `${decodesTo(p, decoded)}: a bucket name has 3 to 63 lowercase letters, digits and hyphens, and starts and ends with a letter or digit`);
  }
}

function object(ctx: CheckContext, action: ActionInfo, p: ParamNode, t: Template, decoded: string): void {
  const bytes = utf8Length(render(t, 'x'));
  const first = t.parts[0];
  if (bytes === 0 || bytes > 1023) {
    ctx.report('invalid-object-key', p.range, `${decodesTo(p, decoded)}: an object key has 1 to 1023 bytes (this has ${bytes})`);
  } else if (first?.kind === 'text' && /^[/\\]/.test(first.text)) {
    ctx.report('invalid-object-key', p.range, `${decodesTo(p, decoded)}: an object key must not start with '${first.text[0]}'`);
  }
  if (action.spec?.product === 'sys' && action.name === 'saveas') {
    extension(ctx, p, decoded, t);
    overwrite(ctx, action, p, decoded);
  }
}

const ALIASES: Record<string, string> = { jpeg: 'jpg', tif: 'tiff', heif: 'heic' };
const KNOWN_EXTENSIONS = new Set([
  'mp4', 'mkv', 'mov', 'asf', 'avi', 'mxf', 'ts', 'flv', 'webm', 'mp3', 'aac', 'flac', 'oga', 'ac3', 'opus', 'amr',
  'jpg', 'png', 'webp', 'bmp', 'gif', 'tiff', 'heic', 'avif', 'pdf', 'txt', 'm3u8', 'mpd',
]);

/** The format the processing stage writes, when the string says it. */
function outputFormats(ctx: CheckContext): string[] | undefined {
  const stage = ctx.stages[0];
  if (!stage || stage.product?.system) return undefined;
  let formats: string[] | undefined;
  for (const a of stage.actions) {
    if (!a.spec) continue;
    if (a.name === 'segment') {
      const protocol = a.written('f');
      if (protocol && formats) formats = [...formats, protocol === 'hls' ? 'm3u8' : 'mpd'];
      continue;
    }
    const f = known(a, 'f') ?? known(a, 'target') ?? (a.name === 'format' ? a.node.params.find((x) => !x.key)?.value?.text : undefined);
    if (f && KNOWN_EXTENSIONS.has(ALIASES[f] ?? f)) formats = [f];
  }
  return formats;
}

/** A written value the parameter accepts (an unknown one is reported elsewhere and says nothing here). */
function known(a: ActionInfo, key: string): string | undefined {
  const v = a.written(key);
  const ps = a.param(key);
  return v !== undefined && ps && (ps.type !== 'enum' || isEnumValue(ps, v)) ? v : undefined;
}

function extension(ctx: CheckContext, p: ParamNode, decoded: string, t: Template): void {
  const last = t.parts[t.parts.length - 1];
  if (!last || last.kind !== 'text') return;
  const dot = last.text.lastIndexOf('.');
  if (dot === -1 || last.text.indexOf('/', dot) !== -1) return;
  const ext = last.text.slice(dot + 1).toLowerCase();
  const norm = ALIASES[ext] ?? ext;
  const formats = outputFormats(ctx);
  if (!formats || !KNOWN_EXTENSIONS.has(norm) || formats.some((f) => (ALIASES[f] ?? f) === norm)) return;
  ctx.report('extension-mismatch', p.range, `${decodesTo(p, decoded)}, but the output is ${formats[0]}: name it .${formats[0]} or use .{autoext}`);
}

function overwrite(ctx: CheckContext, action: ActionInfo, p: ParamNode, decoded: string): void {
  const source = ctx.options.sourceKey;
  if (!source) return;
  const b = action.byKey.get('b');
  const bucketDecoded = b?.value && readBase64(b.value.text).text;
  if (b && bucketDecoded !== '{bucket}') return; // another bucket: cannot be the source
  const resolves = decoded === source || decoded === '{key}' || decoded === '{dirname}/{basename}';
  if (resolves) {
    ctx.report('output-overwrites-source', p.range, `${decodesTo(p, decoded)}, the source object itself: the output would overwrite its input`);
  }
}
