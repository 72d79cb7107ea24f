import { languageForFile } from '../embed/hosts';
import type { StructureError } from './findings';
import { scanJson } from './json';
import { xmlStructure } from './xml';
import { scanYaml } from './yaml';

/** A preset file's styles as the readers that lint it see them. */
export interface PresetStyles {
  /** Name → processing string as the service reads it (escapes decoded); absent when the file has no styles table. */
  styles?: Map<string, string>;
  /** The first syntax error of a file that does not parse. */
  fatal?: StructureError;
}

/** The first character after a byte-order mark and blanks (read without copying the file). */
const FIRST_CHARACTER = /^\uFEFF?\s*(\S)/;

/**
 * The styles of a preset file (JSON or YAML `{ styles: { name: string } }`, OSS style XML), read by the same
 * readers `ossproc lint` uses, so a style is served (`ossproc serve`) as it was checked. The format is the
 * file name's, else the text's first character (`<` XML, `{` JSON, anything else YAML).
 */
export function presetStyles(text: string, fileName = ''): PresetStyles {
  const language = languageForFile(fileName);
  const first = FIRST_CHARACTER.exec(text)?.[1];
  const format = language === 'json' || language === 'yaml' || language === 'xml' ? language : first === '<' ? 'xml' : first === '{' ? 'json' : 'yaml';
  const read = format === 'xml' ? xmlStructure(text) : format === 'json' ? scanJson(text) : scanYaml(text);
  const out: PresetStyles = {};
  if (read.styles) out.styles = read.styles;
  if (read.fatal) out.fatal = read.fatal;
  return out;
}
