import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemNode20 } from '../install/runtimes';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type InitializeResult } from 'vscode-languageserver-protocol/node';

/**
 * The extension as users get it: build and package the .vsix with @vscode/vsce, then read the zip's central
 * directory (no unzip needed) and check what it holds — and that the bundled server in it starts.
 */

const EXT = fileURLToPath(new URL('../../extension/', import.meta.url));
const VSIX = join(EXT, 'ossproc.vsix');

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

function centralDirectory(zip: Buffer): Entry[] {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const offset = zip.readUInt32LE(at + 42);
    out.push({ name: zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'), method, compressedSize, size, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

function read(zip: Buffer, e: Entry): Buffer {
  const nameLength = zip.readUInt16LE(e.offset + 26);
  const extraLength = zip.readUInt16LE(e.offset + 28);
  const data = zip.subarray(e.offset + 30 + nameLength + extraLength, e.offset + 30 + nameLength + extraLength + e.compressedSize);
  return e.method === 8 ? inflateRawSync(data) : Buffer.from(data);
}

let zip: Buffer;
let entries: Entry[];
const file = (name: string) => {
  const e = entries.find((x) => x.name === name);
  if (!e) throw new Error(`${name} is not in the .vsix`);
  return read(zip, e);
};

beforeAll(() => {
  // exactly what `pnpm --filter ossproc package` runs: the build, then vsce with the package script's flags
  execFileSync(process.execPath, [join(EXT, 'scripts/build.mjs')], { cwd: EXT, stdio: 'pipe' });
  const script: string = JSON.parse(readFileSync(join(EXT, 'package.json'), 'utf8')).scripts.package;
  const vsceArgs = script.slice(script.indexOf('vsce package') + 'vsce '.length).split(/\s+/).filter(Boolean);
  const out = vsceArgs.indexOf('--out');
  if (out !== -1) vsceArgs.splice(out, 2);
  execFileSync(join(EXT, 'node_modules/.bin/vsce'), [...vsceArgs, '--out', VSIX], { cwd: EXT, stdio: 'pipe' });
  zip = readFileSync(VSIX);
  entries = centralDirectory(zip);
}, 180_000);

describe('the .vsix', () => {
  it('is at most 1 MB', () => {
    expect(statSync(VSIX).size).toBeLessThanOrEqual(1024 * 1024);
  });

  it('holds the bundles, the manifest, the grammars, the schema, the icon and the license', () => {
    const names = entries.map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'extension/package.json',
        'extension/dist/client.js',
        'extension/dist/server.js',
        'extension/syntaxes/ossproc.tmLanguage.json',
        'extension/syntaxes/ossproc-injection.tmLanguage.json',
        'extension/schemas/ossproc.config.schema.json',
        'extension/language-configuration.json',
        'extension/images/icon.png',
        'extension/LICENSE.txt',
        'extension/readme.md',
        'extension/changelog.md',
      ]),
    );
  });

  it('ships no node_modules, sources or source maps', () => {
    for (const n of entries.map((e) => e.name)) {
      expect(n).not.toMatch(/node_modules\//);
      expect(n).not.toMatch(/\/src\/|\.ts$|\.map$|\/scripts\//);
    }
  });

  it('has a manifest whose every path is in the package', () => {
    const manifest = JSON.parse(file('extension/package.json').toString('utf8'));
    const inside = (p: string) => `extension/${p.replace(/^\.\//, '')}`;
    expect(manifest.name).toBe('ossproc');
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
    expect(() => file(inside(manifest.main))).not.toThrow();
    expect(() => file(inside(manifest.icon))).not.toThrow();
    for (const g of manifest.contributes.grammars) {
      const grammar = JSON.parse(file(inside(g.path)).toString('utf8'));
      expect(grammar.scopeName).toBe(g.scopeName);
    }
    const injection = manifest.contributes.grammars.find((g: { injectTo?: string[] }) => g.injectTo);
    expect(injection.injectTo).toEqual(['source.java', 'source.python', 'source.go', 'source.js', 'source.ts', 'source.tsx', 'source.json', 'source.yaml']);
    for (const v of manifest.contributes.jsonValidation) {
      expect(v.fileMatch).toBe('ossproc.config.json');
      expect(JSON.parse(file(inside(v.url)).toString('utf8'))).toHaveProperty('$schema');
    }
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual(
      expect.arrayContaining(['ossproc.mode', 'ossproc.rules', 'ossproc.embeddedLanguages', 'ossproc.inlayHints.decodedValues', 'ossproc.inlayHints.units']),
    );
    expect(manifest.contributes.commands.map((c: { command: string }) => c.command)).toEqual(['ossproc.explain', 'ossproc.insertSaveasTarget', 'ossproc.decodeValue']);
    expect(manifest.contributes.languages[0]).toMatchObject({ id: 'ossproc', extensions: ['.ossproc'] });
    expect(JSON.parse(file(inside(manifest.contributes.languages[0].configuration)).toString('utf8')).comments.lineComment).toBe('#');
  });

  it('holds every image the README shows, referenced relatively (offline users see them)', () => {
    const readme = file('extension/readme.md').toString('utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThanOrEqual(6);
    for (const src of images) {
      expect(src).not.toMatch(/^[a-z]+:/i);
      const png = file(`extension/${src}`);
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    }
  });

  it('claims virtual workspaces only with a web build: a browser client and a worker server that need nothing but vscode', () => {
    const manifest = JSON.parse(file('extension/package.json').toString('utf8'));
    expect(manifest.capabilities.virtualWorkspaces).toBe(true);
    expect(manifest.browser).toBe('./dist/browser/client.js');
    const client = file('extension/dist/browser/client.js').toString('utf8');
    const required = new Set([...client.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!));
    expect([...required]).toEqual(['vscode']);
    const server = file('extension/dist/browser/server.js').toString('utf8');
    expect(server).not.toMatch(/require\("/);
    expect(server).toContain('ossproc-language-server');
  });

  it('maps every semantic token type of .ossproc files to the scope its grammar gives the same text', () => {
    const manifest = JSON.parse(file('extension/package.json').toString('utf8'));
    const grammar = file('extension/syntaxes/ossproc.tmLanguage.json').toString('utf8');
    const scopes = manifest.contributes.semanticTokenScopes.find((s: { language: string }) => s.language === 'ossproc').scopes as Record<string, string[]>;
    // the server's legend: every type it sends has a scope, and keys are the grammar's variable.parameter
    expect(Object.keys(scopes)).toEqual(expect.arrayContaining(['namespace', 'function', 'parameter', 'number', 'enumMember', 'string', 'string.base64', 'invalid']));
    expect(scopes.parameter).toEqual(['variable.parameter.ossproc']);
    for (const [type, [scope]] of Object.entries(scopes)) {
      if (type === 'invalid') continue;
      expect(grammar, `${type} → ${scope}`).toContain(`"name": "${scope}"`);
    }
  });

  it('explains into a read-only document of its own scheme, never an untitled one to save', () => {
    for (const bundle of ['extension/dist/client.js', 'extension/dist/browser/client.js']) {
      const client = file(bundle).toString('utf8');
      expect(client).toContain('"ossproc-explain"');
      expect(client).toContain('registerTextDocumentContentProvider');
      expect(client).not.toMatch(/openTextDocument\(\{[^}]*content/);
    }
  });

  it('has a 128×128 PNG icon', () => {
    const png = file('extension/images/icon.png');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
  });

  it('bundles a client that needs nothing but vscode', () => {
    const client = file('extension/dist/client.js').toString('utf8');
    const required = new Set([...client.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!).filter((r) => !r.startsWith('node:')));
    for (const r of required) expect(['vscode', 'path', 'fs', 'os', 'child_process', 'net', 'crypto', 'util', 'events', 'stream', 'url', 'assert', 'buffer', 'string_decoder', 'tty', 'readline']).toContain(r);
  });

  // VS Code 1.91 (engines.vscode) runs extensions on Node 20: the server must start there too
  it.each([['Node 22', process.execPath], ['Node 20 (system)', systemNode20()]])('bundles a server that starts and answers initialize on %s', async (_name, node) => {
    const dir = mkdtempSync(join(tmpdir(), 'ossproc-vsix-'));
    const server = join(dir, 'server.js');
    writeFileSync(server, file('extension/dist/server.js'));
    const child = spawn(node, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      const result = (await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} })) as InitializeResult;
      expect(result.serverInfo?.name).toBe('ossproc-language-server');
      expect(result.capabilities.completionProvider).toBeTruthy();
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', r)));
      expect(code).toBe(0);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
