import { classifyLine, format, LineSplitter } from '@ossproc/core';
import { bool, parseArgs, type FlagSpecs } from '../args';
import { ConfigResolver } from '../config';
import { UsageError } from '../errors';
import { Discoverer } from '../files/discover';
import { bufferSource, fileSource, MAX_STREAM_BYTES, readAll, readErrorMessage, readFileBytes, validateSource, type ByteSource } from '../files/read';
import { TrackedFile } from '../files/write';
import { displayPath } from '../formatters/types';
import { FMT_HELP } from '../help';
import { debugLog, say, type Io } from '../io';

const FLAGS: FlagSpecs = {
  check: { type: 'boolean' },
  stdin: { type: 'boolean' },
  ignore: { type: 'boolean', negatable: true },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/**
 * One line in canonical form: a string line is trimmed and formatted; comment and blank lines stay. Of a
 * pasted URL only its x-oss-process value is formatted: the rest of the URL is kept as written.
 */
export function formatLine(line: string): string {
  const c = classifyLine(line);
  if (c.s === c.e || c.comment) return line;
  const trimmed = line.trim();
  const at = line.indexOf(trimmed);
  return line.slice(at, c.s) + format(line.slice(c.s, c.e)) + line.slice(c.e, at + trimmed.length);
}

/**
 * Formats a source line by line, giving the text piece by piece to `sink`; says whether anything changed.
 * The bytes are checked first (NUL, UTF-8), as lint does.
 */
async function formatSource(source: ByteSource, sink: ((s: string) => void | Promise<void>) | undefined): Promise<{ changed: boolean } | { problem: string }> {
  const v = await validateSource(source);
  if (!v.ok) return { problem: `${v.message}${v.line ? ` (line ${v.line})` : ''}` };
  let changed = false;
  const pieces: string[] = [];
  if (v.bom) pieces.push('\ufeff');
  const splitter = new LineSplitter((text, _n, _o, eol) => {
    const out = formatLine(text);
    if (out !== text) changed = true;
    if (sink) pieces.push(out + eol);
  });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const drain = async () => {
    if (sink && pieces.length) {
      const text = pieces.join('');
      pieces.length = 0;
      await sink(text);
    }
  };
  for await (const chunk of source()) {
    splitter.push(decoder.decode(chunk, { stream: true }));
    await drain();
  }
  splitter.push(decoder.decode());
  splitter.end();
  await drain();
  return { changed };
}

/** `ossproc fmt`: rewrites .ossproc files (or lists them with --check); with --stdin prints the result. */
export async function fmtCommand(argv: readonly string[], io: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS, 'fmt');
  if (bool(flags, 'help')) {
    io.stdout.write(FMT_HELP);
    return 0;
  }
  const checkOnly = bool(flags, 'check');
  if (bool(flags, 'stdin')) {
    if (positionals.length) throw new UsageError('fmt --stdin formats standard input; do not also name files');
    const bytes = await readAll(io.stdin, 'standard input', MAX_STREAM_BYTES, true);
    const parts: string[] = [];
    const r = await formatSource(bufferSource(bytes), checkOnly ? undefined : (s) => void parts.push(s));
    if ('problem' in r) {
      say(io, `standard input: ${r.problem}`);
      return 2;
    }
    if (checkOnly) {
      if (r.changed) io.stdout.write('<stdin>\n');
      return r.changed ? 1 : 0;
    }
    io.stdout.write(parts.join(''));
    return 0;
  }
  const log = debugLog(io);
  const discovery = await new Discoverer(io.cwd, new ConfigResolver(), flags.ignore === false, log, ['ossproc'], false).discover(positionals.length ? positionals : ['.']);
  let status = 0;
  for (const p of discovery.problems) say(io, p);
  if (discovery.problems.length) status = 2;
  let wouldChange = 0;
  for (const task of discovery.files) {
    const shown = displayPath(task.path, io.cwd);
    if (task.language !== 'ossproc') {
      say(io, `${shown}: fmt formats .ossproc files only`);
      status = 2;
      continue;
    }
    try {
      if (checkOnly || task.special) {
        let source = fileSource(task.path);
        if (task.special) {
          const read = await readFileBytes(task.path, MAX_STREAM_BYTES, true);
          if (!read.ok) {
            say(io, `${shown}: ${read.message}`);
            status = 2;
            continue;
          }
          source = bufferSource(read.bytes);
        }
        const r = await formatSource(source, undefined);
        if ('problem' in r) {
          say(io, `${shown}: ${r.problem}`);
          status = 2;
        } else if (r.changed) {
          wouldChange++;
          io.stdout.write(`${shown}\n`);
        }
        continue;
      }
      const file = await TrackedFile.open(task.path);
      const writer = await file.writer();
      let r;
      try {
        r = await formatSource(file.source(), (s) => writer.write(s));
        const outcome = 'problem' in r ? await writer.abort() : await writer.finish(r.changed);
        if (outcome?.kind === 'written') {
          io.stdout.write(`${shown}\n`);
          if (outcome.link) say(io, `${shown} is a symbolic link: formatted its target, ${displayPath(outcome.target, io.cwd)}`);
        } else if (outcome?.kind === 'refused') {
          say(io, `${shown}: not formatted: ${outcome.reason}`);
          status = 2;
        } else if (outcome?.kind === 'skipped') {
          say(io, `warning: ${shown} was not formatted: ${outcome.reason}; its new content is kept (run ossproc fmt again)`);
          status = Math.max(status, 1);
        }
      } finally {
        await writer.abort();
      }
      if ('problem' in r) {
        say(io, `${shown}: ${r.problem}`);
        status = 2;
      }
    } catch (e) {
      if (io.debug) io.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
      say(io, `${shown}: ${readErrorMessage(e)}`);
      status = 2;
    }
  }
  if (status === 0 && checkOnly && wouldChange > 0) {
    say(io, `${wouldChange} file${wouldChange === 1 ? '' : 's'} would be reformatted (run ossproc fmt to rewrite)`);
    return 1;
  }
  log(`formatted ${discovery.files.length} file(s)`);
  return status;
}

