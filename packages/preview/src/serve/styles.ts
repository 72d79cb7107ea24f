import { presetStyles } from '@ossproc/core';
import { readFileSync } from 'node:fs';
import { PreviewError } from '../request';

/**
 * A preset file's styles, name → processing string: JSON or YAML `{ styles: { name: string } }`, or OSS
 * style XML (GetStyle's `<Style>` or ListStyle's `<StyleList>`) — read by core's preset readers, the ones
 * `ossproc lint` checks the file with.
 */
export function readStyles(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PreviewError(`cannot read the styles file ${file}: ${(e as Error).message}`, 'InvalidArgument');
  }
  return parseStyles(text, file);
}

/** `fileName` names the format by its extension (and the file in messages). */
export function parseStyles(text: string, fileName = 'styles'): Map<string, string> {
  const { styles, fatal } = presetStyles(text, fileName);
  if (fatal) throw new PreviewError(`${fileName}: ${fatal.message.replace(/^Parsing error: /, '')} (at offset ${fatal.offset})`);
  if (!styles) throw new PreviewError(`${fileName}: expected an object with "styles": { name: string }`);
  return styles;
}
