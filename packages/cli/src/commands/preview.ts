import { check, LineIndex, type Diagnostic } from '@ossproc/core';
import { bool, choice, type FlagSpecs, parseArgs, str } from '../args';
import { FatalError, UsageError } from '../errors';
import { useColor } from '../formatters/colors';
import { formatterFor } from '../formatters/index';
import { formatWith } from '../formatters/types';
import type { Io } from '../io';
import { toMessage } from '../lint/messages';
import { ALL_RULES } from '../rules';
import type { LintFileResult } from '../types';
import { VERSION } from '../version';

/** The preview engine: a separate package (sharp, ffmpeg), loaded only by `preview` and `serve`, never by `lint`. */
export type PreviewModule = typeof import('@ossproc/preview');

export async function loadPreview(): Promise<PreviewModule> {
  try {
    return await import('@ossproc/preview');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new FatalError('this command needs the @ossproc/preview package (it brings sharp): npm install @ossproc/preview');
    }
    throw new FatalError(`@ossproc/preview cannot be loaded: ${(e as Error).message.split('\n')[0]}`);
  }
}

export const PREVIEW_HELP = `Usage: ossproc preview "<processing string>" <input> [-o <output>] [options]

Runs the string on a local file and reads the result back: video/convert (with /segment), video/snapshot
and audio/convert as one ffmpeg command checked with ffprobe; image/* with sharp (libvips). A string with
errors is refused with the diagnostics lint prints. A |sys/saveas target is written relative to the
output's folder (a b_ bucket is a subfolder), with {autoext} and the other variables expanded.

Options:
  -o, --output <path>            The output file, or the folder a sys/saveas target is written in
                                 (default: <name>.preview.<ext> in the current folder)
  --print-command                Print the ffmpeg command (shell-quoted) before running it
  --dry-run                      Print the ffmpeg command and stop
  --ffmpeg <path>                The ffmpeg binary (ffprobe is looked for beside it)
  --fast                         Faster encoder presets (x264/x265 ultrafast, VP9 realtime)
  -f, --format <table|json>      The read-back as a table (default) or JSON
  -h, --help                     Show this help

Exit codes: 0 the output matches the string, 1 errors in the string, a failed task or a property that
does not match, 2 usage error, missing ffmpeg or a format the local tools cannot write.
Documentation: docs/preview.md
`;

const FLAGS: FlagSpecs = {
  output: { type: 'string', short: 'o', value: 'path' },
  'print-command': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  ffmpeg: { type: 'string', value: 'path' },
  fast: { type: 'boolean' },
  format: { type: 'string', short: 'f', value: 'table|json' },
  color: { type: 'boolean', negatable: true },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** The string's diagnostics in `ossproc lint`'s own format (stylish, or ESLint JSON with --format json). */
export function printDiagnostics(text: string, diagnostics: readonly Diagnostic[], io: Io, json: boolean, color?: boolean): void {
  const lines = new LineIndex(text);
  const locator = {
    position: (offset: number) => {
      const p = lines.position(offset);
      return { line: p.line + 1, column: p.character + 1 };
    },
    lineText: (line: number) => text.split(/\r?\n/)[line - 1],
    slice: (a: number, b: number) => text.slice(a, b),
  };
  const messages = diagnostics.map((d) => toMessage(d, locator));
  const result: LintFileResult = {
    filePath: '<text>',
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    fatalErrorCount: 0,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fixableErrorCount: messages.filter((m) => m.severity === 2 && m.fix).length,
    fixableWarningCount: messages.filter((m) => m.severity === 1 && m.fix).length,
  };
  const ctx = { cwd: io.cwd, color: useColor(color, !!io.stdout.isTTY, io.env), version: VERSION, rules: ALL_RULES };
  io.stdout.write(formatWith(formatterFor(json ? 'json' : 'stylish'), [result], ctx));
  if (json) io.stdout.write('\n');
}

export async function previewCommand(argv: readonly string[], io: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS, 'preview');
  if (bool(flags, 'help')) {
    io.stdout.write(PREVIEW_HELP);
    return 0;
  }
  const format = choice(flags, 'format', ['table', 'json'], 'preview') ?? 'table';
  if (positionals.length !== 2) throw new UsageError(`preview takes a processing string and an input file (got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}), e.g. ossproc preview "image/resize,w_100" photo.jpg`);
  const text = positionals[0]!.trim();
  const input = positionals[1]!;
  if (!text) throw new UsageError('preview needs a non-empty processing string');
  const diagnostics = check(text);
  if (diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(text, diagnostics, io, format === 'json', flags.color as boolean | undefined);
    return 1;
  }
  const p = await loadPreview();
  const json = format === 'json';
  const show = bool(flags, 'print-command') || bool(flags, 'dry-run');
  const output = str(flags, 'output');
  const ffmpeg = str(flags, 'ffmpeg');
  let result;
  try {
    result = await p.preview(text, {
      input,
      cwd: io.cwd,
      ...(output !== undefined ? { output } : {}),
      ...(ffmpeg ? { ffmpeg } : {}),
      ...(bool(flags, 'fast') ? { fast: true } : {}),
      ...(bool(flags, 'dry-run') ? { dryRun: true } : {}),
      onCommand: (c) => {
        if (show && !json) io.stdout.write(`${c}\n`);
      },
    });
  } catch (e) {
    if (e instanceof p.TaskFailure) {
      io.stderr.write(`ossproc: the task fails: ${e.message}\n`);
      return 1;
    }
    if (e instanceof p.PreviewError) throw new FatalError(e.message);
    throw e;
  }
  if (json) {
    const { image: _image, probed: _probed, ...rest } = result;
    io.stdout.write(`${JSON.stringify(rest, null, 2)}\n`);
    return result.ok ? 0 : 1;
  }
  if (bool(flags, 'dry-run')) return 0;
  if (result.json !== undefined) {
    io.stdout.write(`${JSON.stringify(result.json)}\n`);
    return 0;
  }
  io.stdout.write(table(result.checks));
  for (const n of result.notes) io.stdout.write(`note: ${n}\n`);
  for (const f of result.outputs) io.stdout.write(`wrote ${f}\n`);
  return result.ok ? 0 : 1;
}

/** The read-back as aligned columns: property, asked, got, and ✓ or ✗. */
export function table(checks: readonly { property: string; asked: string; got: string; ok: boolean }[]): string {
  const rows = [['property', 'asked', 'got', ''], ...checks.map((c) => [c.property, c.asked, c.got, c.ok ? '✓' : '✗'])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `${r.slice(0, 3).map((c, i) => c.padEnd(widths[i]!)).join('  ')}  ${r[3]}`.trimEnd() + '\n').join('');
}
