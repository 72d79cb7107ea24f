import { execFile as execFileCb, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { cleanEnv, systemNode20, version } from './runtimes';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type InitializeResult, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';

/**
 * The packages as a user gets them: `pnpm pack` every public package, install the tarballs together into a
 * fresh project with plain npm (offline: the tarballs need nothing else), and use them there the way the
 * READMEs say — the CLI through npx, core by `import` and `require`, core's types under nodenext and bundler
 * (strict, exactOptionalPropertyTypes, no skipLibCheck), core bundled for the browser, the language server
 * over stdio — on the system Node 20, on Node 22 (the root `node@22` devDependency) and on Node 24 (the npm
 * `node@24` package, installed once into node_modules/.cache; skipped only when the registry cannot give it).
 */

const execFile = promisify(execFileCb);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PUBLIC = ['packages/core', 'packages/cli', 'packages/language-server'];
const NODE24_DIR = join(ROOT, 'node_modules/.cache/ossproc-node24');

/** Node 24 from the npm `node@24` package, installed once; undefined when the registry does not have it. */
function node24(): string | undefined {
  const bin = join(NODE24_DIR, 'node_modules/node/bin/node');
  if (!existsSync(bin)) {
    mkdirSync(NODE24_DIR, { recursive: true });
    writeFileSync(join(NODE24_DIR, 'package.json'), '{"private":true}\n');
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', 'node@24'], { cwd: NODE24_DIR, env: cleanEnv(), encoding: 'utf8', timeout: 150_000 });
    if (r.status !== 0 || !existsSync(bin)) return undefined;
  }
  return version(bin).startsWith('v24.') ? bin : undefined;
}

const RUNTIMES: { name: string; node: () => string | undefined }[] = [
  { name: 'Node 20 (system)', node: systemNode20 },
  { name: 'Node 22 (node@22)', node: () => join(ROOT, 'node_modules/node/bin/node') },
  { name: 'Node 24 (node@24)', node: node24 },
];

let work: string;
let consumer: string;
const tarballs: string[] = [];
const nodes = new Map<string, string | undefined>();

const CONSUMER_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2),
  'bad.ossproc': '# one mistake\nimage/quality,q_0\n',
  'good.ossproc': 'image/resize,m_lfit,w_100/quality,q_90\n',
  'esm.mjs': "import { check, build } from '@ossproc/core';\nconsole.log(JSON.stringify({ messages: check('image/quality,q_0').map((d) => d.message), built: build({ steps: [{ action: 'image/resize', params: { w: 100 } }] }) }));\n",
  'cjs.cjs': "const { check, BuildError } = require('@ossproc/core');\nconsole.log(JSON.stringify({ messages: check('image/quality,q_0').map((d) => d.message), error: typeof BuildError }));\n",
  // the same consumer code for every tsconfig: types from the catalog, and their errors where they belong
  'src/use.ts': [
    "import { build, check, explain, type Diagnostic } from '@ossproc/core';",
    "const found: Diagnostic[] = check('image/quality,q_0');",
    "const text: string = build({ steps: [{ action: 'video/convert', params: { f: 'mp4', vcodec: 'h264' } }], saveas: { object: 'out.mp4' } });",
    '// @ts-expect-error: no such action',
    "build({ steps: [{ action: 'video/convertt' }] });",
    '// @ts-expect-error: no such parameter',
    "build({ steps: [{ action: 'video/convert', params: { f: 'mp4', vcodecc: 'h264' } }] });",
    'export const out = [found.length, text, explain(text).actions.length];',
    '',
  ].join('\n'),
  'src/require.cts': "import core = require('@ossproc/core');\nexport const n: number = core.check('image/quality,q_0').length;\n",
  'browser.js': "import { check } from '@ossproc/core';\nglobalThis.result = check('image/quality,q_0').map((d) => d.message);\n",
};

const STRICT = { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false, noEmit: true, types: [] };
const TSCONFIGS: Record<string, object> = {
  nodenext: { compilerOptions: { module: 'nodenext', target: 'es2022', ...STRICT }, include: ['src'] },
  bundler: { compilerOptions: { module: 'esnext', moduleResolution: 'bundler', target: 'es2022', ...STRICT }, include: ['src/use.ts'] },
  'bundler-loose': { compilerOptions: { module: 'preserve', moduleResolution: 'bundler', target: 'es2020', noEmit: true, types: [] }, include: ['src/use.ts'] },
};

beforeAll(async () => {
  for (const p of PUBLIC) expect(existsSync(join(ROOT, p, 'dist')), `${p} is not built: run \`pnpm build\``).toBe(true);
  work = mkdtempSync(join(tmpdir(), 'ossproc-install-'));
  const packed = join(work, 'tarballs');
  mkdirSync(packed);
  // pnpm pack runs each package's prepack (the workspace: guard) and rewrites workspace: ranges
  await Promise.all(PUBLIC.map((p) => execFile('npx', ['-y', 'pnpm@12.4.2', 'pack', '--pack-destination', packed], { cwd: join(ROOT, p), env: cleanEnv(dirname(process.execPath)) })));
  tarballs.push(...readdirSync(packed).map((f) => join(packed, f)).sort());
  consumer = join(work, 'consumer');
  for (const [name, text] of Object.entries(CONSUMER_FILES)) {
    mkdirSync(dirname(join(consumer, name)), { recursive: true });
    writeFileSync(join(consumer, name), text);
  }
  for (const [name, config] of Object.entries(TSCONFIGS)) writeFileSync(join(consumer, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
  // plain npm, offline: everything the packages need is in their tarballs
  await execFile('npm', ['install', '--offline', '--no-audit', '--no-fund', ...tarballs], { cwd: consumer, env: cleanEnv() });
  for (const r of RUNTIMES) nodes.set(r.name, r.node());
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the tarballs', () => {
  it('are the three public packages', () => {
    expect(tarballs.map((t) => t.slice(t.lastIndexOf('/') + 1))).toEqual(['ossproc-cli-0.1.0.tgz', 'ossproc-core-0.1.0.tgz', 'ossproc-language-server-0.1.0.tgz']);
  });

  it('have honest manifests: no workspace: ranges, no runtime dependencies (everything is bundled), engines node >=20', () => {
    for (const name of ['core', 'cli', 'language-server']) {
      const manifest = JSON.parse(readFileSync(join(consumer, 'node_modules/@ossproc', name, 'package.json'), 'utf8'));
      expect(JSON.stringify(manifest)).not.toContain('workspace:');
      expect(manifest.dependencies ?? {}).toEqual({});
      expect(manifest.engines).toEqual({ node: '>=20' });
      expect(manifest.license).toBe('MIT');
      expect(manifest.repository.url).toBe('git+https://github.com/ossproc/ossproc.git');
      for (const key of ['homepage', 'bugs', 'keywords', 'description']) expect(manifest[key], `${name}: ${key}`).toBeTruthy();
    }
  });

  it('ship a README and a LICENSE each, and no sources, source maps, tests or notes', () => {
    for (const name of ['core', 'cli', 'language-server']) {
      const dir = join(consumer, 'node_modules/@ossproc', name);
      const files = execFileSync('find', ['.', '-type', 'f'], { cwd: dir, encoding: 'utf8' }).split('\n').filter(Boolean);
      expect(files).toContain('./README.md');
      expect(files).toContain('./LICENSE');
      expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
      for (const f of files) expect(f).not.toMatch(/\.map$|^\.\/src\/|\/test\/|NOTES\.md|\.test\./);
    }
  });

  it("have READMEs whose links work outside the monorepo (absolute URLs)", () => {
    for (const name of ['core', 'cli', 'language-server']) {
      const readme = readFileSync(join(consumer, 'node_modules/@ossproc', name, 'README.md'), 'utf8');
      const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
      for (const l of links) expect(l, `${name}: ${l}`).toMatch(/^https:\/\//);
      expect(readme, name).toMatch(/Node 20, 22 and 24/);
    }
  });

  it('cannot be packed by npm with workspace: ranges left in (the prepack guard)', () => {
    const r = spawnSync('npm', ['pack', '--dry-run'], { cwd: join(ROOT, 'packages/cli'), env: cleanEnv(), encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/@ossproc\/cli: package.json has workspace: ranges \(devDependencies.@ossproc\/core: workspace:\*.*\), which only pnpm rewrites when packing\./);
  });

  it('install the CLI alone (its bundle holds core)', async () => {
    const alone = join(work, 'alone');
    mkdirSync(alone);
    writeFileSync(join(alone, 'package.json'), '{"name":"alone","private":true}');
    await execFile('npm', ['install', '--offline', '--no-audit', '--no-fund', tarballs.find((t) => t.includes('-cli-'))!], { cwd: alone, env: cleanEnv() });
    const r = spawnSync('npx', ['ossproc', 'lint', '--stdin'], { cwd: alone, input: 'image/quality,q_0\n', env: cleanEnv(), encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('q_0: q must be between 1 and 100');
  });

  it('give core types that check under nodenext (ESM and CJS), bundler, strict and exactOptionalPropertyTypes', () => {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    for (const name of Object.keys(TSCONFIGS)) {
      const r = spawnSync(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], { cwd: consumer, encoding: 'utf8' });
      expect(`${name}: ${r.stdout}${r.stderr}`).toBe(`${name}: `);
      expect(r.status).toBe(0);
    }
  });

  it('give core types that `tsc --init` accepts as they come', () => {
    const dir = join(consumer, 'init');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.ts'), CONSUMER_FILES['src/use.ts']!);
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '--init'], { cwd: dir, encoding: 'utf8' });
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--skipLibCheck', 'false', '--types', ''], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('and a type error where the catalog says so: a misspelt action is named', () => {
    writeFileSync(join(consumer, 'src/wrong.ts'), "import { build } from '@ossproc/core';\nbuild({ steps: [{ action: 'video/convertt' }] });\n");
    try {
      const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.nodenext.json'], { cwd: consumer, encoding: 'utf8' });
      expect(r.stdout).toMatch(/^src\/wrong\.ts\(2,\d+\): error TS\d+: .*Did you mean '"video\/convert"'\?/m);
      expect(r.status).not.toBe(0);
    } finally {
      rmSync(join(consumer, 'src/wrong.ts'));
    }
  });

  it('bundle core for the browser with esbuild', () => {
    const esbuild = join(ROOT, 'node_modules/esbuild/bin/esbuild');
    execFileSync(esbuild, ['browser.js', '--bundle', '--platform=browser', '--format=iife', '--minify', '--outfile=browser.bundle.js', '--log-level=warning'], { cwd: consumer, encoding: 'utf8' });
    const bundle = readFileSync(join(consumer, 'browser.bundle.js'), 'utf8');
    expect(bundle).not.toMatch(/\brequire\(|["'`]node:[a-z_/]+["'`]/);
  });
});

describe('adoption plumbing, in the installed project', () => {
  it('the GitHub Action\'s lint step annotates, writes SARIF and hands its exit code on', () => {
    const step = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')).runs.steps[0];
    const output = join(work, 'github-output');
    writeFileSync(output, '');
    const env = { ...cleanEnv(dirname(nodes.get('Node 20 (system)')!)), OSSPROC_PATHS: 'bad.ossproc', OSSPROC_ARGS: '', OSSPROC_VERSION: '0.1.0', OSSPROC_SARIF: 'true', OSSPROC_SARIF_FILE: 'ossproc.sarif', GITHUB_OUTPUT: output };
    const r = spawnSync('bash', ['-e', '-c', step.run], { cwd: consumer, env, encoding: 'utf8' });
    expect([r.status, r.stdout]).toEqual([0, '::error file=bad.ossproc,line=2,col=15,endLine=2,endColumn=18,title=value-out-of-range::q_0: q must be between 1 and 100\n']);
    expect(readFileSync(output, 'utf8')).toBe('exit-code=1\n');
    const sarif = JSON.parse(readFileSync(join(consumer, 'ossproc.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['value-out-of-range']);
  });

  it('pre-commit runs the hooks of .pre-commit-hooks.yaml (pre-commit try-repo)', ({ skip }) => {
    if (spawnSync('pre-commit', ['--version']).status !== 0) skip();
    const env = { ...cleanEnv(dirname(nodes.get('Node 20 (system)')!)), PRE_COMMIT_HOME: join(work, 'pre-commit-home'), GIT_CONFIG_NOSYSTEM: '1', HOME: work };
    execFileSync('git', ['init', '-q'], { cwd: consumer, env });
    writeFileSync(join(consumer, 'messy.ossproc'), 'image/resize , w_100\n');
    // pre-commit sees a hook's rewrite as a change against the index
    execFileSync('git', ['add', 'messy.ossproc'], { cwd: consumer, env });
    const lint = spawnSync('pre-commit', ['try-repo', ROOT, 'ossproc', '--files', 'bad.ossproc', 'good.ossproc'], { cwd: consumer, env, encoding: 'utf8' });
    expect(lint.status, lint.stdout + lint.stderr).toBe(1);
    expect(lint.stdout).toMatch(/ossproc lint\.+Failed/);
    expect(lint.stdout).toContain('2:15    error    q_0: q must be between 1 and 100  value-out-of-range');
    const fmt = spawnSync('pre-commit', ['try-repo', ROOT, 'ossproc-fmt', '--files', 'messy.ossproc'], { cwd: consumer, env, encoding: 'utf8' });
    expect(fmt.stdout).toMatch(/ossproc fmt\.+Failed/);
    expect(fmt.stdout).toContain('files were modified by this hook');
    expect(readFileSync(join(consumer, 'messy.ossproc'), 'utf8')).toBe('image/resize,w_100\n');
  }, 60_000);
});

describe.each(RUNTIMES.map((r) => [r.name] as const))('installed, on %s', (name) => {
  const node = (skip: () => void): string => {
    const n = nodes.get(name);
    if (!n) skip();
    return n!;
  };

  it('`npx ossproc lint` reports the one finding (exit 1), nothing for a clean file (exit 0)', ({ skip }) => {
    const env = cleanEnv(dirname(node(skip)));
    const bad = spawnSync('npx', ['ossproc', 'lint', 'bad.ossproc', '--format', 'json'], { cwd: consumer, env, encoding: 'utf8' });
    expect(bad.stderr).toBe('');
    expect(bad.status).toBe(1);
    const [file] = JSON.parse(bad.stdout);
    expect(file.messages.map((m: { ruleId: string; line: number; column: number; message: string }) => [m.ruleId, m.line, m.column, m.message])).toEqual([['value-out-of-range', 2, 15, 'q_0: q must be between 1 and 100']]);
    const good = spawnSync('npx', ['ossproc', 'lint', 'good.ossproc'], { cwd: consumer, env, encoding: 'utf8' });
    expect([good.status, good.stdout, good.stderr]).toEqual([0, '', '']);
    const v = spawnSync('npx', ['ossproc', '--version'], { cwd: consumer, env, encoding: 'utf8' });
    expect(v.stdout).toBe('0.1.0\n');
  });

  it('core works by import and by require', ({ skip }) => {
    const n = node(skip);
    const esm = JSON.parse(execFileSync(n, ['esm.mjs'], { cwd: consumer, encoding: 'utf8', env: cleanEnv() }));
    expect(esm).toEqual({ messages: ['q_0: q must be between 1 and 100'], built: 'image/resize,w_100' });
    const cjs = JSON.parse(execFileSync(n, ['cjs.cjs'], { cwd: consumer, encoding: 'utf8', env: cleanEnv() }));
    expect(cjs).toEqual({ messages: ['q_0: q must be between 1 and 100'], error: 'function' });
  });

  it('the browser bundle runs in a bare global scope (no Node, no Object.groupBy unless the engine has one)', ({ skip }) => {
    const script = "const vm=require('node:vm');const c=vm.createContext({});vm.runInContext(require('node:fs').readFileSync('browser.bundle.js','utf8'),c);console.log(JSON.stringify(c.result))";
    expect(JSON.parse(execFileSync(node(skip), ['-e', script], { cwd: consumer, encoding: 'utf8', env: cleanEnv() }))).toEqual(['q_0: q must be between 1 and 100']);
  });

  it('the language server starts over stdio, answers initialize and publishes diagnostics', async ({ skip }) => {
    const server = join(consumer, 'node_modules/@ossproc/language-server/bin/ossproc-language-server.cjs');
    await expect(initializeServer(node(skip), server)).resolves.toEqual(['q_0: q must be between 1 and 100']);
  });
});

/** initialize, open a document, wait for its diagnostics, shut down; resolves to their messages. */
export async function initializeServer(node: string, server: string): Promise<string[]> {
  const child = spawn(node, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: cleanEnv() });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Promise<PublishDiagnosticsParams>((r) => connection.onNotification('textDocument/publishDiagnostics', r));
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  try {
    const init = (await Promise.race([
      connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }),
      exited.then((code) => Promise.reject(new Error(`the server exited (${code}) before initialize: ${stderr}`))),
    ])) as InitializeResult;
    expect(init.serverInfo?.name).toBe('ossproc-language-server');
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///w/a.ossproc', languageId: 'ossproc', version: 1, text: 'image/quality,q_0\n' } });
    const diagnostics = await published;
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await exited).toBe(0);
    return diagnostics.diagnostics.map((d) => String(d.message));
  } finally {
    connection.dispose();
    child.kill();
  }
}

/**
 * @ossproc/preview is installed the way its README says, beside the CLI: from its tarball, with its real
 * dependencies (sharp and its prebuilt libvips) from the npm registry, so this part is not offline.
 */
describe('@ossproc/preview, installed with its dependencies', () => {
  let dir: string;
  const npx = (args: string[]) => spawnSync('npx', args, { cwd: dir, env: cleanEnv(dirname(systemNode20())), encoding: 'utf8' });

  beforeAll(async () => {
    dir = join(work, 'with-preview');
    mkdirSync(join(dir, 'src'), { recursive: true });
    await execFile('npx', ['-y', 'pnpm@12.4.2', 'pack', '--pack-destination', work], { cwd: join(ROOT, 'packages/preview'), env: cleanEnv(dirname(process.execPath)) });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'with-preview', version: '1.0.0', private: true, type: 'module' }));
    const ours = [...tarballs.filter((t) => !t.includes('-language-server-')), join(work, 'ossproc-preview-0.1.0.tgz')];
    await execFile('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...ours, '@types/node@22'], { cwd: dir, env: cleanEnv() });
    // a 40 × 30 picture to run strings on, made by the sharp the package brought
    execFileSync(systemNode20(), ['--input-type=module', '-e', "import sharp from 'sharp'; await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } }).png().toFile('in.png');"], { cwd: dir, env: cleanEnv() });
  }, 300_000);

  it('has an honest manifest: its two dependencies, a README, a LICENSE, declarations and no sources', () => {
    const root = join(dir, 'node_modules/@ossproc/preview');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(manifest.dependencies).toEqual({ '@ossproc/core': '0.1.0', sharp: '0.35.5' });
    expect([manifest.engines, manifest.license, manifest.repository.url]).toEqual([{ node: '>=20' }, 'MIT', 'git+https://github.com/ossproc/ossproc.git']);
    const files = execFileSync('find', ['.', '-type', 'f'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files).toEqual(expect.arrayContaining(['./README.md', './LICENSE', './dist/index.js', './dist/index.d.ts']));
    for (const f of files) expect(f).not.toMatch(/\.map$|^\.\/src\/|\/test\/|\.test\.|^\.\/scripts\//);
    for (const l of [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!)) expect(l).toMatch(/^https:\/\//);
  });

  it('runs a string on a local image as a library (sharp does the work)', () => {
    const script = [
      "import sharp from 'sharp';",
      "import { preview, RefusedError } from '@ossproc/preview';",
      "const r = await preview('image/resize,w_20/format,webp', { input: 'in.png', output: 'small.webp' });",
      "const m = await sharp('small.webp').metadata();",
      'let refused;',
      "try { await preview('image/resize,w_0', { input: 'in.png' }); } catch (e) { refused = e instanceof RefusedError && e.request.errors.map((d) => d.message); }",
      'console.log(JSON.stringify({ ok: r.ok, outputs: r.outputs.map((o) => o.slice(o.lastIndexOf("/") + 1)), size: [m.width, m.height, m.format], refused }));',
    ].join('\n');
    const out = JSON.parse(execFileSync(systemNode20(), ['--input-type=module', '-e', script], { cwd: dir, env: cleanEnv(), encoding: 'utf8' }));
    expect(out).toEqual({ ok: true, outputs: ['small.webp'], size: [20, 15, 'webp'], refused: ['w_0: w must be between 1 and 16384'] });
  });

  it('is what `npx ossproc preview` loads', () => {
    const r = npx(['ossproc', 'preview', 'image/resize,m_fill,w_8,h_8/format,png', 'in.png', '-o', 'thumb.png', '--format', 'json']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout).ok).toBe(true);
    expect(existsSync(join(dir, 'thumb.png'))).toBe(true);
    const bad = npx(['ossproc', 'preview', 'image/resize,w_0', 'in.png']);
    expect(bad.status).toBe(1);
    expect(bad.stdout + bad.stderr).toContain('w_0: w must be between 1 and 16384');
  });

  it('gives types that check under nodenext, strict, without skipLibCheck', () => {
    writeFileSync(
      join(dir, 'src/use.ts'),
      [
        "import { preview, readRequest, type PreviewResult } from '@ossproc/preview';",
        "const r: Promise<PreviewResult> = preview('image/resize,w_10', { input: 'in.png', fast: true });",
        "const steps: number = readRequest('image/resize,w_10/format,png').steps.length;",
        '// @ts-expect-error: no such option',
        "preview('image/resize,w_10', { input: 'in.png', colour: true });",
        'export { r, steps };',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', target: 'es2022', ...STRICT, types: ['node'] }, include: ['src'] }));
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
