import { applyDirectives, findDirectives, lintRegion, RULES, type CheckMode, type Diagnostic, type RuleSetting } from '@ossproc/core';
import type { Rule } from 'eslint';
import type * as ESTree from 'estree';
import { configFor } from './config';
import { isOutermost, isStringExpression, regionsOf, sdkArgument, type Candidate } from './strings';

/**
 * `ossproc/processing-string`: core's diagnostics for every processing string of the file. A certain fix is
 * ESLint's fix (`--fix` applies it); every other fix is a suggestion. Each string is linted by core's
 * `lintRegion`, as the CLI and the editor lint theirs: findings and fixes that would touch a hole (`${expr}`, a
 * variable joined with `+`) are dropped there, since that text is the program's, not the string's.
 * Severities per ossproc rule id come from the project's ossproc.config.json, then from the rule's options.
 */

interface Options {
  /** Severity per ossproc rule id, over ossproc.config.json (`off` drops a finding). */
  rules?: Record<string, RuleSetting>;
  mode?: CheckMode;
}

const messages: Record<string, string> = Object.fromEntries(RULES.map((r) => [r.id, `{{message}} (${r.id})`]));

export const processingString: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Check Alibaba Cloud OSS/IMM processing strings (x-oss-process) in string and template literals',
      recommended: true,
      url: 'https://github.com/ossproc/ossproc/tree/HEAD/packages/eslint-plugin#readme',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          rules: { type: 'object', additionalProperties: { enum: ['off', 'info', 'warn', 'warning', 'error', 0, 1, 2] } },
          mode: { enum: ['auto', 'sync', 'async'] },
        },
        additionalProperties: false,
      },
    ],
    messages,
  },

  create(context) {
    const source = context.sourceCode;
    const options = (context.options[0] ?? {}) as Options;
    const candidates: Candidate[] = [];
    const sdkNodes = new Set<ESTree.Node>();

    function visit(node: ESTree.Node & Rule.NodeParentExtension) {
      if (!sdkNodes.has(node) && isStringExpression(node) && isOutermost(node)) candidates.push({ node });
    }

    return {
      // ali-oss calls are seen before their arguments (ESLint walks parents first)
      CallExpression(node) {
        const arg = sdkArgument(node);
        if (arg) {
          sdkNodes.add(arg.node);
          candidates.push(arg);
        }
      },
      Literal: visit,
      TemplateLiteral: visit,
      BinaryExpression: visit,
      'Program:exit'() {
        if (candidates.length === 0) return;
        const config = configFor(context.physicalFilename ?? context.filename);
        const checkOptions = { rules: { ...config.rules, ...options.rules }, mode: options.mode ?? config.mode ?? 'auto' };
        const seen = new Set<number>();
        const all: Diagnostic[] = [];
        for (const c of candidates) {
          for (const region of regionsOf(source, c)) {
            if (seen.has(region.range.start)) continue;
            seen.add(region.range.start);
            for (const d of lintRegion(region, checkOptions)) all.push(d);
          }
        }
        // ossproc's own suppression comments count as in the CLI and the editor
        const { kept } = applyDirectives(source.text, all, findDirectives(source.text, 'javascript'));
        for (const d of kept) report(d);
      },
    };

    function report(d: Diagnostic) {
      const loc = { start: source.getLocFromIndex(d.range.start), end: source.getLocFromIndex(d.range.end) };
      const toFix = (f: NonNullable<Diagnostic['fixes']>[number]): Rule.ReportFixer => (fixer) => f.edits.map((e) => fixer.replaceTextRange([e.range.start, e.range.end], e.newText));
      const fixes = d.fixes ?? [];
      const certain = fixes.find((f) => f.certain);
      const descriptor: Rule.ReportDescriptor = { loc, messageId: d.ruleId in messages ? d.ruleId : 'syntax-error', data: { message: d.message } };
      if (certain) descriptor.fix = toFix(certain);
      const suggest = fixes.filter((f) => f !== certain).map((f) => ({ desc: f.title, fix: toFix(f) }));
      if (suggest.length) descriptor.suggest = suggest;
      context.report(descriptor);
    }
  },
};
