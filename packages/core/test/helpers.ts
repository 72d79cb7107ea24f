import { expect } from 'vitest';
import { check, type CheckOptions, type Diagnostic } from '../src/index';
import type { Range } from '../src/text/range';

/**
 * `<|…|>` marks the range a diagnostic must cover; the markers are removed from the text.
 * Returns the clean text and the marked range.
 */
export function marked(source: string): { text: string; range: Range } {
  const start = source.indexOf('<|');
  const end = source.indexOf('|>', start + 2);
  if (start === -1 || end === -1) throw new Error(`no <|…|> range marker in ${source}`);
  const text = source.slice(0, start) + source.slice(start + 2, end) + source.slice(end + 2);
  return { text, range: { start, end: end - 2 } };
}

export interface InvalidCase {
  /** The string with the expected range marked `<|…|>`. */
  code: string;
  message: string;
  options?: CheckOptions;
  severity?: Diagnostic['severity'];
}

/** ESLint-style rule tables: `valid` strings report nothing for the rule; each invalid one reports exactly this. */
export function ruleTester(ruleId: string, cases: { valid: (string | { code: string; options?: CheckOptions })[]; invalid: InvalidCase[] }) {
  return {
    valid() {
      for (const v of cases.valid) {
        const { code, options } = typeof v === 'string' ? { code: v, options: undefined } : v;
        const found = check(code, options).filter((d) => d.ruleId === ruleId);
        expect(found, `${ruleId} on valid ${code}`).toEqual([]);
      }
    },
    invalid() {
      for (const c of cases.invalid) {
        const { text, range } = marked(c.code);
        const found = check(text, c.options).filter((d) => d.ruleId === ruleId);
        expect(
          found.map((d) => ({ message: d.message, range: d.range })),
          `${ruleId} on ${text}`,
        ).toContainEqual({ message: c.message, range });
        if (c.severity) expect(found.find((d) => d.message === c.message)?.severity).toBe(c.severity);
      }
    },
  };
}
