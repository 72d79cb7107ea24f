import { getParam, positionalParams } from './catalog';
import type { ParamSpec } from './catalog/types';
import { CheckContext, type CheckOptions } from './check/context';
import type { Evidence } from './check/diagnostic';
import { check } from './check/index';
import { parse } from './syntax/parse';
import type { ParseResult } from './syntax/tree';
import { readBase64 } from './text/base64';

export interface ExplainedParam {
  key: string;
  value: string;
  /** False when the value is the documented default, filled in because the string does not say it. */
  written: boolean;
  /** What this value does, in plain words. */
  meaning: string;
  unit?: string;
  /** For base64 values: the decoded text. */
  decoded?: string;
  /** The error-code page on which the service rejects a wrong value of this parameter. */
  rejectedBy?: string;
}

/** A problem the checker finds, with what its verdict rests on. */
export interface ExplainedFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  evidence: Evidence;
  source?: string;
}

export interface ExplainedAction {
  product?: string;
  name: string;
  /** False when the catalog does not know the action. */
  known: boolean;
  summary: string;
  params: ExplainedParam[];
  /** Where the catalog's facts about the action come from (a documentation address, or what it was seen in). */
  source?: string;
}

export interface Explanation {
  mode: 'sync' | 'async' | 'either';
  /** Why that mode. */
  modeReason: string;
  actions: ExplainedAction[];
  /** What the checker reports, each with its evidence (`rejected`, `documented`, `ffmpeg`, `convention`). */
  findings: ExplainedFinding[];
  /** The whole explanation as plain text, one line per step and parameter. */
  text: string;
}

/** What a processing string will do, step by step, defaults filled in and targets decoded. */
export function explain(input: string | ParseResult, options: CheckOptions & { findingsInText?: boolean } = {}): Explanation {
  const parsed = typeof input === 'string' ? parse(input) : input;
  const ctx = new CheckContext(parsed, options);
  const actions: ExplainedAction[] = [];
  for (const a of ctx.actions()) {
    const spec = a.spec;
    const product = spec?.product ?? a.stage.product?.name ?? a.stage.node.product?.text;
    if (!spec) {
      const style = a.stage.product?.styleReference;
      actions.push({
        product,
        name: a.name,
        known: !!style,
        summary: style ? `Apply the style '${a.name}' stored in the bucket${a.name.startsWith('::') ? ' (a built-in style)' : ''}.` : 'Not an action the catalog knows.',
        params: [],
      });
      continue;
    }
    const params: ExplainedParam[] = [];
    const positional = positionalParams(spec);
    let next = 0;
    for (const p of a.node.params) {
      const ps = p.key ? getParam(spec, p.key.text) : positional[next++];
      const value = p.value?.text ?? '';
      params.push(describe(p.key?.text ?? ps?.key ?? '', value, ps, true));
    }
    for (const ps of spec.params) {
      if (ps.positional || a.byKey.has(ps.key) || ps.default === undefined) continue;
      params.push(describe(ps.key, ps.default, ps, false));
    }
    actions.push({ product, name: a.name, known: true, summary: spec.summary, params, source: spec.source });
  }
  const { mode, modeReason } = modeOf(ctx);
  const lines = [`Mode: ${mode === 'either' ? 'synchronous or asynchronous' : mode === 'async' ? 'asynchronous (x-oss-async-process)' : 'synchronous (x-oss-process)'}: ${modeReason}`];
  actions.forEach((a, i) => {
    lines.push(`${i + 1}. ${a.product ? `${a.product}/` : ''}${a.name}: ${a.summary}`);
    if (a.source) lines.push(`   source: ${a.source}`);
    for (const p of a.params) {
      const value = `${p.value}${p.unit ? ` ${p.unit}` : ''}${p.decoded !== undefined ? ` → '${p.decoded}'` : ''}`;
      lines.push(`   ${p.key || '(value)'} = ${value}${p.written ? '' : ' (default)'}: ${p.meaning}`);
    }
  });
  const findings: ExplainedFinding[] = check(parsed, options).map((d) => ({
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    evidence: d.data?.evidence ?? 'documented',
    ...(d.data?.source ? { source: d.data.source } : {}),
  }));
  // a caller that prints the problems its own way (the CLI, with a caret under each) leaves them out of the text
  if (findings.length && options.findingsInText !== false) lines.push('Findings:');
  for (const f of options.findingsInText === false ? [] : findings) lines.push(`   ${f.severity} ${f.ruleId}: ${f.message} (evidence: ${f.evidence}${f.source ? `; ${f.source}` : ''})`);
  return { mode, modeReason, actions, findings, text: lines.join('\n') };
}

function describe(key: string, value: string, ps: ParamSpec | undefined, written: boolean): ExplainedParam {
  const out: ExplainedParam = { key, value, written, meaning: ps ? ps.doc : 'Not a parameter the catalog knows.' };
  if (ps?.unit) out.unit = ps.unit;
  if (ps?.rejectedBy) out.rejectedBy = ps.rejectedBy;
  const choice = ps?.values?.find((v) => v.value === value);
  if (choice) out.meaning = `${choice.doc} (${ps!.doc.replace(/\.$/, '')})`;
  if (ps?.type === 'base64') {
    const decoded = readBase64(value).text;
    if (decoded !== undefined) out.decoded = decoded;
  }
  return out;
}

function modeOf(ctx: CheckContext): { mode: Explanation['mode']; modeReason: string } {
  const prefix = ctx.parsed.tree.prefix?.mode;
  if (prefix) return { mode: prefix, modeReason: 'set by the prefix.' };
  const asyncAction = [...ctx.actions()].find((a) => a.spec?.mode === 'async');
  if (asyncAction) return { mode: 'async', modeReason: `${asyncAction.spec!.product}/${asyncAction.name} runs only asynchronously.` };
  const syncAction = [...ctx.actions()].find((a) => a.spec?.mode === 'sync');
  if (syncAction) return { mode: 'sync', modeReason: `${syncAction.spec!.product}/${syncAction.name} runs synchronously.` };
  return { mode: 'either', modeReason: 'every action runs either way.' };
}
