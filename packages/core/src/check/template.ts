/**
 * Saveas targets may hold variables (`{dirname}/{barename}.{autoext}`); a literal brace is written doubled.
 * This reads a decoded target into literal text and variables, and says where braces do not balance.
 */
export interface TemplatePart {
  kind: 'text' | 'variable';
  text: string;
  /** Offset in the decoded target. */
  start: number;
}

export interface Template {
  parts: TemplatePart[];
  /** Offset of a `{` that never closes, or a `}` that never opened. */
  unbalancedAt?: number;
}

export function readTemplate(target: string): Template {
  const parts: TemplatePart[] = [];
  let text = '';
  let textStart = 0;
  const flush = (at: number) => {
    if (text) parts.push({ kind: 'text', text, start: textStart });
    text = '';
    textStart = at;
  };
  for (let i = 0; i < target.length; i++) {
    const c = target[i]!;
    if ((c === '{' || c === '}') && target[i + 1] === c) {
      text += c;
      i++;
      continue;
    }
    if (c === '}') return { parts, unbalancedAt: i };
    if (c === '{') {
      const close = target.indexOf('}', i + 1);
      const nextOpen = target.indexOf('{', i + 1);
      if (close === -1 || (nextOpen !== -1 && nextOpen < close)) return { parts, unbalancedAt: i };
      flush(i);
      parts.push({ kind: 'variable', text: target.slice(i + 1, close), start: i });
      i = close;
      textStart = close + 1;
      continue;
    }
    text += c;
  }
  flush(target.length);
  return { parts };
}

/** The target with every variable replaced by `stand`, for checks of the literal rules. */
export function render(t: Template, stand = 'x'): string {
  let out = '';
  for (const p of t.parts) out += p.kind === 'text' ? p.text : stand;
  return out;
}
