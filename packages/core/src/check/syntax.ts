import type { CheckContext } from './context';
import { toleratedSyntax } from './tolerated';

/** Every syntax error the parser found, with its certain repair where there is one. */
export function checkSyntax(ctx: CheckContext): void {
  for (const e of ctx.parsed.errors) {
    // slips seen in live use that the service is not documented to reject are warnings (tolerated.ts)
    const slip = toleratedSyntax(ctx.text, e);
    if (slip) {
      ctx.report('syntax-error', e.range, slip.message, { fixes: [{ title: slip.title, edits: [{ range: e.range, newText: slip.newText }], certain: true }], atMost: 'warning' });
      continue;
    }
    ctx.report('syntax-error', e.range, e.message, {
      fixes: e.repair && [{ title: e.repair.title, edits: [{ range: e.range, newText: e.repair.newText }], certain: true }],
    });
  }
}
