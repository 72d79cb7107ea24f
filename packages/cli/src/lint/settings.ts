import type { CheckOptions, Severity } from '@ossproc/core';

/** What linting one file needs to know, from the config file that governs it and the command line. */
export interface FileSettings {
  /** Passed to core's checker: mode, sourceKey, rule severities. */
  check: CheckOptions;
  /** The severity of an unused suppression comment; `off` unless asked for. */
  unusedDirectives: Severity | 'off';
  /** `--quiet`: only errors are reported (and fixed). */
  quiet: boolean;
  /** `--fix` writes the file; `--fix-dry-run` reports the fixed text as `output`. */
  fix: 'off' | 'apply' | 'dry-run';
}
