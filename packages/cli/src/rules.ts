import { RULES, normalizeSeverity, ruleDocsUrl, type RuleSetting, type Severity } from '@ossproc/core';
import { closest, UsageError } from './errors';
import { PRESET_SHAPE_RULE, UNUSED_DIRECTIVE_RULE } from './types';

/** Where the CLI's own rules are documented. */
export const CLI_DOCS_URL = 'https://github.com/ossproc/ossproc/blob/main/docs/cli.md';

export interface RuleInfo {
  id: string;
  severity: Severity;
  description: string;
  helpUri: string;
  /** A rule of the CLI (not of core's checker). */
  cli?: boolean;
}

/** Core's rules, then the two the CLI adds. One id serves the config key, `--rule`, SARIF and suppression. */
export const ALL_RULES: readonly RuleInfo[] = [
  ...RULES.map((r) => ({ id: r.id, severity: r.severity, description: r.description, helpUri: ruleDocsUrl(r.id) })),
  {
    id: PRESET_SHAPE_RULE,
    severity: 'error',
    description: 'A preset file ({ "styles": { "<name>": "<string>" } }) has a style that is not a string, or `styles` is not an object.',
    helpUri: `${CLI_DOCS_URL}#preset-files`,
    cli: true,
  },
  {
    id: UNUSED_DIRECTIVE_RULE,
    severity: 'warning',
    description: 'A suppression comment (ossproc-disable-…) suppressed nothing. Reported with --report-unused-disable-directives.',
    helpUri: `${CLI_DOCS_URL}#suppression-comments`,
    cli: true,
  },
];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

export function ruleInfo(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}

export const SEVERITY_WORDS = ['off', 'info', 'warn', 'warning', 'error', '0', '1', '2'] as const;

/** A severity as written in `--rule` or a config file; undefined when it is none. */
export function parseSeverity(value: unknown): RuleSetting | undefined {
  if (value === 0 || value === 1 || value === 2) return value;
  if (typeof value !== 'string') return undefined;
  if (value === '0' || value === '1' || value === '2') return Number(value) as 0 | 1 | 2;
  return normalizeSeverity(value as RuleSetting) ? (value as RuleSetting) : undefined;
}

/** The effective severity of a rule under a settings map. */
export function effectiveSeverity(id: string, rules: Record<string, RuleSetting>): Severity | 'off' {
  const set = normalizeSeverity(rules[id]);
  if (set) return set;
  if (id === UNUSED_DIRECTIVE_RULE) return 'off';
  return BY_ID.get(id)?.severity ?? 'error';
}

/** Parses `--rule id:severity`. */
export function parseRuleFlag(flag: string): [string, RuleSetting] {
  const colon = flag.lastIndexOf(':');
  if (colon <= 0) throw new UsageError(`--rule expects <rule-id>:<severity>, e.g. --rule value-out-of-range:warn; got '${flag}'`);
  const id = flag.slice(0, colon).trim();
  const sev = flag.slice(colon + 1).trim();
  if (!BY_ID.has(id)) {
    const hint = closest(id, BY_ID.keys());
    throw new UsageError(`unknown rule '${id}' in --rule ${flag}${hint ? ` (did you mean '${hint}'?)` : ''}; 'ossproc lint --help' lists where the rules are documented`);
  }
  const setting = parseSeverity(sev);
  if (setting === undefined) throw new UsageError(`unknown severity '${sev}' in --rule ${flag} (use off, info, warn or error)`);
  return [id, setting];
}
