import { describe, expect, it } from 'vitest';
import { isRuleId, RULES, type RuleId } from '../src/index';
import { CheckContext } from '../src/check/context';
import { parse } from '../src/syntax/parse';

describe('RuleId: the rule table\'s ids as a type', () => {
  it('a typo does not compile (the type-check holds these lines)', () => {
    const ok: RuleId = 'unknown-value';
    // @ts-expect-error: not a rule id
    const typo: RuleId = 'unknwon-value';
    const ctx = new CheckContext(parse('image/resize,w_1'), {});
    // @ts-expect-error: ctx.report takes a RuleId
    ctx.report('unknwon-value', { start: 0, end: 1 }, 'x');
    expect([ok, typo].map(isRuleId)).toEqual([true, false]);
  });

  it('covers every entry of the table', () => {
    expect(RULES.every((r) => isRuleId(r.id))).toBe(true);
  });
});
