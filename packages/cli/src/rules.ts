import { parseSeverity, RULES, ruleDocsUrl, UNUSED_DIRECTIVE_RULE, type RuleSetting, type Severity } from '@ossproc/core';
import { closest, UsageError } from './errors';

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

/** Core's rules, then the stale-suppression one. One id serves the config key, `--rule`, SARIF and suppression. */
export const ALL_RULES: readonly RuleInfo[] = [
  ...RULES.map((r) => ({ id: r.id, severity: r.severity, description: r.description, helpUri: ruleDocsUrl(r.id) })),
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
