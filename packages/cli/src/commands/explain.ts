import { check, explain, pastedUrlSpan, type CheckMode, type Diagnostic } from '@ossproc/core';
import { bool, choice, type FlagSpecs, parseArgs } from '../args';
import { UsageError } from '../errors';
import { decodeBytes, readAll } from '../files/read';
import { EXPLAIN_HELP } from '../help';
import type { Io } from '../io';

const FLAGS: FlagSpecs = {
  format: { type: 'string', short: 'f', value: 'text|json' },
  mode: { type: 'string', value: 'auto|sync|async' },
  stdin: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** `ossproc explain "<string>"`: core's explanation as text, or the Explanation object as JSON. */
export async function explainCommand(argv: readonly string[], io: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS, 'explain');
  if (bool(flags, 'help')) {
    io.stdout.write(EXPLAIN_HELP);
    return 0;
  }
  const format = choice(flags, 'format', ['text', 'json'], 'explain') ?? 'text';
  const mode = choice(flags, 'mode', ['auto', 'sync', 'async']);
  let input: string;
  if (bool(flags, 'stdin')) {
    if (positionals.length) throw new UsageError('explain --stdin reads the string from standard input; do not also pass one');
    const decoded = decodeBytes(await readAll(io.stdin));
    if (!decoded.ok) throw new UsageError(`standard input: ${decoded.message}`);
    input = decoded.text.trim();
  } else {
    if (positionals.length === 0) throw new UsageError('explain needs a processing string, e.g. ossproc explain "video/convert,f_mp4|sys/saveas,o_b3V0Lm1wNA"');
    if (positionals.length > 1) throw new UsageError(`explain takes one string; quote it (got ${positionals.length} arguments)`);
    input = positionals[0]!.trim();
  }
  if (!input) throw new UsageError('explain needs a non-empty processing string');
  // a pasted URL: the value of its x-oss-process parameter (core's embed/url.ts)
  const url = pastedUrlSpan(input);
  if (url) input = input.slice(url.start, url.end);
  const options = mode ? { mode: mode as CheckMode } : {};
  const explanation = explain(input, { ...options, findingsInText: false });
  const problems = check(input, options);
  io.stdout.write(format === 'json' ? `${JSON.stringify({ ...explanation, problems }, null, 2)}\n` : `${explanation.text}\n${problemsText(input, problems)}`);
  return problems.some((d) => d.severity === 'error') ? 1 : 0;
}

/** The problems under the explanation: each with its severity, message and rule, and a caret under its range. */
export function problemsText(input: string, problems: readonly Diagnostic[]): string {
  if (!problems.length) return '';
  const count = (s: Diagnostic['severity']) => problems.filter((d) => d.severity === s).length;
  const n = problems.length;
  const others = n - count('error');
  let out = `\n${n} problem${n === 1 ? '' : 's'} (${count('error')} error${count('error') === 1 ? '' : 's'}, ${others} warning${others === 1 ? '' : 's'}):\n`;
  for (const d of problems) {
    const width = Math.max(1, Math.min(d.range.end, input.length) - d.range.start);
    const evidence = d.data?.evidence ? `  (evidence: ${d.data.evidence}${d.data.source ? `; ${d.data.source}` : ''})` : '';
    out += `  ${d.severity.padEnd(7)}  ${d.message}  ${d.ruleId}${evidence}\n    ${input}\n    ${' '.repeat(d.range.start)}${'^'.repeat(width)}\n`;
  }
  return out;
}
