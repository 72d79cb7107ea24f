import type { Evidence } from '../catalog/types';
import type { Range, TextEdit } from '../text/range';

export type Severity = 'error' | 'warning' | 'info';
/** A configured severity: ESLint's words and numbers are accepted too (`warn`, 0, 1, 2). */
export type RuleSetting = Severity | 'off' | 'warn' | 0 | 1 | 2;

export interface Fix {
  /** What the fix does, shown on a quick fix ("Replace vcodex with vcodec"). */
  title: string;
  edits: TextEdit[];
  /**
   * Certain fixes are applied by `applyFixes` and `--fix`; the others are suggestions a person chooses
   * among (drop aq, or drop ab).
   */
  certain: boolean;
}

export type { Evidence };

/** What a diagnostic rests on: the kind of evidence and, where one exists, the address of the document. */
export interface DiagnosticData {
  evidence: Evidence;
  /** The page that states the fact (an error-code page, a parameter table), when there is one. */
  source?: string;
}

/**
 * The data of a finding, one frozen object per evidence and source: they come from the catalog and the rule
 * table (a few hundred pairs), and every diagnostic carries one, so they are shared instead of made anew.
 */
export function evidenceData(evidence: Evidence, source?: string): DiagnosticData {
  let bySource = shared.get(evidence);
  if (!bySource) shared.set(evidence, (bySource = new Map()));
  let data = bySource.get(source);
  if (!data) bySource.set(source, (data = Object.freeze(source === undefined ? { evidence } : { evidence, source })));
  return data;
}
const shared = new Map<Evidence, Map<string | undefined, DiagnosticData>>();

export interface RelatedInformation {
  range: Range;
  message: string;
}

export interface Diagnostic {
  /** Stable kebab-case id: the LSP code, SARIF ruleId, config key, suppression key and docs slug. */
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
  related?: RelatedInformation[];
  /** `unnecessary`: the parameter has no effect (editors fade it). */
  tags?: 'unnecessary'[];
  /** The evidence behind the verdict (always set by `check`). */
  data?: DiagnosticData;
}
