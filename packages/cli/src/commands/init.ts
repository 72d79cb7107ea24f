import { languageForFile, type HostLanguage } from '@ossproc/core';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bool, parseArgs, type FlagSpecs } from '../args';
import { ConfigResolver } from '../config';
import { FatalError } from '../errors';
import { Discoverer } from '../files/discover';
import { INIT_HELP } from '../help';
import { debugLog, type Io } from '../io';

const FLAGS: FlagSpecs = {
  force: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export const CONFIG_NAME = 'ossproc.config.json';
const SCHEMA_IN_PACKAGE = 'node_modules/@ossproc/cli/schema/ossproc.config.schema.json';
export const SCHEMA_URL = 'https://raw.githubusercontent.com/ossproc/ossproc/main/packages/cli/schema/ossproc.config.schema.json';

/** Host languages a directory walk does not read unless `include` names them, with their names for people. */
const CODE_LANGUAGES: Partial<Record<HostLanguage, string>> = {
  java: 'Java', python: 'Python', go: 'Go', javascript: 'JavaScript', typescript: 'TypeScript', markdown: 'Markdown', html: 'HTML',
};
const CODE_EXTENSIONS = ['java', 'py', 'pyi', 'go', 'js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'mts', 'cts', 'md', 'markdown', 'mdx', 'html', 'htm', 'vue', 'svelte'];

/**
 * `ossproc init`: writes ossproc.config.json in the working directory with `$schema` (the installed package's
 * schema, else its URL) and an `include` glob for each extension of source code, Markdown and HTML found in
 * the project (walked as `lint` walks: .gitignore honoured, node_modules and .git skipped), since a walk reads
 * only .ossproc, JSON, YAML and XML on its own.
 */
export async function initCommand(argv: readonly string[], io: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS, 'init');
  if (bool(flags, 'help')) {
    io.stdout.write(INIT_HELP);
    return 0;
  }
  if (positionals.length) throw new FatalError(`init takes no arguments (it writes ${CONFIG_NAME} in the current directory); got ${positionals.join(' ')}`);
  const target = join(io.cwd, CONFIG_NAME);
  if (existsSync(target) && !bool(flags, 'force')) throw new FatalError(`${CONFIG_NAME} already exists; remove it or run ossproc init --force to overwrite it`);

  const found = await new Discoverer(io.cwd, new ConfigResolver(), false, debugLog(io), CODE_EXTENSIONS, false).discover(['.']);
  const byExtension = new Map<string, number>();
  const byLanguage = new Map<string, number>();
  for (const f of found.files) {
    const ext = f.path.slice(f.path.lastIndexOf('.') + 1).toLowerCase();
    const language = CODE_LANGUAGES[languageForFile(f.path) ?? 'text'];
    if (!language) continue;
    byExtension.set(ext, (byExtension.get(ext) ?? 0) + 1);
    byLanguage.set(language, (byLanguage.get(language) ?? 0) + 1);
  }
  const include = CODE_EXTENSIONS.filter((e) => byExtension.has(e)).map((e) => `**/*.${e}`);
  const config = {
    $schema: existsSync(join(io.cwd, SCHEMA_IN_PACKAGE)) ? `./${SCHEMA_IN_PACKAGE}` : SCHEMA_URL,
    include,
    ignore: [],
    rules: {},
  };
  writeFileSync(target, `${JSON.stringify(config, null, 2)}\n`);
  const languages = Object.values(CODE_LANGUAGES).filter((l) => byLanguage.has(l)).map((l) => `${l} (${byLanguage.get(l)} file${byLanguage.get(l) === 1 ? '' : 's'})`);
  io.stdout.write(
    `wrote ${CONFIG_NAME}${languages.length ? `: include ${include.join(', ')} for ${languages.join(', ')}` : ' (no source code, Markdown or HTML found: a walk reads .ossproc, JSON, YAML and XML files)'}\n` +
      `next: ossproc lint (add rules as "rules": { "<rule-id>": "off" | "warn" | "error" }; ossproc rules lists them)\n`,
  );
  return 0;
}
