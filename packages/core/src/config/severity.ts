import type { RuleSetting, Severity } from '../check/diagnostic';
import { getRule } from '../check/rules';

/**
 * Severities as a config writes them (ESLint's words and numbers) and the one place where a rule's severity
 * under a settings map is decided: the checker, the preset readers, the CLI and the server all ask here.
 */

/** The stale-suppression pseudo-rule (ESLint's `--report-unused-disable-directives`): off unless asked for. */
export const UNUSED_DIRECTIVE_RULE = 'unused-disable-directive';

/** What a config may write for a severity. */
export const SEVERITY_WORDS: readonly RuleSetting[] = ['off', 'info', 'warn', 'warning', 'error', 0, 1, 2];

export function normalizeSeverity(setting: RuleSetting | undefined): Severity | 'off' | undefined {
  switch (setting) {
    case 'off':
    case 0:
      return 'off';
    case 'info':
      return 'info';
    case 'warn':
    case 'warning':
    case 1:
      return 'warning';
    case 'error':
    case 2:
      return 'error';
    default:
      return undefined;
  }
}

/** A severity as written (in a config, `--rule`, the editor's settings); undefined when it is none. */
export function parseSeverity(value: unknown): RuleSetting | undefined {
  if (value === '0' || value === '1' || value === '2') return Number(value) as 0 | 1 | 2;
  return (SEVERITY_WORDS as readonly unknown[]).includes(value) ? (value as RuleSetting) : undefined;
}

/** A rule's default: the rule table's; `off` for unused directives; `error` for an id nobody knows. */
export function defaultSeverity(id: string): Severity | 'off' {
  if (id === UNUSED_DIRECTIVE_RULE) return 'off';
  return getRule(id)?.severity ?? 'error';
}

/** The severity of rule `id` under `rules` (what is not set keeps its default). */
export function severityOf(id: string, rules: Readonly<Record<string, RuleSetting>> | undefined): Severity | 'off' {
  return normalizeSeverity(rules?.[id]) ?? defaultSeverity(id);
}
