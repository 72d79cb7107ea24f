import { explain, type CheckMode } from '@ossproc/core';
import { bool, parseArgs, str, type FlagSpecs } from '../args';
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
  const format = str(flags, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`explain --format must be text or json; got '${format}'`);
  const mode = str(flags, 'mode');
  if (mode !== undefined && !['auto', 'sync', 'async'].includes(mode)) throw new UsageError(`--mode must be auto, sync or async; got '${mode}'`);
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
  const explanation = explain(input, mode ? { mode: mode as CheckMode } : {});
  io.stdout.write(format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : `${explanation.text}\n`);
  return 0;
}
