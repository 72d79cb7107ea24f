import { languageForFile, severityOf, UNUSED_DIRECTIVE_RULE, type CheckMode, type HostLanguage, type RuleSetting, type Severity } from '@ossproc/core';
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { bool, choice, type FlagSpecs, list, parseArgs, str } from '../args';
import { ConfigResolver, type Config } from '../config';
import { FatalError, UsageError } from '../errors';
import { Discoverer, type FileTask } from '../files/discover';
import { bufferSource, decodeBytes, fileSource, MAX_DOCUMENT_BYTES, MAX_STREAM_BYTES, readAll, readErrorMessage, readFileBytes, type ByteSource } from '../files/read';
import { TrackedFile, type WriteOutcome } from '../files/write';
import { useColor } from '../formatters/colors';
import { formatterFor } from '../formatters/index';
import { displayPath } from '../formatters/types';
import { LINT_HELP } from '../help';
import { debugLog, say, type Io } from '../io';
import { lintDocumentText } from '../lint/document';
import { fatalMessage } from '../lint/messages';
import { lintOssprocStream, type FileSize, type StreamOptions } from '../lint/ossproc';
import { planChecks, type Concurrency } from '../lint/plan';
import { CheckPool } from '../lint/pool';
import { Reporter, type FileReport } from '../lint/reporter';
import type { FileSettings } from '../lint/settings';
import { Output } from '../output';
import { ALL_RULES, parseRuleFlag } from '../rules';
import { VERSION } from '../version';

/** A .ossproc file up to this size is held in memory for its two passes. */
const SMALL_FILE = 1 << 20;

export const LINT_FLAGS: FlagSpecs = {
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string', value: 'path' },
  format: { type: 'string', short: 'f', value: 'stylish|json|sarif|github|gitlab' },
  'output-file': { type: 'string', short: 'o', value: 'path' },
  'max-warnings': { type: 'string', value: 'number' },
  quiet: { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  mode: { type: 'string', value: 'auto|sync|async' },
  'source-key': { type: 'string', value: 'key' },
  rule: { type: 'string', multiple: true, value: 'rule-id:severity' },
  config: { type: 'string', short: 'c', value: 'path' },
  'print-config': { type: 'string', value: 'path' },
  'report-unused-disable-directives': { type: 'boolean' },
  ignore: { type: 'boolean', negatable: true },
  'ignore-pattern': { type: 'string', multiple: true, value: 'pattern' },
  'exit-zero': { type: 'boolean' },
  color: { type: 'boolean', negatable: true },
  concurrency: { type: 'string', value: 'auto|off|number' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

interface LintRun {
  io: Io;
  cliRules: Record<string, RuleSetting>;
  mode: CheckMode | undefined;
  sourceKey: string | undefined;
  reportUnused: boolean;
  quiet: boolean;
  fix: FileSettings['fix'];
  concurrency: Concurrency;
  configs: ConfigResolver;
  pool?: CheckPool;
  log: (msg: string) => void;
  /** Files --fix left alone because they changed on disk meanwhile. */
  skipped: number;
}

export async function lintCommand(argv: readonly string[], io: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, LINT_FLAGS, 'lint');
  if (bool(flags, 'help')) {
    io.stdout.write(LINT_HELP);
    return 0;
  }
  const format = str(flags, 'format') ?? 'stylish';
  const createSession = formatterFor(format);
  const maxWarnings = parseMaxWarnings(str(flags, 'max-warnings'));
  const mode = choice(flags, 'mode', ['auto', 'sync', 'async']);
  const cliRules: Record<string, RuleSetting> = {};
  for (const r of list(flags, 'rule')) {
    const [id, setting] = parseRuleFlag(r);
    cliRules[id] = setting;
  }
  const stdin = bool(flags, 'stdin');
  const stdinFilename = str(flags, 'stdin-filename');
  if (stdinFilename !== undefined && !stdin) throw new UsageError('--stdin-filename goes with --stdin');
  if (stdin && positionals.length) throw new UsageError(`--stdin reads standard input; do not also name files (${positionals.join(' ')})`);
  const fixApply = bool(flags, 'fix');
  const fixDry = bool(flags, 'fix-dry-run');
  if (fixApply && fixDry) throw new UsageError('use --fix or --fix-dry-run, not both');
  if (fixApply && stdin) throw new UsageError('--fix cannot write to standard input; use --fix-dry-run (with --format json the fixed text is in "output")');
  const printConfig = str(flags, 'print-config');
  if (printConfig !== undefined && (positionals.length || stdin)) throw new UsageError('--print-config takes one file and lints nothing; do not name other files or --stdin');
  const concurrency = parseConcurrency(str(flags, 'concurrency'));

  const log = debugLog(io);
  const configs = new ConfigResolver(str(flags, 'config') ? resolve(io.cwd, str(flags, 'config')!) : undefined);
  const run: LintRun = {
    io,
    cliRules,
    mode: mode as CheckMode | undefined,
    sourceKey: str(flags, 'source-key'),
    reportUnused: bool(flags, 'report-unused-disable-directives'),
    quiet: bool(flags, 'quiet'),
    fix: fixApply ? 'apply' : fixDry ? 'dry-run' : 'off',
    concurrency,
    configs,
    log,
    skipped: 0,
  };

  if (printConfig !== undefined) {
    const file = resolve(io.cwd, printConfig);
    // ESLint prints the config of any path; a path that names nothing is a typo, said in one line
    if (!pathExists(file)) throw new FatalError(`--print-config: no such file or directory: '${printConfig}'`);
    io.stdout.write(`${JSON.stringify(effectiveConfig(run, file, configs.forFile(file)), null, 2)}\n`);
    return 0;
  }

  const outputFile = str(flags, 'output-file');
  const stream = outputFile ? createWriteStream(resolve(io.cwd, outputFile)) : io.stdout;
  if (outputFile) {
    await new Promise<void>((ok, fail) => {
      (stream as ReturnType<typeof createWriteStream>).once('open', () => ok());
      stream.once('error', (e: NodeJS.ErrnoException) => fail(new UsageError(`cannot write --output-file ${outputFile}: ${e.code ?? e.message}`)));
    });
  }
  const out = new Output(stream, outputFile ?? 'standard output');
  const color = useColor(flags.color as boolean | undefined, !!io.stdout.isTTY, io.env, outputFile !== undefined);
  const reporter = new Reporter(createSession({ cwd: io.cwd, color, version: VERSION, rules: ALL_RULES }), out, run.quiet);

  let problems = 0;
  const started = Date.now();
  try {
    if (stdin) {
      const filePath = stdinFilename !== undefined ? resolve(io.cwd, stdinFilename) : '<text>';
      const language: HostLanguage = stdinFilename !== undefined ? (languageForFile(stdinFilename) ?? 'text') : 'ossproc';
      const ossproc = language === 'ossproc';
      const bytes = await readAll(io.stdin, 'standard input', ossproc ? MAX_STREAM_BYTES : MAX_DOCUMENT_BYTES, ossproc);
      const config = configs.forFile(stdinFilename !== undefined ? filePath : resolve(io.cwd, 'stdin'));
      log(`stdin as ${language}${config ? `, config ${config.path}` : ''}`);
      await lintOne(run, { path: filePath, language, special: true }, reporter, config, bytes);
    } else {
      const patterns = positionals.length ? positionals : ['.'];
      const discovery = await new Discoverer(io.cwd, configs, flags.ignore === false, log).ignorePatterns(list(flags, 'ignore-pattern')).discover(patterns);
      for (const p of discovery.problems) say(io, p);
      problems = discovery.problems.length;
      log(`${discovery.files.length} file(s) to lint`);
      // the report being written is not linted (`ossproc lint . -f json -o report.json`)
      const report = outputFile !== undefined ? resolve(io.cwd, outputFile) : undefined;
      for (const task of discovery.files.filter((f) => f.path !== report)) {
        await lintOne(run, task, reporter, configs.forFile(task.path));
        await out.flush();
      }
    }
    reporter.finish();
    await out.close();
  } finally {
    await run.pool?.close();
  }
  log(`done in ${Date.now() - started} ms, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);

  const t = reporter.totals;
  if (run.fix !== 'off') say(io, fixSummary(run.fix, reporter.fixed));
  if (outputFile !== undefined) say(io, `${problemSummary(t)}; report written to ${outputFile}`);
  if (problems > 0 || t.fatalErrorCount > 0) return 2;
  const exit = (code: 0 | 1) => (bool(flags, 'exit-zero') ? 0 : code);
  // a file left unfixed still holds what was reported fixed
  if (t.errorCount > 0 || run.skipped > 0) return exit(1);
  if (maxWarnings >= 0 && t.warningCount > maxWarnings) {
    say(io, `too many warnings: ${t.warningCount} (maximum: ${maxWarnings})`);
    return exit(1);
  }
  return 0;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `fixed 3 problems in 2 files` (`--fix`), `would fix …` (`--fix-dry-run`). */
export function fixSummary(fix: 'apply' | 'dry-run', fixed: { problems: number; files: number }): string {
  return `${fix === 'apply' ? 'fixed' : 'would fix'} ${plural(fixed.problems, 'problem')} in ${plural(fixed.files, 'file')}`;
}

/** The one line on stderr when the report went to a file: `2 problems (1 error, 1 warning) in 3 files`. */
function problemSummary(t: Reporter['totals']): string {
  const n = t.errorCount + t.warningCount;
  return `${n ? `${plural(n, 'problem')} (${plural(t.errorCount, 'error')}, ${plural(t.warningCount, 'warning')})` : 'no problems'} in ${plural(t.fileCount, 'file')}`;
}

function pathExists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

function parseMaxWarnings(v: string | undefined): number {
  if (v === undefined) return -1;
  if (!/^-?\d+$/.test(v.trim()) || Number(v) < -1) throw new UsageError(`--max-warnings expects a number of warnings (0 or more; -1 for no limit); got '${v}'`);
  return Number(v);
}

function parseConcurrency(v: string | undefined): Concurrency {
  if (v === undefined || v === 'auto') return 'auto';
  if (v === 'off') return 'off';
  if (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 64) return Number(v);
  throw new UsageError(`--concurrency expects auto, off or a number of threads (1-64); got '${v}'`);
}


export function settingsFor(run: LintRun, config: Config | undefined): FileSettings {
  const rules: Record<string, RuleSetting> = { ...(config?.rules ?? {}), ...run.cliRules };
  let unused: Severity | 'off' = severityOf(UNUSED_DIRECTIVE_RULE, rules);
  if (run.reportUnused && unused === 'off') unused = 'warning';
  const check: FileSettings['check'] = { mode: run.mode ?? config?.mode ?? 'auto', rules };
  const sourceKey = run.sourceKey ?? config?.sourceKey;
  if (sourceKey !== undefined) check.sourceKey = sourceKey;
  return { check, unusedDirectives: unused, quiet: run.quiet, fix: run.fix };
}

function effectiveConfig(run: LintRun, file: string, config: Config | undefined) {
  const s = settingsFor(run, config);
  const words: Record<string, string> = { error: 'error', warning: 'warn', info: 'info', off: 'off' };
  const rules: Record<string, string> = {};
  for (const r of ALL_RULES) rules[r.id] = words[severityOf(r.id, s.check.rules ?? {})]!;
  rules[UNUSED_DIRECTIVE_RULE] = words[s.unusedDirectives]!;
  return {
    filePath: file,
    configFile: config?.path ?? null,
    extends: config?.extends ?? [],
    language: languageForFile(file) ?? 'text',
    mode: s.check.mode,
    sourceKey: s.check.sourceKey ?? null,
    rules,
    ignore: config?.ignore ?? [],
    include: config?.include ?? [],
  };
}

/** Worker threads for one file, as the plan decides from the cores free, the file's size and core's speed on it (lint/plan.ts). */
function poolFor(run: LintRun, task: FileTask, size: FileSize, secondsPerString: () => number): CheckPool | undefined {
  const plan = planChecks({ cores: availableParallelism(), load: loadavg()[0] ?? 0, ...size, fix: run.fix !== 'off', concurrency: run.concurrency, secondsPerString });
  run.log(`${task.path}: ${plan.threads ? `checking on ${plan.threads} worker thread(s)` : 'checking on the main thread'}: ${plan.why}`);
  if (!plan.threads) return undefined;
  // one pool for the run, started for the first file that needs it
  run.pool ??= new CheckPool(plan.threads, __filename);
  return run.pool;
}

/** Lints one file (or stdin's bytes); a failure of one file is reported on it and the run goes on. */
async function lintOne(run: LintRun, task: FileTask, reporter: Reporter, config: Config | undefined, bytes?: Buffer): Promise<void> {
  const settings = settingsFor(run, config);
  const report = reporter.file(task.path);
  const started = Date.now();
  try {
    if (task.language === 'ossproc') await lintOssproc(run, task, settings, report, bytes);
    else await lintOther(run, task, settings, report, bytes);
  } catch (e) {
    if (run.io.debug) run.io.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    const code = (e as NodeJS.ErrnoException)?.code;
    report.add(fatalMessage(code ? readErrorMessage(e) : `internal error while linting this file: ${e instanceof Error ? e.message : String(e)}${run.io.debug ? '' : ' (run with --debug for details)'}`));
  }
  report.end();
  run.log(`${task.path}: ${task.language}, ${Date.now() - started} ms${config ? `, config ${config.path}` : ''}`);
}

async function lintOssproc(run: LintRun, task: FileTask, settings: FileSettings, report: FileReport, bytes?: Buffer): Promise<void> {
  let source: ByteSource;
  let file: TrackedFile | undefined;
  if (bytes) source = bufferSource(bytes);
  else if (task.special) {
    const read = await readFileBytes(task.path, MAX_STREAM_BYTES, true);
    if (!read.ok) return report.add(fatalMessage(read.message));
    source = bufferSource(read.bytes);
  } else {
    let small: Buffer | undefined;
    try {
      if (run.fix === 'apply') file = await TrackedFile.open(task.path);
      // a small file is read once for both passes (one read, no stream); a large one is streamed twice
      else if (statSync(task.path).size <= SMALL_FILE) small = readFileSync(task.path);
    } catch (e) {
      return report.add(fatalMessage(readErrorMessage(e)));
    }
    source = file ? file.source() : small ? bufferSource(small) : fileSource(task.path);
  }
  const writer = await file?.writer();
  if (run.fix === 'apply' && (!file || writer?.refused)) settings = { ...settings, fix: 'off' };
  const opts: StreamOptions = { settings, pool: (size, secondsPerString) => poolFor(run, task, size, secondsPerString), log: run.log };
  if (writer) opts.writer = writer;
  try {
    await lintOssprocStream(source, report, opts);
  } finally {
    await opts.writer?.abort();
  }
  if (file && opts.writer?.outcome) noteWrite(run, file, opts.writer.outcome, report);
}

async function lintOther(run: LintRun, task: FileTask, settings: FileSettings, report: FileReport, bytes?: Buffer): Promise<void> {
  let raw = bytes;
  const file = !bytes && !task.special && settings.fix === 'apply' ? await TrackedFile.open(task.path) : undefined;
  const writer = await file?.writer();
  try {
    // a file that may not be written is linted without fixing, and said so if it had something to fix
    if (writer?.refused) settings = { ...settings, fix: 'off' };
    if (!raw) {
      const read = file ? await file.readBytes() : await readFileBytes(task.path, task.special ? MAX_STREAM_BYTES : MAX_DOCUMENT_BYTES);
      if (!read.ok) return report.add(fatalMessage(read.message));
      raw = read.bytes;
    }
    const decoded = decodeBytes(raw);
    if (!decoded.ok) return report.add(fatalMessage(decoded.message, decoded.line, decoded.column));
    const fixed = await lintDocumentText(decoded.text, task.language, settings, report);
    if (writer?.refused && report.counts.fixableErrorCount + report.counts.fixableWarningCount > 0) report.add(fatalMessage(`not fixed: ${writer.refused}`));
    if (fixed === undefined) return;
    const full = (decoded.bom ? '\ufeff' : '') + fixed;
    if (settings.fix === 'dry-run') report.end(full);
    else if (file && writer && !writer.refused) {
      await writer.write(full);
      const outcome = await writer.finish(true);
      if (outcome.kind === 'refused') report.add(fatalMessage(`not fixed: ${outcome.reason}`));
      noteWrite(run, file, outcome, report);
    }
  } finally {
    await writer?.abort();
  }
}

/** What --fix says beside the report: a link's target written, a file skipped because it changed meanwhile. */
function noteWrite(run: LintRun, file: TrackedFile, outcome: WriteOutcome, report: FileReport): void {
  const shown = displayPath(file.path, run.io.cwd);
  if (outcome.kind !== 'written') report.unfixed();
  if (outcome.kind === 'written' && outcome.link) say(run.io, `${shown} is a symbolic link: fixed its target, ${displayPath(outcome.target, run.io.cwd)}`);
  if (outcome.kind === 'skipped') {
    run.skipped++;
    say(run.io, `warning: ${shown} was not fixed: ${outcome.reason}; its new content is kept (run ossproc --fix again)`);
  }
}
