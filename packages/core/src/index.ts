/**
 * @ossproc/core: parse, check, fix, format, explain and build Alibaba Cloud OSS/IMM processing strings
 * (`x-oss-process` / `x-oss-async-process`), and find them inside other documents. No Node APIs: runs in
 * browsers and Node alike.
 *
 * @example
 * ```ts
 * import { check } from '@ossproc/core';
 * check('video/convert,f_mp4,fps_241');
 * // [{ ruleId: 'value-out-of-range', message: 'fps_241: fps must be between 0 and 240', range: { start: 20, end: 27 }, … }]
 * ```
 */

// first: Object.groupBy where the runtime lacks it (Node 20, older browsers), before the parser is built
import './polyfill';

// syntax
export { parse, type ParseOptions } from './syntax/parse';
export type { ActionNode, ParamNode, ParseResult, ProcessNode, RequestMode, StageNode, SyntaxError, Token, TokenKind, Word } from './syntax/tree';

// checking
export { check, clearMemo, type CheckMode, type CheckOptions } from './check/index';
export type { Diagnostic, DiagnosticData, Evidence, Fix, RelatedInformation, RuleSetting, Severity } from './check/diagnostic';
export { CONFIG_FILE, CONFIG_KEYS, CONFIG_PRESETS, CONFIG_RULE_IDS, configErrorLine, configReadError, emptyConfig, parseConfig, type ConfigError, type ConfigPreset, type ConfigResult, type ProjectConfig } from './config/config';
export { normalizeSeverity, parseSeverity, severityOf, SEVERITY_WORDS, UNUSED_DIRECTIVE_RULE } from './config/severity';
export { RULES, getRule, isRuleId, ruleDocsUrl, type RuleId, type RuleMeta } from './check/rules';
export { EVIDENCE_CAP, PRESET_NAMES, presetSeverities, type PresetName } from './check/rules';

// fixes, formatting, explanation, building
export { applyFixes, fixAll, fixPasses, MAX_FIX_PASSES, type FixPasses, type FixResult } from './fix';
export { format } from './format';
export { explain, type ExplainedAction, type ExplainedFinding, type ExplainedParam, type Explanation } from './explain';
export { build, BuildError, type BuildSpec, type BuildStep } from './build';
export type { ActionName, ActionParams } from './catalog/names.generated';

// the catalog
export { PRODUCTS, TARGET_VARIABLES, childActions, getAction, getParam, getProduct, positionalParams, styleNameRule, topLevelActions } from './catalog';
export type { ActionMode, ActionSpec, Condition, DecodedKind, EnumValue, Mode, ParamSpec, ProductSpec, Relation, Unit, ValueType } from './catalog/types';

// documents that hold processing strings
export { byPosition, lintDocument, lintLanguage, structureFindings, suppressAndSort, type LintedRegion, type LintOptions, type LintResult } from './lint/document';
export { checkRegion, lintRegion, toHost, type RegionText } from './lint/region';
export { fixDocument, type FixDocumentOptions } from './lint/fix';
export type { StructureError } from './presets/findings';
export { presetStyles, type PresetStyles } from './presets/styles';
export { extractRegions, languageForFile, languageFromId, looksLikeProcessingString, type HostLanguage } from './embed/extract';
export { editorLanguageIds, HOST_FORMATS, hostFormat, walkedExtensions, type HostFormat } from './embed/hosts';
export { applyDirectives, findDirectives, suppressionEdit, Suppressor, type Directive, type UnusedDirective } from './embed/suppress';
export { coversHole, endOfChar, hostOffset, sliceRegion, toHostRange, type EmbeddedRegion } from './embed/region';
export { classifyLine, forEachLine, lineRegion, LineSplitter, placeLineDirective, type LineHandler, type OssprocLine } from './embed/ossproc';
export { HOLE, hasHole } from './text/hole';
export { closest, nearest } from './check/suggest';
export { pastedUrlSpan } from './embed/url';

// text utilities the editor and CLI share
export { LineIndex, applyEdits, type Range, type TextEdit } from './text/range';
export { encodeBase64Url, readBase64 } from './text/base64';
