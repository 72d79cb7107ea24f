import type { CheckContext } from './context';

/** Every syntax error the parser found, with its certain repair where there is one. */
export function checkSyntax(ctx: CheckContext): void {
  for (const e of ctx.parsed.errors) {
    ctx.report('syntax-error', e.range, e.message, {
      fixes: e.repair && [{ title: e.repair.title, edits: [{ range: e.range, newText: e.repair.newText }], certain: true }],
    });
  }
}
