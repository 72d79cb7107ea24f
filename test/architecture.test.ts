import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layering, kept true by a test (ARCHITECTURE.md states it; this enforces it):
 *
 *   core                 depends on no workspace package, and on nothing of Node (it runs in browsers)
 *   cli, language-server depend on core only, not on each other
 *   extension            depends on language-server only, as a devDependency (bundled), and on no other
 *                        workspace package; it holds no language logic (its source does not import core)
 *   test                 the cross-package tests may depend on anything
 *
 * Every workspace package must be listed here, so a new package has to declare its layer.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** The workspace's package directories, from pnpm-workspace.yaml's `packages` globs (`dir/*` or `dir`). */
function workspaceDirs(): string[] {
  const yaml = readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8');
  const block = /^packages:\s*\n((?:\s+-\s+.*\n?)+)/m.exec(yaml);
  if (!block) throw new Error('pnpm-workspace.yaml has no packages list');
  const globs = block[1]!
    .split('\n')
    .map((l) => l.replace(/^\s+-\s+/, '').replace(/["']/g, '').trim())
    .filter(Boolean);
  const dirs: string[] = [];
  for (const g of globs) {
    if (g.endsWith('/*')) {
      const base = join(ROOT, g.slice(0, -2));
      for (const d of readdirSync(base)) if (existsSync(join(base, d, 'package.json'))) dirs.push(join(base, d));
    } else if (existsSync(join(ROOT, g, 'package.json'))) dirs.push(join(ROOT, g));
  }
  return dirs;
}

const manifests = new Map<string, { dir: string; manifest: Manifest }>();
for (const dir of workspaceDirs()) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
  manifests.set(manifest.name, { dir, manifest });
}
const internal = new Set(manifests.keys());

function internalDeps(m: Manifest, fields: (keyof Manifest)[] = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']): string[] {
  const out = new Set<string>();
  for (const f of fields) for (const name of Object.keys((m[f] as Record<string, string> | undefined) ?? {})) if (internal.has(name)) out.add(name);
  return [...out].sort();
}

/** Which workspace packages each package may depend on. */
const ALLOWED: Record<string, { runtime: string[]; dev: string[] }> = {
  '@ossproc/core': { runtime: [], dev: [] },
  // the CLI loads preview (an optional peer) only for `preview` and `serve`
  '@ossproc/cli': { runtime: ['@ossproc/core', '@ossproc/preview'], dev: [] },
  '@ossproc/preview': { runtime: ['@ossproc/core'], dev: [] },
  '@ossproc/language-server': { runtime: ['@ossproc/core'], dev: [] },
  ossproc: { runtime: [], dev: ['@ossproc/language-server'] },
  '@ossproc/test': { runtime: [...internal].filter((n) => n !== '@ossproc/test'), dev: [...internal].filter((n) => n !== '@ossproc/test') },
};

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.[cm]?[jt]sx?$/.test(e)) out.push(p);
  }
  return out;
}

function imports(file: string): string[] {
  // comments hold examples (`import { check } from '@ossproc/core'` in a doc comment) that are not imports
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) out.push(m[1]!);
  return out;
}

describe('architecture: package layering', () => {
  it('knows every workspace package', () => {
    expect([...internal].sort()).toEqual(expect.arrayContaining(['@ossproc/cli', '@ossproc/core', '@ossproc/language-server', 'ossproc']));
    for (const name of internal) expect(ALLOWED, `${name} has no declared layer in test/architecture.test.ts`).toHaveProperty([name]);
  });

  for (const [name, { manifest }] of manifests) {
    it(`${name} depends only on the packages below it`, () => {
      const allowed = ALLOWED[name];
      if (!allowed) return;
      for (const dep of internalDeps(manifest, ['dependencies', 'peerDependencies', 'optionalDependencies'])) expect(allowed.runtime, `${name} depends on ${dep}`).toContain(dep);
      for (const dep of internalDeps(manifest, ['devDependencies'])) expect([...allowed.runtime, ...allowed.dev], `${name} dev-depends on ${dep}`).toContain(dep);
    });
  }

  it('the extension ships no runtime dependencies (everything is bundled)', () => {
    const ext = manifests.get('ossproc')!.manifest;
    expect(Object.keys(ext.dependencies ?? {})).toEqual([]);
  });
});

describe('architecture: imports follow the layering', () => {
  const src = (name: string) => sourceFiles(join(manifests.get(name)!.dir, 'src'));

  it('core imports no workspace package and nothing of Node, LSP or VS Code', () => {
    for (const f of src('@ossproc/core')) {
      for (const i of imports(f)) {
        expect(i, `${relative(ROOT, f)} imports ${i}`).not.toMatch(/^(node:|@ossproc\/|vscode)/);
        expect(['fs', 'path', 'os', 'child_process', 'process', 'url', 'util'], `${relative(ROOT, f)} imports ${i}`).not.toContain(i);
      }
    }
  });

  it('cli and language-server import core and not each other', () => {
    for (const f of src('@ossproc/cli')) for (const i of imports(f)) expect(i, relative(ROOT, f)).not.toMatch(/^(@ossproc\/language-server|vscode)/);
    for (const f of src('@ossproc/language-server')) for (const i of imports(f)) expect(i, relative(ROOT, f)).not.toMatch(/^@ossproc\/cli/);
  });

  it('the language service (service/) is transport-free: no connection, no Node', () => {
    for (const f of sourceFiles(join(manifests.get('@ossproc/language-server')!.dir, 'src', 'service'))) {
      for (const i of imports(f)) expect(i, `${relative(ROOT, f)} imports ${i}`).not.toMatch(/^(node:|vscode-languageserver\/node|vscode$)/);
    }
  });

  it('the extension holds no language logic: it does not import core', () => {
    for (const f of src('ossproc')) for (const i of imports(f)) expect(i, relative(ROOT, f)).not.toMatch(/^@ossproc\/core/);
  });
});
