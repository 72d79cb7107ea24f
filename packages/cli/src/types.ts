/**
 * The results model of `ossproc lint`: ESLint's result shape (what `--format json` prints), plus two fields
 * the other formatters read and the JSON formatter leaves out (`level`, `sourceLine`).
 */

/** Core's severities; `info` is reported with ESLint severity 1, like a warning. */
export type Level = 'error' | 'warning' | 'info';

/** ESLint's fix: replace `range` (UTF-16 offsets into the file, BOM excluded) by `text`. */
export interface EslintFix {
  range: [number, number];
  text: string;
}

export interface LintMessage {
  /** The rule id; null for a problem with the file itself (unreadable, binary, broken JSON/YAML/XML). */
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  /** 1-based; columns count UTF-16 code units; the end is exclusive. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Set for a problem with the file itself, as ESLint sets it for a parsing error. */
  fatal?: true;
  /** The certain fix `--fix` applies. */
  fix?: EslintFix;
  /** Fixes a person chooses among. */
  suggestions?: { desc: string; fix: EslintFix }[];
  /** Not printed by `--format json`: core's severity (`info` is kept apart from `warning` for SARIF and GitHub). */
  level: Level;
  /** Not printed by `--format json`: the text of line `line`, for the code frame. */
  sourceLine?: string;
}

/** The counts of one file, as ESLint reports them. */
export interface FileCounts {
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

export interface LintFileResult extends FileCounts {
  /** Absolute path; `<text>` for stdin without `--stdin-filename`. */
  filePath: string;
  messages: LintMessage[];
  /** With `--fix-dry-run`: the text after fixes, when they changed it. */
  output?: string;
}

export interface Totals extends FileCounts {
  fileCount: number;
}

export function emptyCounts(): FileCounts {
  return { errorCount: 0, fatalErrorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
}

export function addCounts(into: FileCounts, m: LintMessage): void {
  if (m.severity === 2) {
    into.errorCount++;
    if (m.fatal) into.fatalErrorCount++;
    if (m.fix) into.fixableErrorCount++;
  } else {
    into.warningCount++;
    if (m.fix) into.fixableWarningCount++;
  }
}
