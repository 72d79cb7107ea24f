import { checkRegion, classifyLine, findDirectives, fixPasses, LineSplitter, placeLineDirective, Suppressor, type CheckOptions, type Diagnostic, type Directive, type Fix, type UnusedDirective } from '@ossproc/core';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { scanBytes, validateSource, type ByteSource } from '../files/read';
import type { FileWriter } from '../files/write';
import type { LintMessage } from '../types';
import type { ChunkResult } from './chunks';
import { unusedDirectiveMessage } from './directives';
import { fatalMessage, toMessage, type Locator } from './messages';
import { checkStrings, type CheckPool, type SparseResults } from './pool';
import type { FileReport } from './reporter';
import type { FileSettings } from './settings';

/**
 * .ossproc files, streamed: one processing string per line, `#` lines are comments. The file is read twice
 * and never held whole: a first pass checks the bytes (NUL, UTF-8) and looks for `ossproc-disable-file`
 * (which suppresses problems above it, so it must be known first); the second pass splits lines, checks
 * them in batches, applies suppression comments and reports each line's problems as soon as they are known.
 * Memory stays flat for a million lines. With worker threads (a large file), the second pass sends chunks of
 * bytes cut after a line break, and the workers decode, split and check them (lint/chunks.ts); this thread
 * only places the lines that come back with problems or directives.
 *
 * The result is the same as core's lintDocument on the whole text (a test compares them), by construction:
 * core's line reader (embed/ossproc.ts), core's per-region lint (checkRegion), core's Suppressor fed as the
 * lines go by, and core's fix-all loop (fixPasses) for --fix. Unused disable-file directives come last,
 * since only the end of the file shows them unused.
 */

/**
 * A batch ends at 1,024 lines or 64 Ki characters of strings, whichever comes first: its findings are held
 * until it is reported, so a file of long lines (each with thousands of findings) is reported a line or two
 * at a time and memory stays bounded by one line, not by a thousand.
 */
const BATCH_LINES = 1024;
const BATCH_CHARS = 1 << 16;
const DISABLE_FILE = 'ossproc-disable-file';

interface Line {
  lineNo: number;
  offset: number;
  text: string;
  eol: string;
  /** The trimmed string's bounds in `text` (a region), or -1 for blank and comment lines. */
  s: number;
  e: number;
  /** Index of the string in its batch's `strings`. */
  idx: number;
  /** A directive this comment line holds, placed in the file. */
  directive?: Directive;
}

interface Batch {
  lines: Line[];
  strings: string[];
  chars: number;
}

const newBatch = (): Batch => ({ lines: [], strings: [], chars: 0 });

/** A file's size, and its lines (estimated from its first MiB): what the plan of worker threads reads. */
export interface FileSize {
  bytes: number;
  lines: number;
}

export interface StreamOptions {
  settings: FileSettings;
  /** Worker threads for the checks, chosen once the first pass knows the file's size; none: this thread. */
  pool?: (size: FileSize, secondsPerString: () => number) => CheckPool | undefined;
  /** For --fix: where the fixed text goes (files/write.ts writes the file back safely). */
  writer?: FileWriter;
  /** --debug: where the time went. */
  log?: (msg: string) => void;
}

function classify(text: string, lineNo: number, offset: number, eol: string): Line {
  const c = classifyLine(text);
  const line: Line = { lineNo, offset, text, eol, s: -1, e: -1, idx: -1 };
  if (c.s === c.e) return line;
  if (c.comment) {
    const d = text.indexOf('ossproc-') < 0 ? undefined : findDirectives(text, 'ossproc')[0];
    if (d) line.directive = placeLineDirective(d, lineNo, offset);
    return line;
  }
  line.s = c.s;
  line.e = c.e;
  return line;
}

/** Where a directive was written, to place its "unused" warning: keyed by the directive's start offset. */
type DirectiveSources = Map<number, { lineNo: number; text: string; offset: number }>;

/** First pass: the bytes are valid text, and the disable-file directives (rare: found by a byte search first). */
async function firstPass(source: ByteSource): Promise<{ ok: true; bom: boolean; size: FileSize; head: Buffer; fileDirectives: Line[] } | { ok: false; message: LintMessage }> {
  const scan = await scanBytes(source, DISABLE_FILE);
  if (!scan.ok) {
    // the exact place of the problem, from a slower decoding pass
    const v = await validateSource(source);
    return { ok: false, message: v.ok ? fatalMessage(scan.message) : fatalMessage(v.message, v.line, v.column) };
  }
  const fileDirectives: Line[] = [];
  if (scan.found) {
    const decoder = new TextDecoder('utf-8');
    const splitter = new LineSplitter((text, lineNo, offset) => {
      if (text.indexOf(DISABLE_FILE) < 0) return;
      const line = classify(text, lineNo, offset, '');
      if (line.directive?.kind === 'disable-file') fileDirectives.push(line);
    });
    for await (const chunk of source()) splitter.push(decoder.decode(chunk, { stream: true }));
    splitter.push(decoder.decode());
    splitter.end();
  }
  const { bytes, sample } = scan;
  const lines = sample.bytes >= bytes ? sample.lines : Math.round((bytes * sample.lines) / Math.max(1, sample.bytes));
  return { ok: true, bom: scan.bom, size: { bytes, lines }, head: scan.head, fileDirectives };
}

/**
 * Strings of the file's first chunk read to learn how fast core checks it here (the first half warms up): one in
 * twenty of the file's lines, from 1,000 to 8,000, so that timing costs a small file little.
 */
export const sampleSize = (lines: number): number => Math.round(Math.min(8000, Math.max(1000, lines / 20)));
/** The timed half is timed in slices of this many strings, and the median slice taken. */
const SLICE = 250;

/**
 * Seconds core takes to check one string of the file on this thread, from the strings of its first chunk
 * (whole lines), in the steady state a long file is checked in: the first half of them warms the JIT and
 * teaches core their shapes (which the rest of the file mostly shares), and the second half is timed, in
 * slices of which the median is taken (a collection that falls in one slice is not the file's rate). Timing
 * the first strings instead took the learning and unoptimised code for the rate, 3-10 times the real one, and
 * started workers that did not pay; timing the same strings again took the memo's answers for it.
 */
export function timeChecks(head: Buffer, options: CheckOptions, sample = 1000): number {
  const strings: string[] = [];
  const splitter = new LineSplitter((text) => {
    const c = classifyLine(text);
    if (strings.length < sample && c.s !== c.e && !c.comment) strings.push(text.slice(c.s, c.e));
  });
  splitter.push(new TextDecoder().decode(head));
  if (strings.length === 0) return 0;
  const warm = strings.length >> 1;
  for (let i = 0; i < warm; i++) checkRegion({ text: strings[i]! }, options);
  const slices: number[] = [];
  for (let from = warm; from < strings.length; from += SLICE) {
    const to = Math.min(strings.length, from + SLICE);
    const t = performance.now();
    for (let i = from; i < to; i++) checkRegion({ text: strings[i]! }, options);
    slices.push((performance.now() - t) / 1000 / (to - from));
  }
  return slices.sort((a, b) => a - b)[slices.length >> 1]!;
}

export async function lintOssprocStream(source: ByteSource, report: FileReport, opts: StreamOptions): Promise<void> {
  const started = performance.now();
  const first = await firstPass(source);
  if (!first.ok) {
    report.add(first.message);
    report.end();
    return;
  }
  const firstMs = performance.now() - started;
  const engine = new LineEngine(report, opts, first.fileDirectives, first.bom);
  await engine.open();
  const pool = opts.settings.fix === 'off' ? opts.pool?.(first.size, () => timeChecks(first.head, opts.settings.check, sampleSize(first.size.lines))) : undefined;
  if (pool) await chunked(source, engine, pool, opts.settings);
  else await inThread(source, engine);
  const ms = (n: number) => `${Math.round(n)} ms`;
  const total = performance.now() - started;
  opts.log?.(`${first.size.bytes} bytes: first pass (bytes, UTF-8, disable-file) ${ms(firstMs)}; ${pool ? `checks on ${pool.size} worker thread(s)` : `checks ${ms(engine.checkMs)}`}; reading, splitting and reporting ${ms(total - firstMs - engine.checkMs)}`);
}

/** The second pass on this thread: lines decoded and split as they are read, checked a batch at a time. */
async function inThread(source: ByteSource, engine: LineEngine): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let batch = newBatch();
  const ready: Batch[] = [];
  const splitter = new LineSplitter((text, lineNo, offset, eol) => {
    const line = classify(text, lineNo, offset, eol);
    if (line.s >= 0) {
      line.idx = batch.strings.length;
      batch.strings.push(text.slice(line.s, line.e));
      batch.chars += line.e - line.s;
    } else if (!line.directive && !engine.keepsEveryLine) return;
    batch.lines.push(line);
    if (batch.lines.length >= BATCH_LINES || batch.chars >= BATCH_CHARS) {
      ready.push(batch);
      batch = newBatch();
    }
  });
  try {
    for await (const chunk of source()) {
      splitter.push(decoder.decode(chunk, { stream: true }));
      while (ready.length) await engine.submit(ready.shift()!);
    }
    splitter.push(decoder.decode());
    splitter.end();
    ready.push(batch);
    while (ready.length) await engine.submit(ready.shift()!);
    await engine.finish();
  } catch (e) {
    await engine.abort();
    throw e;
  }
}

/** Size of the chunks sent to workers (cut after the last line break in it). */
const CHUNK_BYTES = 1 << 18;

/**
 * The second pass on worker threads: chunks of bytes out, lines with something to say back, in order. Each
 * chunk is gathered in a buffer of its own and moved to the worker (transferred, not copied); only the part
 * after its last line break is copied, into the next one.
 */
async function chunked(source: ByteSource, engine: LineEngine, pool: CheckPool, settings: FileSettings): Promise<void> {
  // the source's chunks are reused by the reader, so they are copied once, here
  let acc = new Uint8Array(CHUNK_BYTES * 2);
  let size = 0;
  let first = true;
  const send = (end: number, last: boolean) => {
    const next = new Uint8Array(Math.max(CHUNK_BYTES * 2, size - end));
    next.set(acc.subarray(end, size));
    engine.submitChunk(pool.scan(acc.subarray(0, end), first, last, settings.check));
    acc = next;
    size -= end;
    first = false;
  };
  try {
    for await (const chunk of source()) {
      if (size + chunk.length > acc.length) {
        const bigger = new Uint8Array(Math.max(acc.length * 2, size + chunk.length));
        bigger.set(acc.subarray(0, size));
        acc = bigger;
      }
      acc.set(chunk, size);
      size += chunk.length;
      if (size < CHUNK_BYTES) continue;
      const nl = acc.lastIndexOf(10, size - 1);
      if (nl < 0) continue; // one long line so far: keep gathering
      send(nl + 1, false);
      await engine.drain(pool.size * 2);
    }
    send(size, true);
    await engine.finish();
  } catch (e) {
    await engine.abort();
    throw e;
  }
}

class LineEngine {
  /** Core's suppression engine, fed the directives as their lines go by (disable-file ones first). */
  private readonly suppressor = new Suppressor();
  private readonly sources: DirectiveSources = new Map();
  private readonly settings: FileSettings;
  private readonly unusedSeverity;
  /** --fix: the text written so far (dry run) or the stream to the temporary file. */
  private fixedParts: string[] | undefined;
  private fixedStream: Writable | undefined;
  private changed = false;
  /** Offset of the next line in the fixed text. */
  private outOffset = 0;

  constructor(
    private readonly report: FileReport,
    private readonly opts: StreamOptions,
    fileDirectives: Line[],
    private readonly bom: boolean,
  ) {
    this.settings = opts.settings;
    this.unusedSeverity = this.settings.unusedDirectives;
    for (const line of fileDirectives) this.addDirective(line);
  }

  get keepsEveryLine(): boolean {
    return this.settings.fix !== 'off';
  }

  async open(): Promise<void> {
    if (this.settings.fix === 'dry-run') this.fixedParts = [];
    if (this.settings.fix === 'apply' && this.opts.writer) {
      this.fixedStream = this.opts.writer.stream;
      if (this.bom) this.fixedStream.write('\ufeff');
    }
  }

  /** Time spent in core's checks on this thread (--debug). */
  checkMs = 0;

  /** A batch of lines checked on this thread (small files, and --fix). */
  async submit(batch: Batch): Promise<void> {
    let results: SparseResults | undefined;
    if (this.settings.fix === 'off') {
      const t = performance.now();
      results = checkStrings(batch.strings, this.settings.check);
      this.checkMs += performance.now() - t;
    }
    this.consume(batch, results);
    await this.flush();
  }

  /** Chunks scanned on workers, waiting to be placed in order. */
  private readonly chunks: Promise<ChunkResult>[] = [];
  private lineBase = 0;
  private offsetBase = 0;

  submitChunk(result: Promise<ChunkResult>): void {
    // a rejected chunk is reported when its turn comes
    result.catch(() => {});
    this.chunks.push(result);
  }

  /** Places finished chunks until at most `max` are in flight. */
  async drain(max: number): Promise<void> {
    while (this.chunks.length > max) await this.placeChunk(await this.chunks.shift()!);
  }

  /** Turns a chunk's lines into this file's lines and consumes them like a batch. */
  private async placeChunk(r: ChunkResult): Promise<void> {
    const lines: Line[] = [];
    const results: SparseResults = [];
    r.items.forEach((item, i) => {
      const lineNo = this.lineBase + item.line;
      const offset = this.offsetBase + item.offset;
      const line: Line = { lineNo, offset, text: item.text, eol: '', s: item.s, e: item.e, idx: i };
      if (item.directive) line.directive = placeLineDirective(item.directive, lineNo, offset);
      if (item.diagnostics) results.push([i, item.diagnostics]);
      lines.push(line);
    });
    this.lineBase += r.lines;
    this.offsetBase += r.length;
    this.consume({ lines, strings: [], chars: 0 }, results);
    await this.flush();
  }

  private async flush(): Promise<void> {
    await this.report.out.flush();
    if (this.fixedStream && this.fixedStream.writableNeedDrain) await once(this.fixedStream, 'drain');
  }

  private addDirective(line: Line): void {
    const d = line.directive!;
    this.suppressor.add(d);
    this.sources.set(d.range.start, { lineNo: line.lineNo, text: line.text, offset: line.offset });
  }

  /** Walks a batch in line order: directives, suppression, messages (and fixes). */
  private consume(batch: Batch, results: SparseResults | undefined): void {
    let r = 0;
    for (const line of batch.lines) {
      if (line.s < 0) {
        // a blank or comment line: directives aimed at it or before it are done
        this.release(line.lineNo + 1);
        if (line.directive && line.directive.kind !== 'disable-file') this.addDirective(line);
        this.writeFixed(line.text + line.eol);
        continue;
      }
      this.release(line.lineNo);
      let text = line.text;
      let diagnostics: Diagnostic[];
      if (results) {
        while (r < results.length && results[r]![0] < line.idx) r++;
        diagnostics = r < results.length && results[r]![0] === line.idx ? results[r]![1] : [];
      } else {
        const fixed = this.fixLine(line);
        text = fixed.text;
        diagnostics = fixed.diagnostics;
      }
      const offset = this.fixedParts || this.fixedStream ? this.outOffset : line.offset;
      const kept: Diagnostic[] = [];
      for (const d of diagnostics) if (!this.suppressor.suppresses(d.ruleId, line.lineNo)) kept.push(d);
      // the comment above this line is placed before the line's own problems
      this.release(line.lineNo + 1);
      if (kept.length) this.emitLine(kept, line, text, offset);
      this.writeFixed(text + line.eol);
    }
  }

  /** Reports the unused directives for lines before `lineNo`. */
  private release(lineNo: number): void {
    for (const u of this.suppressor.release(lineNo)) this.emitUnused(u);
  }

  private emitUnused(u: UnusedDirective): void {
    const src = this.sources.get(u.range.start);
    this.sources.delete(u.range.start);
    if (this.unusedSeverity === 'off' || !src) return;
    const at = (o: number) => ({ line: src.lineNo + 1, column: o - src.offset + 1 });
    this.report.add(unusedDirectiveMessage(u, this.unusedSeverity, at(u.range.start), at(u.range.end), src.text));
  }

  /** The problems of one string, region offsets mapped to the line (a trimmed slice of it). */
  private emitLine(diagnostics: Diagnostic[], line: Line, text: string, lineOffset: number): void {
    const s = line.s;
    const len = text.length - (line.text.length - line.e) - s;
    const base = lineOffset + s;
    const at = (i: number) => base + Math.max(0, Math.min(i, len));
    const loc: Locator = {
      position: (o) => ({ line: line.lineNo + 1, column: o - lineOffset + 1 }),
      lineText: () => text,
      slice: (a, b) => text.slice(a - lineOffset, b - lineOffset),
    };
    for (const d of diagnostics) {
      const host: Diagnostic = { ruleId: d.ruleId, severity: d.severity, message: d.message, range: { start: at(d.range.start), end: at(d.range.end) } };
      if (d.fixes) host.fixes = d.fixes.map((f): Fix => ({ ...f, edits: f.edits.map((e) => ({ range: { start: at(e.range.start), end: at(e.range.end) }, newText: e.newText })) }));
      this.report.add(toMessage(host, loc));
    }
  }

  /** --fix on one line: core's fix-all loop over the string, for problems no directive covers. */
  private fixLine(line: Line): { text: string; diagnostics: Diagnostic[] } {
    const options = this.settings.check;
    const lint = (t: string) => ({ diagnostics: checkRegion({ text: t }, options) });
    const region = line.text.slice(line.s, line.e);
    const accept = (d: Diagnostic) => !this.suppressor.covers(d.ruleId, line.lineNo) && (!this.settings.quiet || d.severity === 'error');
    const t = performance.now();
    const fixed = fixPasses(region, lint(region), lint, accept);
    this.checkMs += performance.now() - t;
    this.report.fixedProblems(fixed.applied.length);
    const text = line.text.slice(0, line.s) + fixed.text + line.text.slice(line.e);
    if (text !== line.text) this.changed = true;
    return { text, diagnostics: fixed.result.diagnostics };
  }

  private writeFixed(s: string): void {
    if (this.fixedParts) this.fixedParts.push(s);
    else if (this.fixedStream) this.fixedStream.write(s);
    this.outOffset += s.length;
  }

  async finish(): Promise<void> {
    await this.drain(0);
    for (const u of this.suppressor.finish()) this.emitUnused(u);
    let output: string | undefined;
    if (this.fixedParts && this.changed) output = (this.bom ? '\ufeff' : '') + this.fixedParts.join('');
    const writer = this.opts.writer;
    if (writer) {
      // a file that may not be written is linted without fixing: what it would fix is what is fixable
      const c = this.report.counts;
      const outcome = await writer.finish(this.fixedStream ? this.changed : c.fixableErrorCount + c.fixableWarningCount > 0);
      if (outcome.kind === 'refused') this.report.add(fatalMessage(`not fixed: ${outcome.reason}`));
    }
    this.report.end(output);
    await this.flush();
  }

  async abort(): Promise<void> {
    await this.opts.writer?.abort();
  }
}
