import type { SyntaxError } from '../syntax/tree';
import type { CheckContext } from './context';
import { toleratedSyntax } from './tolerated';

/** The repair the parser offers for each run of whitespace (syntax/parse.ts); a test holds the two together. */
const WHITESPACE_REPAIR = 'Remove the whitespace';

/**
 * Every syntax error the parser found, with its certain repair where there is one. Whitespace is reported
 * once per string, on its first run, with one fix that removes every run (`image/resize, w_100 / quality, q_90`
 * is one mistake, not four).
 */
export function checkSyntax(ctx: CheckContext): void {
  const text = ctx.parsed.text;
  const spaces: SyntaxError[] = [];
  for (const e of ctx.parsed.errors) {
    // slips seen in live use that the service is not documented to reject are warnings (tolerated.ts)
    const slip = toleratedSyntax(ctx.text, e);
    if (slip) {
      ctx.report('syntax-error', e.range, slip.message, { fixes: [{ title: slip.title, edits: [{ range: e.range, newText: slip.newText }], certain: true }], atMost: 'warning' });
      continue;
    }
    if (e.repair?.title === WHITESPACE_REPAIR && e.repair.newText === '') {
      spaces.push(e);
      continue;
    }
    ctx.report('syntax-error', e.range, e.message, {
      fixes: e.repair && [{ title: e.repair.title, edits: [{ range: e.range, newText: e.repair.newText }], certain: true }],
      // a comma that ends the string is where the next parameter is being typed: a warning, as VS Code's
      // JSON with comments treats a trailing comma, so the editor does not paint it red mid-word
      atMost: isTrailingComma(text, e) ? 'warning' : undefined,
    });
  }
  if (spaces.length === 0) return;
  const where = spaces.length === 1 ? '' : ` (${spaces.length} places)`;
  ctx.report('syntax-error', spaces[0]!.range, `Whitespace is not allowed in a processing string: remove it${where}`, {
    fixes: [{ title: spaces.length === 1 ? WHITESPACE_REPAIR : 'Remove all whitespace', edits: spaces.map((e) => ({ range: e.range, newText: '' })), certain: true }],
    // the places are listed up to a point; the fix removes them all
    related: spaces.slice(1, 21).map((e) => ({ range: e.range, message: 'whitespace here too' })),
  });
}

function isTrailingComma(text: string, e: SyntaxError): boolean {
  // by its repair, not by its text: the comma may have been written %2C
  return e.repair?.title === "Remove the extra ','" && text.slice(e.range.end).trim() === '';
}
