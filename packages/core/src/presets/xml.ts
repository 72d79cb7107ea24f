import { decodeXmlText } from '../embed/decode';
import { PresetFindings, type StructureError } from './findings';

/**
 * XML files must be well-formed (one root element, balanced and matching tags, quoted attributes, known
 * entities, terminated comments and CDATA); the first violation makes the file broken. In OSS style XML
 * (GetStyle / ListStyle: `<Style><Name>n</Name><Content>…</Content></Style>`) style names are checked;
 * the markup scanner (embed/markup.ts) reads the `<Content>` strings.
 */
const NAME_START = /[A-Za-z_:\u00c0-\uffff]/;
const NAME_CHAR = /[-A-Za-z0-9_:.\u00b7\u00c0-\uffff]/;
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

class XmlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * The style names of an XML file, its styles (name → content) and its first well-formedness error; the
 * `<Content>` strings as regions are core's markup scanner's.
 */
export function xmlStructure(text: string): { findings: PresetFindings['findings']; fatal?: StructureError; styles?: Map<string, string> } {
  const presets = new PresetFindings();
  const styles = (): { styles?: Map<string, string> } => (presets.styles ? { styles: presets.styles } : {});
  try {
    new XmlChecker(text, presets).run();
  } catch (e) {
    if (e instanceof XmlError) return { findings: presets.findings, fatal: { message: `Parsing error: invalid XML: ${e.message}`, offset: e.offset }, ...styles() };
    throw e;
  }
  return { findings: presets.findings, ...styles() };
}

class XmlChecker {
  private p = 0;
  private readonly stack: { name: string; at: number }[] = [];
  private rootSeen = false;
  private hasDoctype = false;
  /** Inside <Style><Name>: where the name's text starts. */
  private nameTextStart = -1;
  /** Inside <Style><Content>: where the content starts. */
  private contentStart = -1;
  /** The current <Style>'s name and content, as read. */
  private style: { name?: string; content?: string } = {};

  constructor(
    private readonly t: string,
    private readonly presets: PresetFindings,
  ) {}

  run(): void {
    const t = this.t;
    if (t.charCodeAt(0) === 0xfeff) this.p = 1;
    while (this.p < t.length) {
      const lt = t.indexOf('<', this.p);
      const textEnd = lt < 0 ? t.length : lt;
      this.text(this.p, textEnd);
      if (lt < 0) break;
      this.p = lt;
      this.markup();
    }
    if (this.stack.length) {
      const open = this.stack[this.stack.length - 1]!;
      throw new XmlError(`element <${open.name}> is not closed (the file ends first)`, open.at);
    }
    if (!this.rootSeen) throw new XmlError('no root element', t.length);
  }

  private text(start: number, end: number): void {
    if (start >= end) return;
    const t = this.t;
    if (!this.stack.length) {
      for (let i = start; i < end; i++) {
        if (!/\s/.test(t[i]!)) throw new XmlError(this.rootSeen ? 'text after the root element' : 'text before the root element', i);
      }
      return;
    }
    for (let a = t.indexOf('&', start); a >= 0 && a < end; a = t.indexOf('&', a + 1)) this.entity(a, end);
    if (t.slice(start, end).includes(']]>')) throw new XmlError("']]>' is not allowed in text", t.indexOf(']]>', start));
  }

  private entity(a: number, end: number): void {
    const semi = this.t.indexOf(';', a);
    if (semi < 0 || semi >= end) throw new XmlError("'&' must start an entity such as &amp; (write & as &amp;)", a);
    const name = this.t.slice(a + 1, semi);
    if (/^#[0-9]+$/.test(name) || /^#x[0-9a-fA-F]+$/.test(name)) return;
    if (PREDEFINED.has(name)) return;
    if (this.hasDoctype && /^[A-Za-z_][-\w.]*$/.test(name)) return;
    throw new XmlError(`unknown entity &${name}; (write & as &amp;)`, a);
  }

  private expectClose(marker: string, what: string): number {
    const close = this.t.indexOf(marker, this.p);
    if (close < 0) throw new XmlError(`${what} is not closed`, this.p);
    return close + marker.length;
  }

  private markup(): void {
    const t = this.t;
    const p = this.p;
    if (t.startsWith('<!--', p)) {
      this.p = this.expectClose('-->', 'comment');
      return;
    }
    if (t.startsWith('<![CDATA[', p)) {
      if (!this.stack.length) throw new XmlError('CDATA outside the root element', p);
      this.p = this.expectClose(']]>', 'CDATA section');
      return;
    }
    if (t.startsWith('<?', p)) {
      this.p = this.expectClose('?>', 'processing instruction');
      return;
    }
    if (t.startsWith('<!DOCTYPE', p)) {
      if (this.rootSeen || this.stack.length) throw new XmlError('DOCTYPE after the root element started', p);
      this.hasDoctype = true;
      let depth = 0;
      for (let i = p + 9; i < t.length; i++) {
        const c = t[i];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) {
          this.p = i + 1;
          return;
        }
      }
      throw new XmlError('DOCTYPE is not closed', p);
    }
    if (t.startsWith('</', p)) {
      const { name, end } = this.name(p + 2);
      let q = end;
      while (q < t.length && /\s/.test(t[q]!)) q++;
      if (t[q] !== '>') throw new XmlError(`'>' expected to end </${name}`, q);
      const open = this.stack.pop();
      if (!open) throw new XmlError(`end tag </${name}> without a start tag`, p);
      if (open.name !== name) throw new XmlError(`end tag </${name}> does not match <${open.name}>`, p);
      if (name === 'Name' && this.nameTextStart >= 0) {
        const raw = t.slice(this.nameTextStart, p);
        const lead = raw.length - raw.trimStart().length;
        this.presets.styleName(raw.trim(), this.nameTextStart + lead, this.nameTextStart + lead + raw.trim().length);
        this.style.name = decodeXmlText(t, this.nameTextStart, p).text.trim();
        this.nameTextStart = -1;
      }
      if (name === 'Content' && this.contentStart >= 0) {
        this.style.content = decodeXmlText(t, this.contentStart, p).text.trim();
        this.contentStart = -1;
      }
      if (name === 'Style') {
        const { name: n, content } = this.style;
        if (n !== undefined && content !== undefined) this.presets.style(n, content);
        this.style = {};
      }
      this.p = q + 1;
      return;
    }
    // a start tag
    if (this.rootSeen && !this.stack.length) throw new XmlError('a second root element', p);
    const { name, end } = this.name(p + 1);
    let q = end;
    const seen = new Set<string>();
    for (;;) {
      const ws = q;
      while (q < t.length && /\s/.test(t[q]!)) q++;
      if (q >= t.length) throw new XmlError(`start tag <${name}> is not closed`, p);
      if (t[q] === '>' || t.startsWith('/>', q)) break;
      if (q === ws) throw new XmlError(`whitespace expected before an attribute in <${name}>`, q);
      const attr = this.name(q);
      if (seen.has(attr.name)) throw new XmlError(`attribute '${attr.name}' is repeated in <${name}>`, q);
      seen.add(attr.name);
      q = attr.end;
      while (q < t.length && /\s/.test(t[q]!)) q++;
      if (t[q] !== '=') throw new XmlError(`'=' expected after attribute '${attr.name}'`, q);
      q++;
      while (q < t.length && /\s/.test(t[q]!)) q++;
      const quote = t[q];
      if (quote !== '"' && quote !== "'") throw new XmlError(`the value of attribute '${attr.name}' must be quoted`, q);
      const close = t.indexOf(quote, q + 1);
      if (close < 0) throw new XmlError(`the value of attribute '${attr.name}' is not closed`, q);
      const lt = t.indexOf('<', q + 1);
      if (lt >= 0 && lt < close) throw new XmlError(`'<' in the value of attribute '${attr.name}'`, lt);
      for (let a = t.indexOf('&', q + 1); a >= 0 && a < close; a = t.indexOf('&', a + 1)) this.entity(a, close);
      q = close + 1;
    }
    const selfClosing = t[q] === '/';
    this.p = q + (selfClosing ? 2 : 1);
    this.rootSeen = true;
    if (selfClosing) return;
    const parent = this.stack[this.stack.length - 1];
    this.stack.push({ name, at: p });
    if (name === 'Name' && parent?.name === 'Style') this.nameTextStart = this.p;
    if (name === 'Content' && parent?.name === 'Style') this.contentStart = this.p;
    if (name === 'Style') this.presets.styles ??= new Map();
  }

  private name(at: number): { name: string; end: number } {
    const t = this.t;
    if (at >= t.length || !NAME_START.test(t[at]!)) throw new XmlError(at >= t.length ? 'the file ends inside a tag' : `a name is expected, found '${t[at]}'`, Math.min(at, t.length));
    let e = at + 1;
    while (e < t.length && NAME_CHAR.test(t[e]!)) e++;
    return { name: t.slice(at, e), end: e };
  }
}
