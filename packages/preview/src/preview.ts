import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { imageExtension, processImage, type ImageResult } from './image/pipeline';
import { planConvert, planSnapshot, mediaExtension, type MediaPlan } from './media/plan';
import { probe, probeSource, type MediaInfo } from './media/probe';
import { encoders, lastLines, resolveTools, run, shellQuote } from './media/tools';
import { checkSegments, compare, type Check } from './media/verify';
import { insideFolder } from './paths';
import { PreviewError, readRequest, TaskFailure, type Request } from './request';
import { defaultBucketName, expandTarget, uploadedAt } from './target';

export interface PreviewOptions {
  /** The source file. */
  input: string;
  /** Where to write: a file, or (with a sys/saveas target) the folder the target is relative to. */
  output?: string;
  /** The folder that stands for the bucket (the local server's DIR): targets go inside it, keys are relative to it. */
  root?: string;
  cwd?: string;
  /** The ffmpeg binary; ffprobe is looked for beside it. */
  ffmpeg?: string;
  /** Faster encoder presets. */
  fast?: boolean;
  /** Called with the ffmpeg command before it runs. */
  onCommand?: (command: string) => void;
  /** Decides the plan and prints the command, without running it. */
  dryRun?: boolean;
  /** Stops a running ffmpeg (the server's shutdown). */
  signal?: AbortSignal;
}

export interface PreviewResult {
  kind: 'media' | 'image';
  /** The ffmpeg command (media), shell-quoted. */
  command?: string;
  /** Files written, absolute. */
  outputs: string[];
  /** The output read back against what the string asked. */
  checks: Check[];
  /** What the local run decided that the string does not state. */
  notes: string[];
  /** The media output as ffprobe read it back. */
  probed?: MediaInfo;
  /** info / average-hue: the JSON the service returns. */
  json?: unknown;
  /** The processed image's bytes and MIME type (images only). */
  image?: { data: Buffer; contentType: string };
  ok: boolean;
}

/** Reads, checks and runs a processing string on a local file. A string with errors throws RefusedError. */
export async function preview(text: string, options: PreviewOptions): Promise<PreviewResult> {
  const request = readRequest(text);
  if (request.errors.length) throw new RefusedError(request);
  return runRequest(request, options);
}

/** The string has errors; `request.diagnostics` are core's, as `ossproc lint` prints them. */
export class RefusedError extends Error {
  override readonly name = 'RefusedError';
  constructor(readonly request: Request) {
    super(`the processing string has ${request.errors.length} error${request.errors.length === 1 ? '' : 's'}`);
  }
}

export function kindOf(request: Request): 'media' | 'image' {
  const head = request.steps[0];
  if (!head) throw new PreviewError('the string has no processing step to run');
  if (head.product === 'image') return 'image';
  if ((head.product === 'video' && (head.action === 'convert' || head.action === 'snapshot')) || (head.product === 'audio' && head.action === 'convert')) return 'media';
  if (head.product === 'style') throw new PreviewError(`style/${head.action} is stored in a bucket: pass its processing string, or serve a folder with --styles`);
  throw new PreviewError(`${head.product}/${head.action} cannot run locally; preview runs video/convert, video/snapshot, audio/convert and image/*`, 'Unsupported');
}

export async function runRequest(request: Request, options: PreviewOptions): Promise<PreviewResult> {
  const cwd = options.cwd ?? process.cwd();
  const input = resolve(cwd, options.input);
  if (!existsSync(input) || !statSync(input).isFile()) throw new PreviewError(`${options.input}: no such file`, 'NoSuchKey');
  const kind = kindOf(request);
  const autoext = kind === 'image' ? imageExtension(request.steps, input) : mediaExtension(request.steps);
  const output = outputPath(request, { ...options, input, cwd }, autoext);
  if (resolve(output) === input) throw new PreviewError('the output would overwrite the source; the service refuses a target equal to the source');
  mkdirSync(dirname(output), { recursive: true });
  if (kind === 'image') return imageResult(await processImage(request.steps, input, { root: options.root ?? dirname(input) }), output, !!options.dryRun);
  return runMedia(request, input, output, options);
}

function imageResult(r: ImageResult, output: string, dryRun: boolean): PreviewResult {
  const result: PreviewResult = { kind: 'image', outputs: [], checks: r.checks, notes: r.notes, ok: r.checks.every((c) => c.ok) };
  if (r.json !== undefined) result.json = r.json;
  if (r.data) {
    result.image = { data: r.data, contentType: r.contentType };
    if (!dryRun) {
      writeFileAtomic(output, r.data);
      result.outputs.push(output);
    }
  }
  return result;
}

function writeFileAtomic(path: string, data: Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

async function runMedia(request: Request, input: string, output: string, options: PreviewOptions): Promise<PreviewResult> {
  const tools = resolveTools(options.ffmpeg);
  const source = await probeSource(tools, input);
  const head = request.steps[0]!;
  let plan: MediaPlan;
  if (head.action === 'snapshot') plan = planSnapshot(head, source, input, output);
  else plan = planConvert(request.steps, source, input, output, { encoders: await encoders(tools), ...(options.fast ? { fast: true } : {}) });
  const command = shellQuote([tools.ffmpeg, ...plan.args]);
  options.onCommand?.(command);
  const result: PreviewResult = { kind: 'media', command, outputs: [], checks: [], notes: plan.notes, ok: true };
  if (options.dryRun) return result;
  const r = await run(tools.ffmpeg, plan.args, options.signal ? { signal: options.signal } : {});
  if (r.code !== 0) throw new TaskFailure(`ffmpeg failed: ${lastLines(r.stderr) || `exit code ${r.code}`}`);
  const out = await probe(tools, plan.output);
  result.probed = out;
  result.checks = compare(plan.expect, out);
  result.outputs.push(plan.output);
  if (plan.segments) {
    const duration = Number(plan.expect.find((e) => e.property === 'duration')?.value ?? out.duration);
    const seg = checkSegments(plan.segments, plan.output, duration);
    result.checks.push(...seg.checks);
    result.outputs.push(...seg.files.map((f) => join(dirname(plan.output), f)));
  }
  result.ok = result.checks.every((c) => c.ok);
  return result;
}

/**
 * Where the result goes. With a sys/saveas target: the decoded key (variables expanded) inside the folder
 * (the served DIR, or OUTPUT's folder, or the working folder), a `b_` bucket being a subfolder. Without one:
 * OUTPUT, or `<name>.preview.<ext>` beside the working folder. Never outside that folder.
 */
export function outputPath(request: Request, options: PreviewOptions & { input: string; cwd: string }, autoext: string): string {
  const input = options.input;
  const root = options.root ? resolve(options.root) : undefined;
  const out = options.output !== undefined ? resolve(options.cwd, options.output) : undefined;
  if (!request.saveas) {
    if (out && !(existsSync(out) && statSync(out).isDirectory())) return out;
    return join(out ?? root ?? options.cwd, `${basename(input, extname(input))}.preview.${autoext}`);
  }
  const folder = root ?? (out ? (existsSync(out) && statSync(out).isDirectory()) || /[\\/]$/.test(options.output!) ? out : dirname(out) : options.cwd);
  const keyRoot = root ?? dirname(input);
  const ctx = {
    bucket: root ? defaultBucketName(root) : defaultBucketName(dirname(input)),
    key: relative(keyRoot, input).split(sep).join('/'),
    autoext,
    uploaded: uploadedAt(input),
  };
  const key = expandTarget(request.saveas.object, ctx);
  const bucket = request.saveas.bucket !== undefined ? expandTarget(request.saveas.bucket, ctx) : undefined;
  return insideFolder(folder, [bucket, key].filter((p): p is string => !!p).join('/'));
}
