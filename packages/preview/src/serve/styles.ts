import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PreviewError } from '../request';

/**
 * A preset file's styles, name → processing string: JSON or YAML `{ styles: { name: string } }`, or OSS
 * style XML (GetStyle's `<Style>` or ListStyle's `<StyleList>`, each `<Name>` with its `<Content>`) — the
 * formats `ossproc lint` reads.
 */
export function readStyles(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PreviewError(`cannot read the styles file ${file}: ${(e as Error).message}`, 'InvalidArgument');
  }
  return parseStyles(text, extname(file).toLowerCase(), file);
}

export function parseStyles(text: string, ext: string, name = 'styles'): Map<string, string> {
  const styles = new Map<string, string>();
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (ext === '.xml' || trimmed.startsWith('<')) {
    for (const m of trimmed.matchAll(/<Style>([\s\S]*?)<\/Style>/g)) {
      const n = /<Name>([\s\S]*?)<\/Name>/.exec(m[1]!)?.[1];
      const c = /<Content>([\s\S]*?)<\/Content>/.exec(m[1]!)?.[1];
      if (n !== undefined && c !== undefined) styles.set(xmlText(n), xmlText(c));
    }
    return styles;
  }
  let data: unknown;
  if (ext === '.json' || ext === '.jsonc' || trimmed.startsWith('{')) {
    const errors: ParseError[] = [];
    data = parseJsonc(text, errors, { allowTrailingComma: true });
    if (errors.length) throw new PreviewError(`${name}: not valid JSON (at offset ${errors[0]!.offset})`);
  } else {
    try {
      data = parseYaml(text);
    } catch (e) {
      throw new PreviewError(`${name}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const table = (data as { styles?: unknown } | null)?.styles;
  if (!table || typeof table !== 'object' || Array.isArray(table)) throw new PreviewError(`${name}: expected an object with "styles": { name: string }`);
  for (const [k, v] of Object.entries(table)) if (typeof v === 'string') styles.set(k, v);
  return styles;
}

function xmlText(s: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(s);
  if (cdata) return cdata[1]!;
  return s
    .trim()
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}
