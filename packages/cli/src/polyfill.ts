/**
 * Chevrotain 13 (core's parser) calls Object.groupBy, which Node has from 21 on; the bundle targets Node 20.
 * Imported first by main.ts, so it runs before core's parser is built (in the check workers too).
 */
const O = Object as unknown as { groupBy?: unknown };
if (typeof O.groupBy !== 'function') {
  O.groupBy = <T>(items: Iterable<T>, key: (item: T, index: number) => PropertyKey): Record<PropertyKey, T[]> => {
    const out = Object.create(null) as Record<PropertyKey, T[]>;
    let i = 0;
    for (const item of items) (out[key(item, i++)] ??= []).push(item);
    return out;
  };
}
export {};
