/**
 * Chevrotain 13 (the parser) calls Object.groupBy, which Node has from 21 and browsers from 2024 (Chrome 117,
 * Safari 17.4) on; core promises Node 20 and browsers. Installed only where it is missing, before the parser
 * is built: index.ts imports this module first (and package.json lists it under `sideEffects`).
 */
const O = Object as unknown as { groupBy?: unknown };
if (typeof O.groupBy !== 'function') {
  Object.defineProperty(Object, 'groupBy', {
    configurable: true,
    writable: true,
    value: <T>(items: Iterable<T>, key: (item: T, index: number) => PropertyKey): Partial<Record<PropertyKey, T[]>> => {
      const out = Object.create(null) as Record<PropertyKey, T[]>;
      let i = 0;
      for (const item of items) (out[key(item, i++)] ??= []).push(item);
      return out;
    },
  });
}
export {};
