import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter } from 'node:path';

/** The runtimes the published packages promise (engines: node >=20), for the tests that start them. */

/** An environment without pnpm's npm_* settings (they would steer the consumer's npm), colour or our PATH. */
export function cleanEnv(nodeDir?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|pnpm_|PNPM|NO_COLOR|FORCE_COLOR|NODE_OPTIONS|VITEST)/i.test(k)) env[k] = v;
  const path = (process.env.PATH ?? '').split(delimiter).filter((p) => !p.includes('node_modules'));
  env.PATH = [nodeDir, ...path].filter(Boolean).join(delimiter);
  return env;
}

export function version(node: string): string {
  return execFileSync(node, ['--version'], { encoding: 'utf8', env: cleanEnv() }).trim();
}

/** The system's Node 20: /usr/bin/node, or the first `node` on PATH that is 20.x. */
export function systemNode20(): string {
  const candidates = ['/usr/bin/node', ...(spawnSync('which', ['-a', 'node'], { encoding: 'utf8', env: cleanEnv() }).stdout ?? '').split('\n')];
  const found = candidates.filter((c) => c && existsSync(c)).find((c) => version(c).startsWith('v20.'));
  if (!found) throw new Error(`no Node 20 on this system (looked at ${candidates.filter(Boolean).join(', ')}): the packages promise Node 20`);
  return found;
}

