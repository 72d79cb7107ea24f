import { isEnumValue, TARGET_VARIABLES } from '../catalog';
import type { ActionSpec, ParamSpec } from '../catalog/types';
import type { ParamNode } from '../syntax/tree';
import type { Range } from '../text/range';
import { encodeBase64Url, readBase64, utf8Length, type Base64Reading } from '../text/base64';
import { hasHole, type ActionInfo, type CheckContext } from './context';
import type { Fix } from './diagnostic';
import { checkNested } from './nested';
import { Memo, textBytes } from './memo';
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
      const written = action.byKey.get(ps.key);
      if (!written) continue;
      const value = written.value?.text ?? '';
      if (value === '' || hasHole(value)) continue;
      const p = withTail(action, written);
      const decoded = decode(ctx, action, p, ps);
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
 * small memo (bounded by bytes; a cache, not a memory).
 */
const readings = new Memo<string, Base64Reading>(1024 * 1024);
function read(value: string): Base64Reading {
  let r = readings.get(value);
  if (!r) readings.set(value, (r = readBase64(value)), 2 * textBytes(value) + 64);
  return r;
}

const B64_WORD = /^[A-Za-z0-9+_=-]+$/;
const tails = new WeakMap<ActionInfo, ActionInfo[]>();
const NO_TAIL: readonly ActionInfo[] = [];

/**
 * Standard base64 writes '/', which starts a new action in a processing string: `o_YT8/Lm1wNA` reads as the
 * value `YT8` and an action `Lm1wNA`. These are the unknown, parameterless actions that continue the last
 * parameter of `action` that way, when the value they make together reads as base64 of text.
 */
export function base64Tail(action: ActionInfo): readonly ActionInfo[] {
  // nearly always the last parameter is not base64, or the next action is known: no tail, nothing to remember
  const last = action.node.params[action.node.params.length - 1];
  const ps = last?.key && action.param(last.key.text);
  if (!last?.value || last.value.text === '' || !ps || ps.type !== 'base64' || ps.positional) return NO_TAIL;
  const actions = action.stage.actions;
  const at = action.index; // not indexOf: a stage of many such actions would be quadratic
  const next = actions[at + 1];
  if (!next || next.spec || next.node.commas.length > 0) return NO_TAIL;
  let tail = tails.get(action);
  if (tail) return tail;
  tail = [];
  let value = last.value.text;
  for (let j = at + 1; j < actions.length; j++) {
    const next = actions[j]!;
    if (next.spec || next.node.commas.length > 0 || !B64_WORD.test(next.node.name.text)) break;
    value += `/${next.node.name.text}`;
    tail.push(next);
  }
  // it is the value's when it reads as base64 of text, or is base64 by its look ('+', '=') though misshapen
  const r = tail.length ? read(value) : undefined;
  const looks = /[+=]/.test(value.slice(last.value.text.length));
  if (!r || r.problem === 'alphabet' || !(r.problem ? looks : readable(r.text!))) tail = [];
  tails.set(action, tail);
  return tail;
}

/** The parameter with the value its '/' tail continues, as one parameter node. */
function withTail(action: ActionInfo, p: ParamNode): ParamNode {
  const tail = action.node.params[action.node.params.length - 1] === p ? base64Tail(action) : [];
  if (tail.length === 0) return p;
  const end = tail[tail.length - 1]!.node.name.range.end;
  const text = [p.value!.text, ...tail.map((a) => a.node.name.text)].join('/');
  return { ...p, range: { start: p.range.start, end }, value: { text, range: { start: p.value!.range.start, end } } };
}

/** Text a person could mean: no control characters, no replacement character. */
function readable(text: string): boolean {
  return !/[\u0000-\u001f\u007f\ufffd]/.test(text);
}

function decode(ctx: CheckContext, action: ActionInfo, p: ParamNode, ps: ParamSpec): string | undefined {
  const key = ps.key;
  const value = p.value!.text;
  const valueRange = p.value!.range;
  const r = read(value);
  if (r.problem === 'alphabet') {
    notBase64(ctx, action, p, ps);
    return undefined;
  }
  if (r.problem) {
    const why = r.problem === 'length' ? 'its length is not that of base64' : 'it does not decode to UTF-8 text';
    ctx.report('invalid-base64', p.range, `${labelOf(p)}: ${key} must be URL-safe base64 of the ${what(ps)}, and ${why}`, {
      fixes: validAs(ctx, action, p, ps, value) ? [encodeFix(value, valueRange, false)] : undefined,
    });
    return undefined;
  }
  if (r.padding > 0) {
    const end = valueRange.end;
    ctx.report('base64-padding', { start: end - r.padding, end }, `${labelOf(p)}: base64 padding '${'='.repeat(r.padding)}' is accepted, but the documented form strips it`, {
      fixes: [{ title: 'Strip the padding', edits: [{ range: { start: end - r.padding, end }, newText: '' }], certain: true }],
    });
  }
  const plus = value.includes('+');
  const slash = value.includes('/');
  if (plus || slash) {
    const why =
      plus && slash
        ? "'+' and '/' are standard base64; in a URL '+' turns into a space, and '/' starts a new action. The URL-safe alphabet writes '-' and '_'"
        : plus
          ? "'+' is standard base64; in a URL it turns into a space. The URL-safe alphabet writes '-'"
          : "'/' is standard base64, and starts a new action in a processing string. The URL-safe alphabet writes '_'";
    const title = [plus && "'+' with '-'", slash && "'/' with '_'"].filter(Boolean).join(' and ');
    const newText = value.replaceAll('+', '-').replaceAll('/', '_');
    ctx.report('base64-alphabet', p.range, `${labelOf(p)}: ${why}`, {
      fixes: writtenAsRead(ctx, p.value!) ? [{ title: `Replace ${title}`, edits: [{ range: valueRange, newText }], certain: true }] : undefined,
    });
  }
  return r.text;
}

/**
 * A value with characters no base64 has: the plain text itself (`out.mp4`), for which the encoding is offered
 * when it would be valid, or base64 with a stray character (`b3V0Lm1wNA!`), which is named.
 */
function notBase64(ctx: CheckContext, action: ActionInfo, p: ParamNode, ps: ParamSpec): void {
  const value = p.value!.text;
  // by code point, in one pass: the stray characters once each, in order, and the rest as written
  const stray: string[] = [];
  let rest = '';
  for (const ch of value) {
    if (isBase64Char(ch)) rest += ch;
    else if (!stray.includes(ch)) stray.push(ch);
  }
  const reading = stray.length <= 2 && rest.length >= 4 ? read(rest) : undefined;
  const start = `${labelOf(p)}: ${ps.key} must be URL-safe base64 of the ${what(ps)}`;
  if (reading && !reading.problem && textLike(reading.text!) && value.length - rest.length <= 2) {
    const named = stray.map((ch) => `'${ch}'`).join(' and ');
    ctx.report('invalid-base64', p.range, `${start}; ${named} ${stray.length === 1 ? 'is not a base64 character' : 'are not base64 characters'}`, {
      fixes: writtenAsRead(ctx, p.value!) ? [{ title: `Remove ${named}`, edits: [{ range: p.value!.range, newText: rest }], certain: false }] : undefined,
    });
    return;
  }
  // a character no base64 has ('.', '{', ' '): this is the plain text, not its encoding
  const encoded = validAs(ctx, action, p, ps, value);
  ctx.report('invalid-base64', p.range, `${start}; '${value}' looks like plain text${encoded ? ` (encoded: ${encodeBase64Url(value)})` : `, and is not a valid ${what(ps)} either`}`, {
    fixes: encoded ? [encodeFix(value, p.value!.range, true)] : undefined,
  });
}

/** One character of B64_WORD's alphabet (a code point: an astral one is two units, and never base64). */
function isBase64Char(ch: string): boolean {
  if (ch.length !== 1) return false;
  const c = ch.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 95 || c === 61 || c === 45;
}

/** Mostly letters, digits and the punctuation of names: what an encoded target decodes to, not noise. */
function textLike(text: string): boolean {
  const chars = [...text];
  return chars.length >= 3 && chars.filter((ch) => /[\p{L}\p{N}._\-/{} ]/u.test(ch)).length >= 0.8 * chars.length;
}

/** Whether `plain`, encoded, would be a valid value of the parameter: its decoded checks find no error. */
function validAs(ctx: CheckContext, action: ActionInfo, p: ParamNode, ps: ParamSpec, plain: string): boolean {
  const mark = ctx.diagnostics.length;
  checkDecoded(ctx, action, p, ps, plain);
  return !ctx.diagnostics.splice(mark).some((d) => d.severity === 'error');
}

/** The value's text is what is written (no percent-escape in it): an edit can replace it character for character. */
function writtenAsRead(ctx: CheckContext, w: { text: string; range: Range }): boolean {
  return ctx.text.slice(w.range.start, w.range.end) === w.text;
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
      if (ps.max === undefined) return;
      // a watermark's limit is on the UTF-8 bytes before encoding ("about 20 Chinese characters"); a blind
      // watermark's on the characters
      const chars = ps.unit === 'characters';
      const size = chars ? [...decoded].length : utf8Length(decoded);
      if (size > ps.max) ctx.report('value-out-of-range', p.range, `${labelOf(p)} decodes to ${size} ${chars ? 'characters' : 'bytes of UTF-8'}: ${ps.key} must be at most ${ps.max} ${chars ? 'characters' : 'bytes'} before encoding`);
      return;
    }
    case 'process-ref':
      checkNested(ctx, p, decoded, ps.nested);
      return;
  }
}

const templates = new Memo<string, Template>(1024 * 1024);
function template(decoded: string): Template {
  let t = templates.get(decoded);
  if (!t) templates.set(decoded, (t = readTemplate(decoded)), 4 * textBytes(decoded) + 64 * 4);
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
  if (!bucketOk(t)) {
    ctx.report('invalid-bucket-name', p.range, `${decodesTo(p, decoded)}: a bucket name has 3 to 63 lowercase letters, digits and hyphens, and starts and ends with a letter or digit`);
  }
}

const BUCKET_CHARS = /^[a-z0-9-]*$/;
const BUCKET_ENDS = /^[a-z0-9].*[a-z0-9]$/;
/** Verdicts per template: pure, and templates are kept per decoded text (the same buckets recur). */
const bucketVerdicts = new WeakMap<Template, boolean>();

/** Whether a (template of a) bucket name has the allowed characters and, when literal, the allowed shape. */
function bucketOk(t: Template): boolean {
  let ok = bucketVerdicts.get(t);
  if (ok === undefined) {
    const literal = t.parts.every((x) => x.kind === 'text');
    const name = render(t, 'a');
    const chars = BUCKET_CHARS.test(t.parts.filter((x) => x.kind === 'text').map((x) => x.text).join(''));
    const shape = !literal || (name.length >= 3 && name.length <= 63 && BUCKET_ENDS.test(name));
    bucketVerdicts.set(t, (ok = chars && shape));
  }
  return ok;
}

/** A key's UTF-8 length with each variable as one character, per template (pure; the same keys recur). */
const keyBytes = new WeakMap<Template, number>();

function object(ctx: CheckContext, action: ActionInfo, p: ParamNode, t: Template, decoded: string): void {
  let bytes = keyBytes.get(t);
  if (bytes === undefined) keyBytes.set(t, (bytes = utf8Length(render(t, 'x'))));
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

/** Extensions written another way (a Map: the key is what the string writes, never a prototype's member). */
export const ALIASES: ReadonlyMap<string, string> = new Map([['jpeg', 'jpg'], ['tif', 'tiff'], ['heif', 'heic']]);
/** The extensions a saveas target's name is compared with the output format by (others say nothing). */
export const KNOWN_EXTENSIONS: ReadonlySet<string> = new Set([
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
    if (f && KNOWN_EXTENSIONS.has(ALIASES.get(f) ?? f)) formats = [f];
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
  const norm = ALIASES.get(ext) ?? ext;
  const formats = outputFormats(ctx);
  if (!formats || !KNOWN_EXTENSIONS.has(norm) || formats.some((f) => (ALIASES.get(f) ?? f) === norm)) return;
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
