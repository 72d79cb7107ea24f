import { applyFixes, check, findDirectives, type Diagnostic, type Directive, type Fix } from '@ossproc/core';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { scanBytes, validateSource, type ByteSource } from '../files/read';
import type { FileWriter } from '../files/write';
import type { LintMessage } from '../types';
import type { ChunkResult } from './chunks';
import { TrackedDirective } from './directives';
import { classifyLine, LineSplitter } from './lines';
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
 * The result is the same as core's lintDocument on the whole text (a test compares them): the same lines
 * and trimming (`\n`, `\r\n`, lone `\r`; blanks as core counts them), the same check per string, the same
 * suppression rules (disable-line, disable-next-line for the line after the comment, disable-file), the same
 * order. Unused disable-file directives come last, since only the end of the file shows them unused.
 */

const BATCH = 1024;
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
  /** A directive this comment line holds. */
  directive?: TrackedDirective;
}

interface Batch {
  lines: Line[];
  strings: string[];
}

export interface StreamOptions {
  settings: FileSettings;
  /** Worker threads for the checks; undefined checks on this thread. */
  pool: CheckPool | undefined;
  /** For --fix: where the fixed text goes (files/write.ts writes the file back safely). */
  writer?: FileWriter;
}

/** Reads the directive of a comment line (`lineNo` is its 0-based number, `offset` its start). */
function lineDirective(text: string, lineNo: number, offset: number): TrackedDirective | undefined {
  if (text.indexOf('ossproc-') < 0) return undefined;
  const d = findDirectives(text, 'ossproc')[0];
  return d ? track(d, text, lineNo, offset) : undefined;
}

/** A directive of a line, in the line's offsets, placed in the file. */
function track(d: Directive, text: string, lineNo: number, offset: number): TrackedDirective {
  const abs = { ...d, range: { start: d.range.start + offset, end: d.range.end + offset }, line: d.line < 0 ? -1 : d.line + lineNo };
  return new TrackedDirective(abs, lineNo + 1, text, offset);
}

function classify(text: string, lineNo: number, offset: number, eol: string): Line {
  const c = classifyLine(text);
  const line: Line = { lineNo, offset, text, eol, s: -1, e: -1, idx: -1 };
  if (c.s === c.e) return line;
  if (c.comment) {
    const d = lineDirective(text, lineNo, offset);
    if (d) line.directive = d;
    return line;
  }
  line.s = c.s;
  line.e = c.e;
  return line;
}

/** First pass: the bytes are valid text, and the disable-file directives (rare: found by a byte search first). */
async function firstPass(source: ByteSource): Promise<{ ok: true; bom: boolean; fileDirectives: TrackedDirective[] } | { ok: false; message: LintMessage }> {
  const scan = await scanBytes(source, DISABLE_FILE);
  if (!scan.ok) {
    // the exact place of the problem, from a slower decoding pass
    const v = await validateSource(source);
    return { ok: false, message: v.ok ? fatalMessage(scan.message) : fatalMessage(v.message, v.line, v.column) };
  }
  const fileDirectives: TrackedDirective[] = [];
  if (scan.found) {
    const decoder = new TextDecoder('utf-8');
    const splitter = new LineSplitter((text, lineNo, offset) => {
      if (text.indexOf(DISABLE_FILE) < 0) return;
      const line = classify(text, lineNo, offset, '');
      if (line.directive && line.directive.directive.kind === 'disable-file') fileDirectives.push(line.directive);
    });
    for await (const chunk of source()) splitter.push(decoder.decode(chunk, { stream: true }));
    splitter.push(decoder.decode());
    splitter.end();
  }
  return { ok: true, bom: scan.bom, fileDirectives };
}

export async function lintOssprocStream(source: ByteSource, report: FileReport, opts: StreamOptions): Promise<void> {
  const first = await firstPass(source);
  if (!first.ok) {
    report.add(first.message);
    report.end();
    return;
  }
  const engine = new LineEngine(report, opts, first.fileDirectives, first.bom);
  await engine.open();
  if (opts.pool && opts.settings.fix === 'off') return chunked(source, engine, opts.pool, opts.settings);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let batch: Batch = { lines: [], strings: [] };
  const ready: Batch[] = [];
  const splitter = new LineSplitter((text, lineNo, offset, eol) => {
    const line = classify(text, lineNo, offset, eol);
    if (line.s >= 0) {
      line.idx = batch.strings.length;
      batch.strings.push(text.slice(line.s, line.e));
    } else if (!line.directive && !engine.keepsEveryLine) return;
    batch.lines.push(line);
    if (batch.lines.length >= BATCH) {
      ready.push(batch);
      batch = { lines: [], strings: [] };
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

/** The second pass on worker threads: chunks of bytes out, lines with something to say back, in order. */
async function chunked(source: ByteSource, engine: LineEngine, pool: CheckPool, settings: FileSettings): Promise<void> {
  // bytes gathered since the last cut (the source's chunks are reused, so they are copied here)
  let acc = new Uint8Array(CHUNK_BYTES * 2);
  let size = 0;
  let first = true;
  const send = (end: number, last: boolean) => {
    engine.submitChunk(pool.scan(acc.slice(0, end), first, last, settings.check));
    acc.copyWithin(0, end, size);
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
  /** disable-next-line directives waiting for the line after them. */
  private pending: TrackedDirective[] = [];
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
    private readonly fileDirectives: TrackedDirective[],
    private readonly bom: boolean,
  ) {
    this.settings = opts.settings;
    this.unusedSeverity = this.settings.unusedDirectives;
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

  /** A batch of lines checked on this thread (small files, and --fix). */
  async submit(batch: Batch): Promise<void> {
    this.consume(batch, this.settings.fix !== 'off' ? undefined : checkStrings(batch.strings, this.settings.check));
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
      if (item.directive) line.directive = track(item.directive, item.text, lineNo, offset);
      if (item.diagnostics) results.push([i, item.diagnostics]);
      lines.push(line);
    });
    this.lineBase += r.lines;
    this.offsetBase += r.length;
    this.consume({ lines, strings: [] }, results);
    await this.flush();
  }

  private async flush(): Promise<void> {
    await this.report.out.flush();
    if (this.fixedStream && this.fixedStream.writableNeedDrain) await once(this.fixedStream, 'drain');
  }

  /** Walks a batch in line order: directives, suppression, messages (and fixes). */
  private consume(batch: Batch, results: SparseResults | undefined): void {
    let r = 0;
    for (const line of batch.lines) {
      if (line.s < 0) {
        // a blank or comment line: directives aimed at it or before it are done
        this.flushPending(line.lineNo + 1);
        const d = line.directive;
        if (d?.directive.kind === 'disable-next-line') this.pending.push(d);
        else if (d?.directive.kind === 'disable-line') this.emitUnused(d); // a comment line holds no string
        this.writeFixed(line.text + line.eol);
        continue;
      }
      this.flushPending(line.lineNo);
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
      for (const d of diagnostics) if (!this.suppressed(d.ruleId, line.lineNo)) kept.push(d);
      // the comment above this line is placed before the line's own problems
      this.flushPending(line.lineNo + 1);
      if (kept.length) this.emitLine(kept, line, text, offset);
      this.writeFixed(text + line.eol);
    }
  }

  private suppressed(ruleId: string, lineNo: number): boolean {
    let hit = false;
    for (const d of this.fileDirectives) if (d.suppresses(ruleId)) hit = true;
    for (const d of this.pending) if (d.directive.line === lineNo && d.suppresses(ruleId)) hit = true;
    return hit;
  }

  private covered(ruleId: string, lineNo: number): boolean {
    return this.fileDirectives.some((d) => d.covers(ruleId)) || this.pending.some((d) => d.directive.line === lineNo && d.covers(ruleId));
  }

  /** Directives whose line is before `lineNo` are done: report the unused ones. */
  private flushPending(lineNo: number): void {
    if (!this.pending.length) return;
    const keep: TrackedDirective[] = [];
    for (const d of this.pending) {
      if (d.directive.line < lineNo) this.emitUnused(d);
      else keep.push(d);
    }
    this.pending = keep;
  }

  private emitUnused(d: TrackedDirective): void {
    if (this.unusedSeverity === 'off') return;
    const m = d.message(this.unusedSeverity);
    if (m) this.report.add(m);
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

  /** --fix on one line: certain fixes of unsuppressed problems, re-checked, at most 10 passes (as ESLint). */
  private fixLine(line: Line): { text: string; diagnostics: Diagnostic[] } {
    const options = this.settings.check;
    let region = line.text.slice(line.s, line.e);
    let diagnostics = check(region, options);
    for (let pass = 0; pass < 10; pass++) {
      const candidates = diagnostics.filter((d) => !this.covered(d.ruleId, line.lineNo) && (!this.settings.quiet || d.severity === 'error'));
      const r = applyFixes(region, candidates);
      if (r.applied.length === 0) break;
      region = r.text;
      diagnostics = check(region, options);
    }
    const text = line.text.slice(0, line.s) + region + line.text.slice(line.e);
    if (text !== line.text) this.changed = true;
    return { text, diagnostics };
  }

  private writeFixed(s: string): void {
    if (this.fixedParts) this.fixedParts.push(s);
    else if (this.fixedStream) this.fixedStream.write(s);
    this.outOffset += s.length;
  }

  async finish(): Promise<void> {
    await this.drain(0);
    this.flushPending(Number.MAX_SAFE_INTEGER);
    for (const d of this.fileDirectives) this.emitUnused(d);
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
