// prepack of every public package: a packed manifest must not keep `workspace:` ranges, which npm cannot
// install (EUNSUPPORTEDPROTOCOL). `pnpm pack` rewrites them to the version in the tarball; `npm pack` and
// `yarn pack` copy package.json as it is, so they are stopped here, before a broken tarball exists.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const agent = process.env.npm_config_user_agent ?? '';
const FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
const workspace = FIELDS.flatMap((f) => Object.entries(manifest[f] ?? {}).filter(([, v]) => String(v).startsWith('workspace:')).map(([n, v]) => `${f}.${n}: ${v}`));
if (workspace.length && !agent.startsWith('pnpm/')) {
  console.error(`${manifest.name}: package.json has workspace: ranges (${workspace.join(', ')}), which only pnpm rewrites when packing.`);
  console.error(`Pack with pnpm: npx -y pnpm@12.4.2 pack`);
  process.exit(1);
}
