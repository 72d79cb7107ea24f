/**
 * The grammar files' shape, and the scope inventory: every scope they use ends in `.ossproc` and is
 * documented in grammar/README.md (and every scope documented there is used).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { grammarPath } from './textmate';

type Json = unknown;
const read = (file: string): Record<string, Json> => JSON.parse(readFileSync(grammarPath(file), 'utf8'));
const main = read('ossproc.tmLanguage.json');
const injection = read('ossproc-injection.tmLanguage.json');

/** Every scope named by a rule (`name`, `contentName`, captures), split on spaces. */
function scopesOf(node: Json, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => scopesOf(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'name' || k === 'contentName') && typeof v === 'string') v.split(/\s+/).forEach((s) => out.add(s));
      else if (k !== 'name') scopesOf(v, out);
    }
  }
  return out;
}
/** Every `include` target. */
function includesOf(node: Json, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => includesOf(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'include' && typeof v === 'string') out.push(v);
      else includesOf(v, out);
    }
  }
  return out;
}

describe('grammar files', () => {
  it('declare their scope names', () => {
    expect(main.scopeName).toBe('source.ossproc');
    expect(injection.scopeName).toBe('inline.ossproc.injection');
    expect(injection.injectionSelector).toBe(
      'L:string.quoted -comment -meta.embedded.inline.ossproc, L:string.template -comment -meta.embedded.inline.ossproc, L:string.unquoted.plain -comment -meta.embedded.inline.ossproc',
    );
  });

  it('every include resolves', () => {
    const repo = (g: Record<string, Json>) => Object.keys(g.repository as object);
    for (const [grammar, own] of [
      [main, 'source.ossproc'],
      [injection, 'inline.ossproc.injection'],
    ] as const) {
      for (const inc of includesOf(grammar)) {
        if (inc.startsWith('#')) expect(repo(grammar), `${own}: ${inc}`).toContain(inc.slice(1));
        else if (inc.startsWith('source.ossproc#')) expect(repo(main), inc).toContain(inc.slice('source.ossproc#'.length));
        else throw new Error(`${own}: unexpected include ${inc}`);
      }
    }
  });

  it('every scope ends in .ossproc and is documented in README.md, and every documented scope is used', () => {
    const rules = (g: Record<string, Json>) => [g.patterns, g.repository];
    const used = new Set([...scopesOf(rules(main)), ...scopesOf(rules(injection))]);
    for (const scope of used) expect(scope).toMatch(/^[a-z]+(?:[.-][a-z0-9]+)*\.ossproc$/);
    const readme = readFileSync(grammarPath('README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Scopes'), readme.indexOf('## The injection grammar'));
    const documented = new Set([...table.matchAll(/^\| `([a-z0-9.-]+\.ossproc)` \|/gm)].map((m) => m[1]!));
    expect([...used].sort()).toEqual([...documented].sort());
  });
});
