import { RegionBuilder, sliceRegion, type EmbeddedRegion } from './region';
import { decodeEscapes, escapeAt } from './decode';
import { selectRegions, type HostComment, type ScanResult } from './scan';

/**
 * JSON (with comments) and YAML values. Both are tolerant hand-written scanners, not parsers: they find
 * string values and never fail; structure errors are the CLI's business.
 */

function isNl(c: number): boolean {
  return c === 10 || c === 13;
}

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff;
}

/** Every string value (not a key) of a JSON or JSONC text that holds a processing string. */
export function scanJson(text: string): ScanResult {
  const n = text.length;
  const regions: EmbeddedRegion[] = [];
  const comments: HostComment[] = [];
  /** End of a comment at p, or p when none starts there. */
  const commentEnd = (p: number): number => {
    if (text.charCodeAt(p) !== 47) return p;
    const d = text.charCodeAt(p + 1);
    if (d === 47) {
      let e = p + 2;
      while (e < n && !isNl(text.charCodeAt(e))) e++;
      return e;
    }
    if (d === 42) {
      const close = text.indexOf('*/', p + 2);
      return close < 0 ? n : close + 2;
    }
    return p;
  };
  let pos = 0;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === 47) {
      const e = commentEnd(pos);
      if (e > pos) {
        const closed = text.charCodeAt(pos + 1) === 42 && e - pos >= 4 && text.startsWith('*/', e - 2);
        comments.push({ start: pos, end: e, contentStart: pos + 2, contentEnd: closed ? e - 2 : e });
        pos = e;
        continue;
      }
    }
    if (c !== 34) {
      pos++;
      continue;
    }
    // a string; a raw line break ends an unterminated one
    let p = pos + 1;
    while (p < n) {
      const d = text.charCodeAt(p);
      if (d === 34 || isNl(d)) break;
      p += d === 92 && !isNl(text.charCodeAt(p + 1)) ? 2 : 1;
    }
    const ce = Math.min(p, n);
    const end = text.charCodeAt(ce) === 34 ? ce + 1 : ce;
    // a key is followed by a colon
    let q = end;
    for (;;) {
      while (q < n && isWs(text.charCodeAt(q))) q++;
      const e = commentEnd(q);
      if (e === q) break;
      q = e;
    }
    if (text.charCodeAt(q) !== 58) selectRegions(decodeEscapes(sliceRegion(text, pos + 1, ce), 'json'), regions);
    pos = end;
  }
  return { regions, comments };
}

// ---------------------------------------------------------------------------------------------------------
// YAML

interface Line {
  start: number;
  /** end of content, before the line break */
  end: number;
  /** start of the next line */
  next: number;
  /** count of leading spaces */
  indent: number;
}

/**
 * Scalars of a YAML text: plain, single- and double-quoted (also over several lines, folded), in block
 * mappings and sequences and in flow collections; block scalars (| and >) with their final line breaks
 * dropped. Not handled: plain scalars continued on the next line, and tabs in indentation.
 */
export function scanYaml(text: string): ScanResult {
  const n = text.length;
  const regions: EmbeddedRegion[] = [];
  const comments: HostComment[] = [];

  const lineAt = (start: number): Line => {
    let e = start;
    while (e < n && !isNl(text.charCodeAt(e))) e++;
    const next = e < n ? (text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? e + 2 : e + 1) : n;
    let k = start;
    while (k < e && text.charCodeAt(k) === 32) k++;
    return { start, end: e, next, indent: k - start };
  };
  const skipBlanks = (p: number, end: number): number => {
    while (p < end && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
    return p;
  };
  const wsOrEnd = (p: number, end: number): boolean => p >= end || text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9;
  const comment = (p: number, end: number): void => {
    comments.push({ start: p, end, contentStart: p + 1, contentEnd: end });
  };
  /** After a value: a trailing comment, if any. */
  const trailing = (p: number, line: Line): void => {
    p = skipBlanks(p, line.end);
    if (text.charCodeAt(p) === 35) comment(p, line.end);
  };
  /** Anchors (&a) and tags (!t, !!str) before a node. */
  const props = (p: number, end: number): number => {
    for (;;) {
      const c = text.charCodeAt(p);
      if (p >= end || (c !== 38 && c !== 33)) return p;
      while (p < end && !wsOrEnd(p, end)) p++;
      p = skipBlanks(p, end);
    }
  };
  /** Whether a continuation line of a multi-line scalar belongs to it (indented past its parent). */
  const continues = (l: Line, parentIndent: number): boolean => {
    if (l.start >= n) return false;
    if (l.indent === 0 && (text.startsWith('---', l.start) || text.startsWith('...', l.start)) && wsOrEnd(l.start + 3, l.end)) return false;
    return l.indent > parentIndent || skipBlanks(l.start, l.end) === l.end;
  };

  /** A quoted scalar at p; returns the position after it (possibly on a later line) and its line. */
  const quotedScalar = (p: number, line: Line, parentIndent: number): { region: EmbeddedRegion; end: number; line: Line; closed: boolean } => {
    const q = text.charCodeAt(p);
    const b = new RegionBuilder();
    let keep = 0; // length of the text before trailing blanks that a fold would drop
    let i = p + 1;
    let cur = line;
    for (;;) {
      if (i >= cur.end) {
        // a line break inside the scalar: fold it, or stop when the next line does not continue it
        const at = cur.end;
        let next = lineAt(cur.next);
        if (cur.next >= n || !continues(next, parentIndent)) return { region: b.finish(at), end: at, line: cur, closed: false };
        let breaks = 0;
        while (next.start < n && skipBlanks(next.start, next.end) === next.end && next.next < n) {
          breaks++;
          next = lineAt(next.next);
        }
        if (!continues(next, parentIndent)) return { region: b.finish(at), end: at, line: cur, closed: false };
        b.truncate(keep);
        if (breaks === 0) b.push(' ', at);
        else for (let k = 0; k < breaks; k++) b.push('\n', at);
        keep = b.text.length;
        cur = next;
        i = skipBlanks(next.start, next.end);
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === q) {
        if (q === 39 && text.charCodeAt(i + 1) === 39) {
          b.push("'", i);
          keep = b.text.length;
          i += 2;
          continue;
        }
        return { region: b.finish(i), end: i + 1, line: cur, closed: true };
      }
      if (c === 92 && q === 34) {
        if (i + 1 >= cur.end) {
          // an escaped line break joins the lines without a space
          const next = lineAt(cur.next);
          if (cur.next >= n || !continues(next, parentIndent)) return { region: b.finish(cur.end), end: cur.end, line: cur, closed: false };
          keep = b.text.length;
          cur = next;
          i = skipBlanks(next.start, next.end);
          continue;
        }
        const [s, len] = escapeAt(text, i, 'yaml');
        b.push(s, i);
        keep = b.text.length;
        i += len;
        continue;
      }
      b.push(text[i]!, i);
      if (c !== 32 && c !== 9) keep = b.text.length;
      i++;
    }
  };

  /** A plain scalar from p to the end of the line or a ` #` comment; key is true when `: ` follows it. */
  const plainScalar = (p: number, line: Line, flow: boolean): { start: number; end: number; stop: number; key: boolean } => {
    let e = p;
    while (e < line.end) {
      const c = text.charCodeAt(e);
      if (c === 35 && e > p && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) break;
      if (c === 58 && (wsOrEnd(e + 1, line.end) || (flow && ',[]{}'.includes(text[e + 1]!)))) {
        let s = e;
        while (s > p && (text.charCodeAt(s - 1) === 32 || text.charCodeAt(s - 1) === 9)) s--;
        return { start: p, end: s, stop: e + 1, key: true };
      }
      if (flow && (c === 44 || c === 91 || c === 93 || c === 123 || c === 125)) break;
      e++;
    }
    let s = e;
    while (s > p && (text.charCodeAt(s - 1) === 32 || text.charCodeAt(s - 1) === 9)) s--;
    return { start: p, end: s, stop: e, key: false };
  };

  /** A flow collection ([…] or {…}) from p, over lines; returns the line after it. */
  const flowCollection = (p: number, line: Line, parentIndent: number): number => {
    let depth = 0;
    let cur = line;
    let i = p;
    for (;;) {
      if (i >= cur.end) {
        if (cur.next >= n) return n;
        const next = lineAt(cur.next);
        // tolerance: a line back at the parent's indentation ends an unclosed collection
        const first = text.charCodeAt(next.start + next.indent);
        if (skipBlanks(next.start, next.end) < next.end && next.indent <= parentIndent && first !== 93 && first !== 125) return next.start;
        cur = next;
        i = next.start;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 91 || c === 123) {
        depth++;
        i++;
      } else if (c === 93 || c === 125) {
        depth--;
        i++;
        if (depth <= 0) {
          trailing(i, cur);
          return cur.next;
        }
      } else if (c === 44 || c === 32 || c === 9) i++;
      else if (c === 35 && (i === cur.start || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) {
        comment(i, cur.end);
        i = cur.end;
      } else if (c === 34 || c === 39) {
        const r = quotedScalar(i, cur, parentIndent);
        cur = r.line;
        const after = skipBlanks(r.end, cur.end);
        if (text.charCodeAt(after) !== 58) selectRegions(r.region, regions);
        i = Math.max(r.end, i + 1);
      } else {
        const start = props(i, cur.end);
        if (start !== i) {
          i = start;
          continue;
        }
        const s = plainScalar(i, cur, true);
        if (!s.key && s.end > s.start) selectRegions(sliceRegion(text, s.start, s.end), regions);
        i = Math.max(s.stop, i + 1);
      }
    }
  };

  /** A block scalar (| or >) whose header is at p; returns the line after its content. */
  const blockScalar = (p: number, line: Line, parentIndent: number): number => {
    const folded = text.charCodeAt(p) === 62;
    let i = p + 1;
    let explicit = 0;
    while (i < line.end && !wsOrEnd(i, line.end)) {
      const c = text.charCodeAt(i);
      if (c >= 49 && c <= 57) explicit = c - 48;
      i++;
    }
    trailing(i, line);
    let contentIndent = explicit ? Math.max(0, parentIndent) + explicit : -1;
    const lines: Line[] = [];
    let next = line.next;
    while (next < n) {
      const l = lineAt(next);
      const blank = skipBlanks(l.start, l.end) === l.end;
      if (!blank) {
        if (contentIndent < 0) {
          if (l.indent <= parentIndent) break;
          contentIndent = l.indent;
        }
        if (l.indent < contentIndent) break;
      }
      lines.push(l);
      next = l.next;
    }
    while (lines.length && skipBlanks(lines[lines.length - 1]!.start, lines[lines.length - 1]!.end) === lines[lines.length - 1]!.end) lines.pop();
    if (!lines.length || contentIndent < 0) return lines.length ? lines[lines.length - 1]!.next : line.next;
    const b = new RegionBuilder();
    let breaks = 0;
    let any = false;
    let prevEnd = 0;
    for (const l of lines) {
      const from = Math.min(l.start + contentIndent, l.end);
      if (from >= l.end) {
        breaks++;
        if (!any) prevEnd = l.end;
        continue;
      }
      if (any) {
        if (folded && breaks === 0 && text.charCodeAt(from) !== 32) b.push(' ', prevEnd);
        else for (let k = 0; k < (folded ? Math.max(1, breaks) : breaks + 1); k++) b.push('\n', prevEnd);
      }
      for (let k = from; k < l.end; k++) b.push(text[k]!, k);
      any = true;
      breaks = 0;
      prevEnd = l.end;
    }
    selectRegions(b.finish(prevEnd), regions);
    return lines[lines.length - 1]!.next;
  };

  /** A node's value at p (after `key:` or `- `); returns the next line to read. */
  const value = (p: number, line: Line, parentIndent: number): number => {
    p = props(skipBlanks(p, line.end), line.end);
    if (p >= line.end) return line.next;
    const c = text.charCodeAt(p);
    if (c === 35) {
      comment(p, line.end);
      return line.next;
    }
    if (c === 34 || c === 39) {
      const r = quotedScalar(p, line, parentIndent);
      selectRegions(r.region, regions);
      trailing(r.end, r.line);
      return r.line.next;
    }
    if (c === 91 || c === 123) return flowCollection(p, line, parentIndent);
    if (c === 124 || c === 62) return blockScalar(p, line, parentIndent);
    if (c === 42) {
      trailing(plainScalar(p, line, false).stop, line);
      return line.next;
    }
    const s = plainScalar(p, line, false);
    if (s.end > s.start) selectRegions(sliceRegion(text, s.start, s.end), regions);
    trailing(s.stop, line);
    return line.next;
  };

  /** A node at p in block context: sequence entries, then a `key: value` pair or a bare value. */
  const node = (p: number, line: Line, indent: number): number => {
    let parent = indent;
    for (;;) {
      const c = text.charCodeAt(p);
      // "- " and "? " and ": " open a nested node; its children are indented past the indicator
      if ((c === 45 || c === 63 || c === 58) && wsOrEnd(p + 1, line.end)) {
        parent = p - line.start;
        p = skipBlanks(p + 1, line.end);
        if (p >= line.end) return line.next;
        continue;
      }
      break;
    }
    p = props(p, line.end);
    if (p >= line.end) return line.next;
    const c = text.charCodeAt(p);
    if (c === 35) {
      comment(p, line.end);
      return line.next;
    }
    if (c === 34 || c === 39) {
      const r = quotedScalar(p, line, parent);
      const after = skipBlanks(r.end, r.line.end);
      if (r.line === line && text.charCodeAt(after) === 58 && wsOrEnd(after + 1, line.end)) return value(after + 1, line, parent);
      selectRegions(r.region, regions);
      trailing(r.end, r.line);
      return r.line.next;
    }
    if (c === 91 || c === 123 || c === 124 || c === 62 || c === 42) return value(p, line, parent);
    const s = plainScalar(p, line, false);
    if (s.key) return value(s.stop, line, parent);
    if (s.end > s.start) selectRegions(sliceRegion(text, s.start, s.end), regions);
    trailing(s.stop, line);
    return line.next;
  };

  let pos = 0;
  while (pos < n) {
    const line = lineAt(pos);
    let p = skipBlanks(line.start + line.indent, line.end);
    const next = line.next > pos ? line.next : n;
    if (p >= line.end) {
      pos = next;
      continue;
    }
    if (line.indent === 0 && (text.startsWith('---', p) || text.startsWith('...', p)) && wsOrEnd(p + 3, line.end)) {
      p = skipBlanks(p + 3, line.end);
      if (p >= line.end) {
        pos = next;
        continue;
      }
    } else if (line.indent === 0 && text.charCodeAt(p) === 37) {
      pos = next; // %YAML directive
      continue;
    }
    const after = node(p, line, line.indent);
    pos = after > pos ? after : next;
  }
  regions.sort((a, b) => a.range.start - b.range.start);
  return { regions, comments };
}
