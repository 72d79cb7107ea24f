import type { ActionInfo, CheckContext } from './context';

/**
 * Synchronous (x-oss-process) and asynchronous (x-oss-async-process) processing: each action runs in one of
 * them or both; a request cannot mix them; an asynchronous request keeps its output only through sys/saveas.
 */
export function checkMode(ctx: CheckContext): void {
  if (ctx.options.nested) return;
  const declared = ctx.declaredMode;
  const known = [...ctx.actions()].filter((a) => a.spec);
  const asyncOnly = known.filter((a) => a.spec!.mode === 'async');
  const syncOnly = known.filter((a) => a.spec!.mode === 'sync');
  const name = (a: ActionInfo) => `${a.spec!.product}/${a.name}`;
  if (declared === 'sync') {
    for (const a of asyncOnly) {
      ctx.report('async-only', a.node.name.range, `${name(a)} runs only as asynchronous processing (x-oss-async-process), not x-oss-process`);
    }
  } else if (declared === 'async') {
    for (const a of syncOnly) {
      ctx.report('sync-only', a.node.name.range, `${name(a)} runs only as synchronous processing (x-oss-process), not x-oss-async-process`);
    }
  } else if (asyncOnly.length > 0) {
    const first = asyncOnly[0]!;
    for (const a of syncOnly) {
      ctx.report('sync-only', a.node.name.range, `${name(a)} runs synchronously and cannot share a request with ${name(first)}, which runs only asynchronously`, {
        related: [{ range: first.node.name.range, message: `${name(first)} is asynchronous` }],
      });
    }
  }
  if (declared === 'async' && !known.some((a) => a.spec!.product === 'sys' && a.name === 'saveas')) {
    const producer = known.find((a) => a.spec!.producesOutput);
    if (producer) {
      const at = ctx.parsed.tree.prefix?.range ?? producer.node.name.range;
      ctx.report('missing-saveas', at, `An asynchronous request keeps ${name(producer)}'s output only through sys/saveas: append |sys/saveas,o_<base64 of the object key>`, {
        related: [{ range: producer.node.name.range, message: `${name(producer)} produces the output` }],
      });
    }
  }
}
