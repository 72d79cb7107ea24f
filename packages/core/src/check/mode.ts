import type { ActionInfo, CheckContext } from './context';

const SYNC_PAGE = 'https://help.aliyun.com/en/oss/user-guide/synchronous-processing';
const CONVERT_PAGE = 'https://help.aliyun.com/zh/oss/user-guide/document-conversion';
const DOC_CONFLICT =
  `doc/convert followed by doc/snapshot is the synchronous-processing page's own example (${SYNC_PAGE}), but the ` +
  `document-conversion page calls doc/convert asynchronous only (${CONVERT_PAGE}): the documentation disagrees, so this may fail`;

const NONE: ReadonlySet<ActionInfo> = new Set();

/** `doc/convert,…/snapshot,…`: the chain the two pages judge differently. */
function docChain(known: readonly ActionInfo[]): [ActionInfo, ActionInfo] | undefined {
  const i = known.findIndex((a) => a.spec!.product === 'doc' && a.name === 'convert');
  const next = i === -1 ? undefined : known[i + 1];
  return next && next.spec!.product === 'doc' && next.name === 'snapshot' ? [known[i]!, next] : undefined;
}

/**
 * Synchronous (x-oss-process) and asynchronous (x-oss-async-process) processing: each action runs in one of
 * them or both; a request cannot mix them; an asynchronous request keeps its output only through sys/saveas.
 */
export function checkMode(ctx: CheckContext): void {
  if (ctx.options.nested) return;
  const declared = ctx.declaredMode;
  const known = ctx.actions().filter(isKnown);
  const conflict = docChain(known);
  // a string of no fixed mode without an asynchronous action or the disputed chain has nothing to report
  if (!declared && !conflict && !known.some(isAsync)) return;
  modes(ctx, declared, known, conflict);
}

function isKnown(a: ActionInfo): boolean {
  return a.spec !== undefined;
}

function isAsync(a: ActionInfo): boolean {
  return a.spec!.mode === 'async';
}

function modes(ctx: CheckContext, declared: 'sync' | 'async' | undefined, known: readonly ActionInfo[], conflict: [ActionInfo, ActionInfo] | undefined): void {
  // the actions of one mode, listed only where a finding needs them (most strings have none to report)
  const only = (mode: 'sync' | 'async') => known.filter((a) => a.spec!.mode === mode);
  const name = (a: ActionInfo) => `${a.spec!.product}/${a.name}`;
  if (conflict && declared !== 'async') {
    // the pages disagree: say so once, as a warning, instead of ruling on either
    const [convert, snapshot] = conflict;
    ctx.report(declared === 'sync' ? 'async-only' : 'sync-only', (declared === 'sync' ? convert : snapshot).node.name.range, DOC_CONFLICT, {
      atMost: 'warning',
      source: `${SYNC_PAGE}; ${CONVERT_PAGE}`,
      related: [{ range: (declared === 'sync' ? snapshot : convert).node.name.range, message: declared === 'sync' ? 'doc/snapshot follows here' : 'doc/convert is documented as asynchronous' }],
    });
  }
  const skip: ReadonlySet<ActionInfo> = conflict ? new Set(conflict) : NONE;
  if (declared === 'sync') {
    for (const a of only('async')) {
      if (skip.has(a)) continue;
      ctx.report('async-only', a.node.name.range, `${name(a)} runs only as asynchronous processing (x-oss-async-process), not x-oss-process`);
    }
  } else if (declared === 'async') {
    for (const a of only('sync')) {
      ctx.report('sync-only', a.node.name.range, `${name(a)} runs only as synchronous processing (x-oss-process), not x-oss-async-process`);
    }
  } else {
    const first = known.find((a) => a.spec!.mode === 'async');
    if (first) {
      for (const a of only('sync')) {
        if (skip.has(a)) continue;
        ctx.report('sync-only', a.node.name.range, `${name(a)} runs synchronously and cannot share a request with ${name(first)}, which runs only asynchronously`, {
          related: [{ range: first.node.name.range, message: `${name(first)} is asynchronous` }],
        });
      }
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
