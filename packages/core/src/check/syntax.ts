import type { CheckContext } from './context';

/** Every syntax error the parser found, with its certain repair where there is one. */
export function checkSyntax(ctx: CheckContext): void {
  const text = ctx.parsed.text;
  for (const e of ctx.parsed.errors) {
    ctx.report('syntax-error', e.range, e.message, {
      fixes: e.repair && [{ title: e.repair.title, edits: [{ range: e.range, newText: e.repair.newText }], certain: true }],
      // a comma that ends the string is where the next parameter is being typed: a warning, as VS Code's
      // JSON with comments treats a trailing comma, so the editor does not paint it red mid-word
      atMost: isTrailingComma(text, e.range) ? 'warning' : undefined,
    });
  }
}

function isTrailingComma(text: string, r: { start: number; end: number }): boolean {
  return r.end - r.start === 1 && text[r.start] === ',' && text.slice(r.end).trim() === '';
}
