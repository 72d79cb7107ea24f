import { LineIndex, type Range } from '../text/range';
import { scanHost } from './extract';
import { hostFormat, type HostFormat, type HostLanguage } from './hosts';
import type { HostComment, HostSegment } from './scan';

/**
 * Suppression comments, one implementation for the CLI and the language server:
 *
 *     # ossproc-disable-next-line video-async-only, saveas-missing -- presets are sent async
 *     image/resize,w_100   (rule ids are those of diagnostics; no ids means every rule)
 *     "video/convert,…"  // ossproc-disable-line
 *     <!-- ossproc-disable-file -->
 *
 * A directive is read from a comment of the host (`#` in .ossproc, Python, YAML and text; `//` and block
 * comments in Java, Go, JavaScript, TypeScript and JSONC; `<!-- -->` in Markdown, HTML and XML; code blocks
 * and script elements use their own language's comments). The comment must start with the directive.
 */
export interface Directive {
  kind: 'disable-line' | 'disable-next-line' | 'disable-file';
  /** Rule ids; empty means every rule. */
  rules: string[];
  /** The directive's text in the host, from `ossproc-disable-…` to the end of its rules or reason. */
  range: Range;
  /** 0-based line it applies to; -1 for the whole file. */
  line: number;
  /** The text after ` -- `, if given. */
  reason?: string;
}

export interface Suppressible {
  ruleId: string;
  /** Host offsets; a diagnostic belongs to the line its range starts on. */
  range: Range;
}

/** A directive that suppressed nothing, or that names rules which suppressed nothing. */
export type UnusedDirective = Directive & {
  /** The named rules that suppressed nothing; empty for a directive without rule list. */
  unusedRules: string[];
};

const KINDS = ['disable-next-line', 'disable-line', 'disable-file'] as const;

interface Parsed {
  kind: Directive['kind'];
  rules: string[];
  start: number;
  end: number;
  /** where the rule list ends (to append one) */
  rulesEnd: number;
  reason?: string;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

/** The directive a comment's content holds, if it starts with one. */
function parseDirective(text: string, c: HostComment): Parsed | undefined {
  let p = c.contentStart;
  const end = c.contentEnd;
  // JSDoc style /** … */ and leading blanks
  while (p < end && (isSpace(text.charCodeAt(p)) || text.charCodeAt(p) === 42)) p++;
  if (!text.startsWith('ossproc-', p)) return undefined;
  const kind = KINDS.find((k) => text.startsWith(k, p + 8));
  if (!kind) return undefined;
  const q = p + 8 + kind.length;
  if (q < end && !isSpace(text.charCodeAt(q))) return undefined;
  // the rule list runs to a "--" reason marker (at the start or after a blank) or the end of the comment
  let e = end;
  let reason: string | undefined;
  for (let k = q; k + 1 < end; k++) {
    if (text.charCodeAt(k) === 45 && text.charCodeAt(k + 1) === 45 && isSpace(text.charCodeAt(k - 1))) {
      e = k;
      reason = text.slice(k + 2, end).trim();
      break;
    }
  }
  const rules = text.slice(q, e).split(/[\s,]+/).filter((r) => r.length > 0);
  let rulesEnd = e;
  while (rulesEnd > q && isSpace(text.charCodeAt(rulesEnd - 1))) rulesEnd--;
  let stop = end;
  while (stop > p && isSpace(text.charCodeAt(stop - 1))) stop--;
  const out: Parsed = { kind, rules, start: p, end: Math.max(stop, rulesEnd), rulesEnd };
  if (reason !== undefined) out.reason = reason;
  return out;
}

function directivesOf(text: string, comments: HostComment[]): { directive: Directive; rulesEnd: number }[] {
  const index = new LineIndex(text);
  const out: { directive: Directive; rulesEnd: number }[] = [];
  for (const c of comments) {
    const d = parseDirective(text, c);
    if (!d) continue;
    const line =
      d.kind === 'disable-file' ? -1 : d.kind === 'disable-line' ? index.position(d.start).line : index.position(Math.max(c.start, c.end - 1)).line + 1;
    const directive: Directive = { kind: d.kind, rules: d.rules, range: { start: d.start, end: d.end }, line };
    if (d.reason !== undefined) directive.reason = d.reason;
    out.push({ directive, rulesEnd: d.rulesEnd });
  }
  return out;
}

/** The suppression directives in a host document, in document order. */
export function findDirectives(text: string, language: HostLanguage): Directive[] {
  const comments = [...scanHost(text, language).comments].sort((a, b) => a.start - b.start);
  return directivesOf(text, comments).map((d) => d.directive);
}

interface Tracked {
  directive: Directive;
  usedAny: boolean;
  usedRules: Set<string>;
}

/**
 * The one suppression engine, for a whole document at once ({@link applyDirectives}) or for a document read
 * as a stream (the CLI's large .ossproc files). Directives are added in document order, disable-file ones
 * before any finding (they reach back to the top); each finding is asked about by its rule and 0-based line;
 * `release(line)` hands back, as soon as it is known, every directive for a line before `line` that went
 * unused, and `finish()` the rest (disable-file ones last: only the end shows them unused). Unused means: it
 * suppressed nothing, or a rule it names suppressed nothing (ESLint's --report-unused-disable-directives).
 */
export class Suppressor {
  private readonly fileWide: Tracked[] = [];
  private readonly byLine = new Map<number, Tracked[]>();
  /** Line directives not yet released, in the order added. */
  private pending: Tracked[] = [];

  constructor(directives: Iterable<Directive> = []) {
    for (const d of directives) this.add(d);
  }

  add(directive: Directive): void {
    const t: Tracked = { directive, usedAny: false, usedRules: new Set() };
    if (directive.line < 0) {
      this.fileWide.push(t);
      return;
    }
    this.pending.push(t);
    const list = this.byLine.get(directive.line);
    if (list) list.push(t);
    else this.byLine.set(directive.line, [t]);
  }

  /** Whether a finding of `ruleId` on `line` is suppressed; the directives that suppress it count as used. */
  suppresses(ruleId: string, line: number): boolean {
    let hit = false;
    for (const t of this.candidates(line)) {
      if (!applies(t.directive, ruleId)) continue;
      hit = true;
      t.usedAny = true;
      t.usedRules.add(ruleId);
    }
    return hit;
  }

  /** Whether a finding would be suppressed, without counting a use (which findings --fix may touch). */
  covers(ruleId: string, line: number): boolean {
    for (const t of this.candidates(line)) if (applies(t.directive, ruleId)) return true;
    return false;
  }

  /** The unused directives among those for lines before `line`, which no later finding can use. */
  release(line: number): UnusedDirective[] {
    if (!this.pending.length) return [];
    const out: UnusedDirective[] = [];
    const keep: Tracked[] = [];
    for (const t of this.pending) {
      if (t.directive.line >= line) {
        keep.push(t);
        continue;
      }
      this.byLine.delete(t.directive.line);
      const u = unusedOf(t);
      if (u) out.push(u);
    }
    this.pending = keep;
    return out;
  }

  /** Every unused directive not yet released: line directives in order, then disable-file ones. */
  finish(): UnusedDirective[] {
    const out = this.release(Number.MAX_SAFE_INTEGER);
    for (const t of this.fileWide) {
      const u = unusedOf(t);
      if (u) out.push(u);
    }
    return out;
  }

  private candidates(line: number): Tracked[] {
    const own = this.byLine.get(line);
    if (!this.fileWide.length) return own ?? [];
    return own ? [...this.fileWide, ...own] : this.fileWide;
  }
}

function applies(d: Directive, ruleId: string): boolean {
  return d.rules.length === 0 || d.rules.includes(ruleId);
}

function unusedOf(t: Tracked): UnusedDirective | undefined {
  const d = t.directive;
  const unusedRules = d.rules.filter((r) => !t.usedRules.has(r));
  return (d.rules.length ? unusedRules.length > 0 : !t.usedAny) ? { ...d, unusedRules } : undefined;
}

/**
 * Drops the diagnostics that directives suppress, and lists the directives left unused (see Suppressor).
 */
export function applyDirectives<T extends Suppressible>(
  text: string,
  diagnostics: T[],
  directives: Directive[],
): { kept: T[]; unused: UnusedDirective[] } {
  if (!directives.length) return { kept: diagnostics, unused: [] };
  const suppressor = new Suppressor(directives);
  const index = new LineIndex(text);
  const kept = diagnostics.filter((d) => !suppressor.suppresses(d.ruleId, index.position(d.range.start).line));
  return { kept, unused: suppressor.finish() };
}

/** The comment syntax at an offset: the host's, or that of the code block / script element holding it. */
function commentStyleAt(language: HostLanguage, segments: HostSegment[] | undefined, offset: number): HostFormat['comment'] {
  let lang = language;
  for (const s of segments ?? []) if (offset >= s.start && offset < s.end) lang = s.language;
  return hostFormat(lang).comment;
}

/**
 * The edit of a "suppress <rule> on this line" quick fix: a `disable-next-line` comment line above the line
 * holding `diagnosticStart`, indented like it, in the host's comment syntax and line-break style. When a
 * disable-next-line directive already stands on the line above, the rule is appended to it (and when it
 * already covers the rule, the edit is empty). For JSON the comment is JSONC's `//`: offer the fix for
 * JSONC documents only. Lines inside a multi-line string cannot hold a comment above them; there the
 * caller should prefer a disable-file directive.
 */
export function suppressionEdit(text: string, language: HostLanguage, diagnosticStart: number, ruleId: string): { range: Range; newText: string } {
  const index = new LineIndex(text);
  const line = index.position(diagnosticStart).line;
  const scan = scanHost(text, language);
  const comments = [...scan.comments].sort((a, b) => a.start - b.start);
  const existing = directivesOf(text, comments).find((d) => d.directive.kind === 'disable-next-line' && d.directive.line === line);
  if (existing) {
    const d = existing.directive;
    if (d.rules.length === 0 || d.rules.includes(ruleId)) return { range: { start: d.range.end, end: d.range.end }, newText: '' };
    return { range: { start: existing.rulesEnd, end: existing.rulesEnd }, newText: `, ${ruleId}` };
  }
  const start = index.lineStart(line);
  let k = start;
  while (k < text.length && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  const indent = text.slice(start, k);
  const lf = text.indexOf('\n');
  const eol = lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : lf < 0 && text.includes('\r') ? '\r' : '\n';
  const body = `ossproc-disable-next-line ${ruleId}`;
  const style = commentStyleAt(language, scan.segments, diagnosticStart);
  const comment = style === '#' ? `# ${body}` : style === '//' ? `// ${body}` : `<!-- ${body} -->`;
  return { range: { start, end: start }, newText: indent + comment + eol };
}
