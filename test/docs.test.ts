import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '@ossproc/core';
import { generateDocs } from '../scripts/docs';

const root = join(import.meta.dirname, '..');

describe('generated docs', () => {
  const files = generateDocs();
  it.each(files.map((f) => [f.path, f] as const))('%s is current (run `pnpm gen:docs`)', (path, file) => {
    let committed = '';
    try {
      committed = readFileSync(join(root, path), 'utf8');
    } catch {
      committed = '(missing)';
    }
    expect(committed).toBe(file.content);
  });

  it('has a page for every rule and no page for a rule that is gone', () => {
    const pages = readdirSync(join(root, 'docs/rules')).filter((f) => f !== 'README.md').map((f) => f.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual(RULES.map((r) => r.id).sort());
  });
});
