import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Level, LintFileResult, LintMessage } from '../types';
import { formatWith, type CreateSession, type FormatContext } from './types';

/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/): one run whose tool.driver.rules lists every
 * rule with its documentation (helpUri); each problem is a result with its rule, level and region (1-based
 * lines and columns in UTF-16 code units, the end column exclusive, as SARIF counts them). A problem with a
 * file itself (unreadable, broken JSON) has no rule: it is a tool execution notification of the invocation,
 * and the invocation is then not successful.
 */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';

function sarifLevel(level: Level): 'error' | 'warning' | 'note' {
  return level === 'info' ? 'note' : level;
}

/** The artifact location of a file: relative to the source root when inside cwd, else a file: URI. */
function artifactLocation(filePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (!isAbsolute(filePath)) return { uri: encodeURIComponent(filePath) };
  const rel = relative(cwd, filePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(filePath).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(m: LintMessage): Record<string, number> {
  const r: Record<string, number> = { startLine: m.line, startColumn: m.column };
  if (m.endLine !== undefined) r.endLine = m.endLine;
  if (m.endColumn !== undefined) r.endColumn = m.endColumn;
  return r;
}

export const createSession: CreateSession = (ctx) => {
  const index = new Map(ctx.rules.map((r, i) => [r.id, i]));
  const notifications: unknown[] = [];
  let results = 0;
  return {
    begin() {
      const rules = ctx.rules.map((r) => ({
        id: r.id,
        shortDescription: { text: r.description },
        helpUri: r.helpUri,
        defaultConfiguration: { level: sarifLevel(r.severity) },
        ...(r.cli ? { properties: { tags: ['ossproc-cli'] } } : {}),
      }));
      const driver = { name: 'ossproc', version: ctx.version, informationUri: 'https://github.com/ossproc/ossproc', rules };
      const root = pathToFileURL(ctx.cwd.endsWith(sep) ? ctx.cwd : ctx.cwd + sep).href;
      return `{"version":"2.1.0","$schema":${JSON.stringify(SARIF_SCHEMA)},"runs":[{"tool":{"driver":${JSON.stringify(driver)}},"columnKind":"utf16CodeUnits","originalUriBaseIds":${JSON.stringify({ [SRCROOT]: { uri: root } })},"results":[`;
    },
    fileStart: () => '',
    message(filePath, m) {
      const location = { physicalLocation: { artifactLocation: artifactLocation(filePath, ctx.cwd), region: region(m) } };
      if (m.ruleId === null) {
        notifications.push({ level: 'error', message: { text: m.message }, locations: [location] });
        return '';
      }
      const result: Record<string, unknown> = { ruleId: m.ruleId };
      const i = index.get(m.ruleId);
      if (i !== undefined) result.ruleIndex = i;
      result.level = sarifLevel(m.level);
      result.message = { text: m.message };
      result.locations = [location];
      return `${results++ ? ',' : ''}${JSON.stringify(result)}`;
    },
    fileEnd: () => '',
    end() {
      const invocation: Record<string, unknown> = { executionSuccessful: notifications.length === 0 };
      if (notifications.length) invocation.toolExecutionNotifications = notifications;
      return `],"invocations":[${JSON.stringify(invocation)}]}]}\n`;
    },
  };
};

export default function sarif(results: readonly LintFileResult[], ctx: FormatContext): string {
  return formatWith(createSession, results, ctx);
}
