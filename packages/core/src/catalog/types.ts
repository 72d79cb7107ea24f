/**
 * The catalog's schema. The catalog is data: every product, action and parameter the language knows, with
 * its type, range, enum, default, unit, placement and relations. The checker, completion, hover, explain, the
 * builder and the generated reference all read it; none of them hard-codes a name.
 */

export type Mode = 'sync' | 'async';
/** Where an action may run: only synchronously, only asynchronously, or either. */
export type ActionMode = Mode | 'both';

export type ValueType =
  | 'int' // an integer, optionally signed when min < 0
  | 'float' // a decimal number
  | 'enum' // one of `values`
  | 'size' // WxH, either side may be omitted where `sizeOptional` says so
  | 'color' // RGB hex, 6 digits
  | 'base64' // URL-safe base64 of `decoded` text
  | 'string'; // free text (checked by `pattern` when present)

/** What the decoded text of a base64 parameter is, which decides how it is checked. */
export type DecodedKind =
  | 'bucket' // a bucket name (template variables allowed)
  | 'object' // an object key (template variables allowed)
  | 'topic' // an SMQ topic name
  | 'text' // free text (a watermark's words)
  | 'font' // a font name from `values`
  | 'process-ref' // an object key optionally followed by ?x-oss-process=… (a nested string)
  | 'pages'; // a page list

/**
 * Where a verdict comes from, strongest first: `rejected` (an error-code page or a documented failure of the
 * request), `documented` (a parameter table or a note), `ffmpeg` (behaviour measured with ffmpeg, which the
 * service builds on but may not share), `convention` (good practice). Default severities follow it.
 */
export type Evidence = 'rejected' | 'documented' | 'ffmpeg' | 'convention';

export interface EnumValue {
  value: string;
  /** One line: what choosing it does. */
  doc: string;
  /**
   * Spellings seen in live use that the documentation does not list (`jpeg` for `jpg`): reported as a
   * warning, with the documented spelling as a certain fix.
   */
  aliases?: readonly string[];
}

export interface ParamSpec {
  /** The key before `_`; for a positional value, the name shown in docs (the value has no key). */
  key: string;
  /** A bare value (`rotate,90`), not `key_value`. */
  positional?: boolean;
  type: ValueType;
  /** One or two sentences in our own words. */
  doc: string;
  required?: boolean;
  /**
   * Inclusive bounds for numbers; for `size`, bounds of each side; for decoded `text`, its length in UTF-8 bytes
   * (in characters where `unit` says `characters`).
   */
  min?: number;
  max?: number;
  /** The lower bound is exclusive (`size` of a text watermark: (0, 1000]). */
  minExclusive?: boolean;
  /** For numbers: the value must be a multiple of this (each side of `s` is even). */
  multipleOf?: number;
  /** For `size`: which sides may be left out (`s_640x`). */
  sizeOptional?: boolean;
  values?: readonly EnumValue[];
  /** The documented default, as written in a string. */
  default?: string;
  /** What the default means when it is not a literal value ("the source's frame rate"). */
  defaultDoc?: string;
  unit?: Unit;
  /** For `base64`: what the decoded text is. */
  decoded?: DecodedKind;
  /** For `string`: a pattern the value must match, with the words that describe it. */
  pattern?: { regex: RegExp; describe: string };
  /** A case-sensitive twin (`q` and `Q`): hints "did you mean" must not cross it. */
  caseSensitive?: boolean;
  /** For numbers: documented words accepted in place of a number (quality's `lossless`). */
  words?: readonly EnumValue[];
  /** The error-code page on which the service rejects a value outside this parameter's form or range. */
  rejectedBy?: string;
  /** For decoded `process-ref`: what the processing after `?x-oss-process=` may do. */
  nested?: NestedProcessing;
}

/** The processing a watermark image may carry: what the documentation lists, and what it says is rejected. */
export interface NestedProcessing {
  /** The actions the documentation names for it. */
  actions: readonly string[];
  /** Actions documented as rejected there, each with the page that says so. */
  rejected: Readonly<Record<string, string>>;
  /** The page on which `|` (a second stage) is rejected there. */
  pipeRejectedBy: string;
}

export type Unit = 'ms' | 's' | 'bit/s' | 'bit' | 'px' | '%' | 'Hz' | 'fps' | 'degrees' | 'channels' | 'bits' | 'characters';

export interface ActionSpec {
  /** `convert`, `saveas`, `resize`; sub-actions are named as written (`segment`, `pre`, `notify`). */
  name: string;
  product: string;
  /** One line shown in completion lists and hovers. */
  summary: string;
  doc: string;
  mode: ActionMode;
  params: readonly ParamSpec[];
  /** A sub-action: it may only follow (possibly after its siblings) an action named here. */
  parent?: string;
  /** When any of these actions stand in the same stage, this one must come after them (notify after saveas). */
  after?: readonly string[];
  /** May stand more than once in a stage (watermark, concat's pre). */
  repeatable?: boolean;
  /** Where the facts come from (a documentation address). */
  source: string;
  /** Strings from the documentation that must check clean. */
  examples?: readonly string[];
  /** Asynchronous actions whose output is written somewhere need sys/saveas to keep it. */
  producesOutput?: boolean;
  relations?: readonly Relation[];
  /**
   * Optional: the documented parameter table could not be read in full (see catalog/actions/NOTES.md), so the
   * listed params are known to be incomplete. A checker should report an unknown key here softly (a warning),
   * not as an error.
   */
  paramsIncomplete?: boolean;
  /**
   * Keys seen in official samples (an SDK's tests, a documentation example) that the parameter table does not
   * list: not documented, so OSS may ignore them; reported as a warning, not an error.
   */
  observedKeys?: readonly { key: string; seen: string }[];
  /**
   * An action seen in live use but not documented (`ignore-error`): a warning says so, since OSS may ignore it.
   * The text says where it was seen.
   */
  undocumented?: string;
  /** It must be the only action of its stage (image/info): the documentation that says so. */
  alone?: string;
  /** A legacy action the documentation marks as being phased out: what replaces it. */
  deprecated?: { replacement: string; source: string };
}

export interface ProductSpec {
  name: string;
  summary: string;
  /** `sys` stages come after `|` and hold saveas/notify; other products hold processing. */
  system?: boolean;
  /** `style/<name>`: the action slot holds a style name, not an action. */
  styleReference?: boolean;
  /** A legacy product (`imm/…`): every action of it is reported as deprecated. */
  legacy?: boolean;
  actions: readonly ActionSpec[];
}

/** A condition on another parameter of the same action; an absent parameter is judged by its default. */
export interface Condition {
  param: string;
  /** Holds when the parameter's value (or, when absent, its default) is one of these. */
  values?: readonly string[];
  /** Holds when the parameter is written at all (any value). */
  present?: boolean;
  /** Holds when the parameter is not written (its default does not count). */
  absent?: boolean;
  /**
   * Optional: further conditions that must all hold as well (a conjunction). The documentation states some
   * relations over two parameters at once, e.g. resize's `l`/`s` are ignored when `m` is written AND `w` (or `h`)
   * is written. A disjunction is written as two relations.
   */
  and?: readonly Condition[];
}

/** What every relation may add: the evidence behind it, when it is weaker or stronger than a parameter table. */
interface RelationFacts {
  /** `rejected` with `source` an error-code page; `convention` for an inference. Default: `documented`. */
  evidence?: Evidence;
  /** The page that states the relation (an error-code page), when it is not the action's own source. */
  source?: string;
  /** The highest severity a finding may have: a relation the documentation contradicts elsewhere is `info`. */
  atMost?: 'warning' | 'info';
}

/** Relations between the parameters of one action, stated in the documentation. */
export type Relation = RelationFacts & RelationKind;
type RelationKind =
  /** At most one of these may be written (`aq` and `ab`). */
  | { kind: 'exclusive'; params: readonly string[]; doc?: string }
  /** At least one of these must be written (`indexcrop` needs `x` or `y`). */
  | { kind: 'requiresAny'; params: readonly string[]; doc?: string }
  /** These parameters have an effect only when the condition holds (`adepth` only with `acodec_flac`). */
  | { kind: 'effectiveOnly'; params: readonly string[]; when: Condition; doc: string }
  /** These parameters are ignored when the condition holds (video parameters with `vn_1`; `q` beside `Q`). */
  | { kind: 'ignoredWhen'; params: readonly string[]; when: Condition; doc: string };

