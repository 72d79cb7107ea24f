import { check, getRule, type RuleMeta } from '@ossproc/core';
import { bool, choice, type FlagSpecs, parseArgs } from '../args';
import { closest, UsageError } from '../errors';
import { colors, useColor } from '../formatters/colors';
import { RULES_HELP } from '../help';
import type { Io } from '../io';
import { ALL_RULES, ruleInfo, type RuleInfo } from '../rules';

const FLAGS: FlagSpecs = {
  format: { type: 'string', short: 'f', value: 'text|json' },
  color: { type: 'boolean', negatable: true },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** `ossproc rules`: every rule, one a line; `ossproc rules <id>`: a rule's page (as `ruff rule`). */
export async function rulesCommand(argv: readonly string[], io: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS, 'rules');
  if (bool(flags, 'help')) {
    io.stdout.write(RULES_HELP);
    return 0;
  }
  const format = choice(flags, 'format', ['text', 'json'], 'rules') ?? 'text';
  if (positionals.length > 1) throw new UsageError(`rules takes at most one rule id; got ${positionals.length}`);
  const c = colors(useColor(flags.color as boolean | undefined, !!io.stdout.isTTY, io.env));
  const id = positionals[0];
  if (id === undefined) {
    if (format === 'json') io.stdout.write(`${JSON.stringify(ALL_RULES.map(ruleJson), null, 2)}\n`);
    else io.stdout.write(ruleList(c));
    return 0;
  }
  const info = ruleInfo(id);
  if (!info) {
    const hint = closest(id, ALL_RULES.map((r) => r.id));
    throw new UsageError(`unknown rule '${id}'${hint ? ` (did you mean '${hint}'?)` : ''}; ossproc rules lists them`);
  }
  io.stdout.write(format === 'json' ? `${JSON.stringify(ruleJson(info), null, 2)}\n` : rulePage(info, getRule(id), c));
  return 0;
}

function ruleJson(r: RuleInfo) {
  const meta = getRule(r.id);
  return { id: r.id, severity: r.severity, fixable: !!meta?.fixable, hasSuggestions: !!meta?.hasSuggestions, description: r.description, url: r.helpUri };
}

type C = ReturnType<typeof colors>;

function ruleList(c: C): string {
  const width = Math.max(...ALL_RULES.map((r) => r.id.length));
  const lines = ALL_RULES.map((r) => {
    const meta = getRule(r.id);
    const marks = `${meta?.fixable ? 'fix' : '   '} ${meta?.hasSuggestions ? 'sug' : '   '}`;
    return `${c.bold(r.id.padEnd(width))}  ${r.severity.padEnd(7)}  ${marks}  ${r.description}`;
  });
  return `${lines.join('\n')}\n\n${ALL_RULES.length} rules. fix: --fix corrects it; sug: suggestions to choose from. ossproc rules <id> shows one.\n`;
}

/** A rule's page for the terminal: what docs/rules/<id>.md says, examples checked now. */
function rulePage(r: RuleInfo, meta: RuleMeta | undefined, c: C): string {
  const out = [`${c.bold(r.id)}`, '', r.description, '', `Default severity: ${r.severity}.`];
  if (meta) {
    out.push('', meta.explanation);
    if (meta.fixable) out.push('', 'Has certain fixes: ossproc lint --fix (and the editor quick fixes) apply them.');
    if (meta.hasSuggestions) out.push('', 'Offers suggestions (fixes you choose among) in the editor and in --format json.');
    if (meta.invalid.length) {
      out.push('', c.underline('Reported'));
      for (const s of meta.invalid) {
        out.push('', `  ${s}`);
        for (const d of check(s).filter((d) => d.ruleId === r.id)) out.push(`  ${' '.repeat(d.range.start)}${c.red('^'.repeat(Math.max(1, d.range.end - d.range.start)))} ${d.message}`);
      }
    }
    if (meta.valid.length) {
      out.push('', c.underline('Not reported'), '');
      for (const s of meta.valid) out.push(`  ${s}`);
    }
  }
  out.push('', `Turn it off: { "rules": { "${r.id}": "off" } } in ossproc.config.json, or --rule ${r.id}:off`, `Documentation: ${r.helpUri}`, '');
  return out.join('\n');
}
