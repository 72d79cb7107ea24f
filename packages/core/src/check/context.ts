import { actionNames, getAction, getParam, getProduct, paramKeys, PRODUCT_NAMES, productsWithAction } from '../catalog';
import type { ActionSpec, Condition, ParamSpec, ProductSpec } from '../catalog/types';
import { HOLE, hasHole } from '../text/hole';
import type { ActionNode, ParamNode, ParseResult, StageNode } from '../syntax/tree';
import type { Range } from '../text/range';
import { severityOf } from '../config/severity';
import { evidenceData, type Diagnostic, type DiagnosticData, type Evidence, type Fix, type RelatedInformation, type RuleSetting, type Severity } from './diagnostic';
import { getRule, type PresetName, type RuleId } from './rules';
import { closestIn, nearestIn } from './suggest';

const NO_KEYS: ReadonlySet<string> = new Set();
/** What a report without extras reads (one object, not one per report). */
const NO_EXTRA: ReportExtra = Object.freeze({});

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export type CheckMode = 'auto' | 'sync' | 'async';

export interface CheckOptions {
  /** `auto` (the default): a prefixed string is checked in its prefix's mode, a bare one in the mode its actions need. */
  mode?: CheckMode;
  /** The source object's key, when known: the output must not overwrite it. */
  sourceKey?: string;
  /**
   * The severities rules start from: `recommended` (the default: each rule's own, lowered for a finding on
   * weaker evidence) or `strict` (every finding an error). `rules` applies on top.
   */
  preset?: PresetName;
  /** Severity per rule id: `off`, `info`, `warn`/`warning`, `error` (or 0, 1, 2). */
  rules?: Record<string, RuleSetting>;
  /** Internal: the string is a watermark image's processing, decoded from an outer string. */
  nested?: boolean;
}

const NO_PARAMS: ReadonlyMap<string, ParamSpec> = new Map();
const keyedMaps = new WeakMap<ActionSpec, ReadonlyMap<string, ParamSpec>>();

/** An action's keyed parameters by key: what `getParam` answers, as one map per action spec. */
function keyedParams(spec: ActionSpec): ReadonlyMap<string, ParamSpec> {
  let map = keyedMaps.get(spec);
  if (!map) {
    const own = new Map<string, ParamSpec>();
    for (const key of paramKeys(spec)) own.set(key, getParam(spec, key)!);
    keyedMaps.set(spec, (map = own));
  }
  return map;
}

/** An action of the string with what the catalog knows of it. */
export class ActionInfo {
  /** Keyed parameters by key (the first, when repeated). */
  readonly byKey = new Map<string, ParamNode>();
  /** Keys not written that a misspelled key probably means. */
  get misspelled(): ReadonlySet<string> {
    return this.meant ?? NO_KEYS;
  }
  private meant?: Set<string>;
  /** `nearKeys` per unknown key, asked by several rules: computed once. */
  private near?: Map<string, string[]>;

  /** The action's keyed parameters by key (the catalog's `getParam`, looked up once per action). */
  private readonly keyed: ReadonlyMap<string, ParamSpec>;

  constructor(
    readonly node: ActionNode,
    readonly stage: StageInfo,
    /** Undefined for an action the catalog does not know (already reported). */
    readonly spec: ActionSpec | undefined,
    /** Its place in its stage's actions. */
    readonly index: number,
  ) {
    const keyed = (this.keyed = spec ? keyedParams(spec) : NO_PARAMS);
    let unknown = false;
    for (const p of node.params) {
      if (!p.key) continue;
      if (!this.byKey.has(p.key.text)) this.byKey.set(p.key.text, p);
      if (spec && !unknown && !keyed.has(p.key.text)) unknown = true;
    }
    // a misspelled key with one likely correction (not written too): the rules that judge a parameter by
    // another's value do not judge by a default the misspelling overrides (`vcodex_h264` is no reason to
    // call fps ineffective because vcodec defaults to copy)
    if (spec && unknown) {
      for (const p of node.params) {
        if (!p.key || hasHole(p.key.text) || keyed.has(p.key.text)) continue;
        const guesses = this.guesses(p.key.text);
        if (guesses.length === 1 && !this.byKey.has(guesses[0]!)) (this.meant ??= new Set()).add(guesses[0]!);
      }
    }
  }

  /** The keys of the action an unknown key may be a misspelling of (`nearKeys`); the action must be known. */
  guesses(key: string): string[] {
    let found = this.near?.get(key);
    if (!found) (this.near ??= new Map()).set(key, (found = nearKeys(key, paramKeys(this.spec!))));
    return found;
  }

  /** How many unknown keys of the action have each key as their one guess (computed once). */
  renameTargets(): ReadonlyMap<string, number> {
    if (this.targets) return this.targets;
    this.targets = new Map();
    for (const p of this.node.params) {
      const key = p.key?.text;
      if (key === undefined || hasHole(key) || this.param(key)) continue;
      const guesses = this.guesses(key);
      if (guesses.length === 1) this.targets.set(guesses[0]!, (this.targets.get(guesses[0]!) ?? 0) + 1);
    }
    return this.targets;
  }
  private targets?: Map<string, number>;

  /**
   * Whether a parameter is code in place of a key (`…,${param}`, `…,${type}_${w}`): it may be any of the action's
   * parameters, so none can be called missing.
   */
  get writesUnknown(): boolean {
    return (this.unknownWrites ??= this.node.params.some((p) => (p.key ? hasHole(p.key.text) : hasHole(p.value?.text ?? ''))));
  }
  private unknownWrites?: boolean;

  /** The action's name as the catalog knows it (a certain correction of a misspelling). */
  get name(): string {
    return this.spec?.name ?? this.node.name.text;
  }

  param(key: string): ParamSpec | undefined {
    return this.spec && this.keyed.get(key);
  }

  /** The written value of a keyed parameter, or undefined. A value with a hole is unknown: undefined too. */
  written(key: string): string | undefined {
    const v = this.byKey.get(key)?.value?.text;
    return v === undefined || v.includes(HOLE) ? undefined : v;
  }

  /** The value in force: the written one, else the documented default. */
  value(key: string): string | undefined {
    return this.byKey.has(key) ? this.written(key) : this.param(key)?.default;
  }

  /** Whether a condition holds, judging an absent parameter by its default. */
  holds(c: Condition): boolean {
    const written = this.byKey.get(c.param);
    let ok: boolean;
    if (c.present) ok = written !== undefined;
    else if (c.absent) ok = written === undefined;
    else {
      const v = this.value(c.param);
      ok = v !== undefined && (c.values ?? []).includes(v);
    }
    if (!ok || !c.and) return ok;
    for (const x of c.and) if (!this.holds(x)) return false; // a loop: a closure over `this` costs every call
    return true;
  }

  /** Whether a condition holds only because of a default (to say so in the message). */
  byDefault(c: Condition): boolean {
    return !this.byKey.has(c.param) && !c.present && !c.absent;
  }
}

export class StageInfo {
  readonly actions: ActionInfo[] = [];
  constructor(
    readonly node: StageNode,
    readonly index: number,
    /** The product, when known. */
    readonly product: ProductSpec | undefined,
  ) {}
}

/** What every rule family reads and reports through. */
export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly stages: StageInfo[] = [];
  private readonly severities: Map<string, Severity | 'off'>;

  constructor(
    readonly parsed: ParseResult,
    readonly options: CheckOptions,
  ) {
    this.severities = options.rules ? new Map() : presetSeverities(options.preset);
    const stages = parsed.tree.stages;
    for (let index = 0; index < stages.length; index++) {
      const node = stages[index]!;
      const product = node.product ? (hasHole(node.product.text) ? undefined : resolveProduct(node.product.text)) : implied(node, index);
      const stage = new StageInfo(node, index, product);
      for (const a of node.actions) {
        const spec = product && !hasHole(a.name.text) ? resolveAction(product, a.name.text) : undefined;
        const info = new ActionInfo(a, stage, spec, stage.actions.length);
        stage.actions.push(info);
        this.all.push(info);
      }
      this.stages.push(stage);
    }
  }

  get text(): string {
    return this.parsed.text;
  }

  /** The mode the request is sent in, when it is fixed: by its prefix, else by the options. */
  get declaredMode(): 'sync' | 'async' | undefined {
    const prefix = this.parsed.tree.prefix?.mode;
    if (prefix) return prefix;
    return this.options.mode === 'sync' || this.options.mode === 'async' ? this.options.mode : undefined;
  }

  /** Every action of the string, in order. */
  actions(): readonly ActionInfo[] {
    return this.all;
  }
  private readonly all: ActionInfo[] = [];

  enabled(ruleId: RuleId): boolean {
    return this.severityOf(ruleId) !== 'off';
  }

  severityOf(ruleId: RuleId): Severity | 'off' {
    let s = this.severities.get(ruleId);
    if (s === undefined) {
      s = this.options.preset === 'strict' && this.options.rules?.[ruleId] === undefined ? 'error' : severityOf(ruleId, this.options.rules);
      this.severities.set(ruleId, s);
    }
    return s;
  }

  report(ruleId: RuleId, range: Range, message: string, extra: ReportExtra = NO_EXTRA): void {
    let severity = this.severityOf(ruleId);
    if (severity === 'off') return;
    // a finding the facts are less sure of (an incomplete table, a key seen only in a sample, a combination
    // that works but is non-standard) is capped below the rule's default severity; a severity the config sets
    // (ossproc:strict) stands, and so does the strict preset
    if (extra.atMost && RANK[extra.atMost] < RANK[severity] && this.options.rules?.[ruleId] === undefined && this.options.preset !== 'strict') severity = extra.atMost;
    const d: Diagnostic = { ruleId, severity, message, range };
    if (extra.fixes?.length) d.fixes = extra.fixes;
    if (extra.related?.length) d.related = extra.related;
    if (extra.unnecessary) d.tags = ['unnecessary'];
    d.data = extra.evidence === undefined && extra.source === undefined ? ruleData(ruleId) : dataOf(ruleId, extra);
    this.diagnostics.push(d);
  }
}

/** The data of a finding that adds no evidence or source of its own: its rule's, one lookup per rule id. */
function ruleData(ruleId: RuleId): DiagnosticData {
  let data = ruleDefaults.get(ruleId);
  if (data === undefined) ruleDefaults.set(ruleId, (data = dataOf(ruleId, NO_EXTRA)));
  return data;
}
const ruleDefaults = new Map<string, DiagnosticData>();

function dataOf(ruleId: RuleId, extra: ReportExtra): DiagnosticData {
  const rule = getRule(ruleId);
  const source = extra.source ?? rule?.source;
  return evidenceData(extra.evidence ?? rule?.evidence ?? 'documented', source || undefined);
}

/**
 * Without a rules map a rule's severity depends on the preset alone: one table per preset, shared by every
 * check (a rules map is the caller's object and may be new each time: its severities are resolved per check).
 */
const presetTables = { strict: new Map<string, Severity | 'off'>(), other: new Map<string, Severity | 'off'>() };
function presetSeverities(preset: PresetName | undefined): Map<string, Severity | 'off'> {
  return preset === 'strict' ? presetTables.strict : presetTables.other;
}

/** What a finding may add to its rule's defaults. */
export interface ReportExtra {
  fixes?: Fix[];
  related?: RelatedInformation[];
  unnecessary?: boolean;
  /** The highest severity the finding's own evidence supports (not applied under the strict preset). */
  atMost?: Severity;
  /** The finding's evidence, when it differs from its rule's. */
  evidence?: Evidence;
  /** The page that states the fact (an error-code page, the action's parameter table). */
  source?: string;
}

/**
 * The product of a stage written without one: `sys` after `|` (the documented `…|notify,topic_…`), else the one
 * product whose action it names (`resize,w_100` is image's), which the certain fix inserts.
 */
export function implied(node: StageNode, index: number): ProductSpec | undefined {
  const first = node.actions[0]?.name.text;
  if (first === undefined) return undefined;
  const sys = getProduct('sys')!;
  if (index > 0 && getAction('sys', first)) return sys;
  const owners = productsWithAction(first, true);
  return owners.length === 1 ? owners[0] : undefined;
}

/**
 * A name as the catalog knows it; a misspelling with one certain correction resolves to it, so the rest of
 * the stage is checked as it will read once the fix is applied (the misspelling itself is still reported).
 */
function resolveProduct(name: string): ProductSpec | undefined {
  const exact = getProduct(name);
  if (exact) return exact;
  const guess = closestIn(name, PRODUCT_NAMES);
  return guess === undefined ? undefined : getProduct(guess);
}

function resolveAction(product: ProductSpec, name: string): ActionSpec | undefined {
  const exact = getAction(product.name, name);
  if (exact) return exact;
  const guess = closestIn(name, actionNames(product));
  return guess === undefined ? undefined : getAction(product.name, guess);
}

export { hasHole };
/** The keys an unknown key may be a misspelling of; exactly one is a certain correction. */
export function nearKeys(key: string, keys: readonly string[]): string[] {
  // case-sensitive twins (q and Q) are different parameters: never "correct" one into the other
  return nearestIn(key, keys).filter((g) => g.toLowerCase() !== key.toLowerCase() || !keys.includes(key));
}

/** The source text of a parameter as written (`fps_241`). */
export function paramText(ctx: CheckContext, p: ParamNode): string {
  return ctx.text.slice(p.range.start, p.range.end);
}

/** `fps_241`, or a bare value: the parameter with the value given (its own, or one a fix would write). */
export function labelOf(p: ParamNode, value: string): string {
  return p.key ? `${p.key.text}_${value}` : value;
}

/** An edit that removes a parameter together with the comma before it. */
export function removeParamEdit(action: ActionNode, p: ParamNode): { range: Range; newText: string } {
  // the comma just before the parameter: commas are in order, so search instead of scanning them all
  let lo = 0;
  let hi = action.commas.length - 1;
  let comma: Range | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (action.commas[mid]!.end <= p.range.start) {
      comma = action.commas[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return { range: { start: comma ? comma.start : p.range.start, end: p.range.end }, newText: '' };
}
