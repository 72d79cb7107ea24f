import type { FormatterSession } from '../formatters/types';
import type { Output } from '../output';
import { addCounts, emptyCounts, type FileCounts, type LintMessage, type Totals } from '../types';

/**
 * Receives each file's messages as they are found and passes them straight to the formatter session and the
 * output; it keeps only counts. `--quiet` drops everything below error here (so warnings are not counted
 * against --max-warnings either).
 */
export class Reporter {
  readonly totals: Totals = { fileCount: 0, ...emptyCounts() };
  /** What --fix / --fix-dry-run fixed: problems (certain fixes applied) and the files they were in. */
  readonly fixed = { problems: 0, files: 0 };

  constructor(
    private readonly session: FormatterSession,
    readonly out: Output,
    private readonly quiet: boolean,
  ) {
    out.write(session.begin());
  }

  file(filePath: string): FileReport {
    return new FileReport(filePath, this.session, this.out, this.quiet, this.totals, this.fixed);
  }

  finish(): void {
    this.out.write(this.session.end(this.totals));
  }
}

export class FileReport {
  readonly counts: FileCounts = emptyCounts();
  private ended = false;
  private fixedHere = 0;

  constructor(
    readonly filePath: string,
    private readonly session: FormatterSession,
    readonly out: Output,
    private readonly quiet: boolean,
    private readonly totals: Totals,
    private readonly fixedTotals: { problems: number; files: number } = { problems: 0, files: 0 },
  ) {
    out.write(session.fileStart(filePath));
  }

  add(m: LintMessage): void {
    if (this.quiet && m.severity !== 2) return;
    addCounts(this.counts, m);
    this.out.write(this.session.message(this.filePath, m));
  }

  /** Counts fixes applied to this file (the fix loops call it once per pass). */
  fixedProblems(n: number): void {
    if (n > 0 && this.fixedHere === 0) this.fixedTotals.files++;
    this.fixedHere += n;
    this.fixedTotals.problems += n;
  }

  /** This file's fixes were not written (it changed on disk, or writing was refused): they are not counted. */
  unfixed(): void {
    if (this.fixedHere > 0) this.fixedTotals.files--;
    this.fixedTotals.problems -= this.fixedHere;
    this.fixedHere = 0;
  }

  end(output?: string): void {
    if (this.ended) return;
    this.ended = true;
    const end = { filePath: this.filePath, ...this.counts, ...(output !== undefined ? { output } : {}) };
    this.out.write(this.session.fileEnd(end));
    const t = this.totals;
    t.fileCount++;
    t.errorCount += this.counts.errorCount;
    t.fatalErrorCount += this.counts.fatalErrorCount;
    t.warningCount += this.counts.warningCount;
    t.fixableErrorCount += this.counts.fixableErrorCount;
    t.fixableWarningCount += this.counts.fixableWarningCount;
  }
}
