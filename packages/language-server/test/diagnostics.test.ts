import { lintDocument, ruleDocsUrl } from '@ossproc/core';
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticData } from '../src/service/diagnostics';
import { LIMITS } from '../src/service/documents';
import { getLanguageService } from '../src/service/languageService';
import { makeDoc, quickFixes, service, settings } from './helpers';

function validate(text: string, languageId = 'ossproc', s = settings()) {
  const doc = makeDoc(text, languageId);
  const ls = service();
  const result = ls.doValidation(doc, s, { budgetMs: Infinity });
  const fixesOf = (d: Diagnostic) => quickFixes(ls, doc, d, s);
  return { doc, ...result, fixesOf, shown: result.diagnostics.map((d) => ({ code: d.code, text: doc.getText(d.range) })) };
}

/** Diagnostics as [ruleId, start, end] host offsets. */
function asOffsets(doc: TextDocument, ds: Diagnostic[]): [string, number, number][] {
  return ds.map((d) => [String(d.code), doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)]);
}

describe('diagnostics: what is published', () => {
  it('carries what each verdict rests on in data (evidence and source), as core and the CLI give them', () => {
    const text = 'video/convert,f_mp4,fps_241,aq_80,ab_100000|sys/saveas,o_b3V0Lm1wNA\n';
    const { diagnostics } = validate(text);
    const core = lintDocument(text, { language: 'ossproc' }).diagnostics;
    expect(diagnostics.map((d) => [d.code, (d.data as DiagnosticData).evidence, (d.data as DiagnosticData).source])).toEqual(core.map((d) => [d.ruleId, d.data!.evidence, d.data!.source]));
    const fps = diagnostics.find((x) => x.code === 'value-out-of-range')!;
    expect(fps.data).toMatchObject({ evidence: 'documented', source: 'https://www.alibabacloud.com/help/en/oss/user-guide/video-transcoding' });
    // and in Java strings too
    const javaText = 'class A { String s = "video/convert,f_mp4,fps_241|sys/saveas,o_b3V0Lm1wNA"; }';
    const java = validate(javaText, 'java').diagnostics;
    expect(java.map((d) => [d.code, (d.data as DiagnosticData).evidence])).toEqual(lintDocument(javaText, { language: 'java' }).diagnostics.map((d) => [d.ruleId, d.data!.evidence]));
    expect(java.length).toBeGreaterThan(0);
  });

  it('carries the rule id as code, its docs link, the source and the message', () => {
    const { diagnostics } = validate('video/convert,f_mp4,fps_241\n');
    const d = diagnostics.find((x) => x.code === 'value-out-of-range')!;
    expect(d).toMatchObject({
      source: 'ossproc',
      severity: DiagnosticSeverity.Error,
      message: 'fps_241: fps must be between 0 and 240',
      codeDescription: { href: ruleDocsUrl('value-out-of-range') },
      range: { start: { line: 0, character: 20 }, end: { line: 0, character: 27 } },
    });
  });

  it('relates aq and ab, and fades a parameter without effect', () => {
    const { diagnostics, doc } = validate('video/convert,f_mp4,acodec_aac,aq_80,ab_100000');
    const exclusive = diagnostics.find((d) => d.code === 'mutually-exclusive')!;
    expect(doc.getText(exclusive.range)).toBe('ab_100000');
    expect(exclusive.relatedInformation).toHaveLength(1);
    expect(doc.getText(exclusive.relatedInformation![0]!.location.range)).toBe('aq_80');
    expect(exclusive.relatedInformation![0]!.location.uri).toBe(doc.uri);
    const { diagnostics: faded, doc: d2 } = validate('video/convert,f_flac,acodec_aac,adepth_24,vn_1');
    const ineffective = faded.find((d) => d.code === 'ineffective-parameter')!;
    expect(d2.getText(ineffective.range)).toBe('adepth_24');
    expect(ineffective.tags).toEqual([DiagnosticTag.Unnecessary]);
  });

  it('maps severities: warning, and info to Information', () => {
    // codec-container-doubtful rests on ffmpeg only: information by default (issue 11)
    const warn = validate('video/convert,f_avi,vcodec_h265', 'ossproc', settings({ rules: { 'codec-container-doubtful': 'warn' } })).diagnostics.find((d) => d.code === 'codec-container-doubtful')!;
    expect(warn.severity).toBe(DiagnosticSeverity.Warning);
    const info = validate('video/convert,f_avi,vcodec_h265').diagnostics;
    expect(info.find((d) => d.code === 'codec-container-doubtful')!.severity).toBe(DiagnosticSeverity.Information);
  });

  it('keeps the fixes out of data; code actions give them, as LSP edits', () => {
    const { diagnostics, doc, fixesOf } = validate('\nvideo/covert,f_mp4');
    const d = diagnostics.find((x) => x.code === 'unknown-action')!;
    expect(Object.keys(d.data as DiagnosticData).sort()).toEqual(['evidence', 'source']);
    const certain = fixesOf(d).find((f) => f.certain)!;
    expect(TextDocument.applyEdits(doc, certain.edits)).toBe('\nvideo/convert,f_mp4');
    // suggestions too, not preferred
    const mp5 = validate('video/convert,f_mp5');
    const suggestions = mp5.fixesOf(mp5.diagnostics[0]!);
    expect(suggestions.map((f) => [f.title, f.certain])).toEqual([["Replace with 'mp4'", false], ["Replace with 'mp3'", false]]);
  });

  it('honours rules (off) and the mode', () => {
    expect(validate('video/convert,f_mp4,vcodec_h264,fps_241', 'ossproc', settings({ rules: { 'value-out-of-range': 'off' } })).shown).toEqual([]);
    expect(validate('video/convert,f_mp4', 'ossproc', settings({ mode: 'sync' })).shown.map((d) => d.code)).toContain('async-only');
    expect(validate('video/convert,f_mp4', 'ossproc', settings({ mode: 'async' })).shown.map((d) => d.code)).not.toContain('async-only');
  });

  it('applies suppression comments: next line, file', () => {
    const text = '# ossproc-disable-next-line value-out-of-range\nvideo/convert,f_mp4,vcodec_h264,fps_241\nvideo/convert,f_mp4,vcodec_h264,fps_242\n';
    expect(validate(text).shown).toEqual([{ code: 'value-out-of-range', text: 'fps_242' }]);
    expect(validate(`# ossproc-disable-file\n${text}`).shown).toEqual([]);
    expect(validate('# ossproc-disable-next-line unknown-value\nvideo/convert,f_mp4,vcodec_h264,fps_241').shown).toHaveLength(1);
  });

  it('serves nothing for a language that is not enabled', () => {
    expect(validate('String p = "video/convert,f_mp5";', 'java', settings({ embeddedLanguages: [] })).diagnostics).toEqual([]);
    expect(validate('x', 'rust').diagnostics).toEqual([]);
  });
});

describe('diagnostics: agreement with core', () => {
  const lines = [
    'video/convert,f_mp4,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1|sys/saveas,b_b3V0YnVja2V0,o_b3V0Lm1wNA',
    '  image/resize,m_lfit,w_100/format,webp  ',
    'video/convert,f_mp4,aq_80,ab_100000',
    '# a comment',
    '# ossproc-disable-next-line mutually-exclusive',
    'video/convert,f_mp4,acodec_aac,aq_80,ab_100000',
    '',
    'vidoe/convert,f_mp5,,fps_241|sys/saveas,o_out.mp4',
    'video/convert,ss_10000,t_60000,f_ts,vcodec_h264/segment,f_hls,t_30000|sys/saveas,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ/notify,topic_QXVkaW9Db252ZXJ0',
  ];

  it('gives exactly what lintDocument gives for an .ossproc file (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = lines.join(eol);
      const { doc, diagnostics } = validate(text);
      const core = lintDocument(text, { language: 'ossproc' }).diagnostics.map((d): [string, number, number] => [d.ruleId, d.range.start, d.range.end]);
      expect(asOffsets(doc, diagnostics)).toEqual(core);
      expect(core.length).toBeGreaterThan(5);
    }
  });

  it('gives what lintDocument gives for the Java sample of the documentation', () => {
    const java = [
      'public class Demo {',
      '  void run() {',
      '    String style = String.format("video/convert,f_avi,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1");',
      '    String process = String.format("%s|sys/saveas,b_%s,o_%s", style, bucketEncoded, targetEncoded);',
      '  }',
      '}',
    ].join('\n');
    const { doc, diagnostics } = validate(java, 'java');
    const core = lintDocument(java, { language: 'java' }).diagnostics.map((d): [string, number, number] => [d.ruleId, d.range.start, d.range.end]);
    expect(asOffsets(doc, diagnostics)).toEqual(core);
    expect(diagnostics.map((d) => [d.code, doc.getText(d.range)])).toEqual([['codec-container-doubtful', 'vcodec_h265']]);
    expect(doc.getText(diagnostics[0]!.relatedInformation![0]!.location.range)).toBe('f_avi');
  });
});

describe('diagnostics: embedded strings (where the server repairs core, see diagnostics.ts)', () => {
  it('maps ranges through escapes', () => {
    const { shown } = validate('String p = "video/convert,f_mp4,vcodec_h264,s_1920x1080\\u002Cfps_300";', 'java');
    expect(shown).toContainEqual({ code: 'value-out-of-range', text: 'fps_300' });
  });

  it('ends a range at the end of the literal, not in the next one', () => {
    const { shown, diagnostics, doc, fixesOf } = validate('String p = "video/convert,f_mp4,vcodec_h264,fps_241" + ",s_1920x1080";', 'java');
    expect(shown).toContainEqual({ code: 'value-out-of-range', text: 'fps_241' });
    expect(diagnostics.flatMap(fixesOf).length).toBeGreaterThan(0);
    for (const d of diagnostics) for (const f of fixesOf(d)) for (const e of f.edits) expect(doc.getText(e.range)).not.toContain('"');
  });

  it('does not judge or edit host code joined into a string', () => {
    const { shown, diagnostics, doc, fixesOf } = validate('String p = "video/convert,f_mp4," + codec + ",fps_30";', 'java');
    expect(shown.map((d) => d.code)).not.toContain('unknown-parameter');
    for (const d of diagnostics) for (const f of fixesOf(d)) for (const e of f.edits) expect(doc.getText(e.range)).not.toContain('codec');
  });

  it('checks a URL parameter in the mode its name gives (x-oss-process is synchronous)', () => {
    const md = 'See ![a](https://b.oss-cn-hangzhou.aliyuncs.com/a.mp4?x-oss-process=video/convert,f_mp4).\n';
    expect(validate(md, 'markdown').shown.map((d) => d.code)).toContain('async-only');
    expect(validate(md.replace('x-oss-process', 'x-oss-async-process'), 'markdown').shown.map((d) => d.code)).not.toContain('async-only');
  });

  it('finds strings in Python, Go, TypeScript, JSON and YAML', () => {
    expect(validate("s = 'video/convert,f_mp5'", 'python').shown).toEqual([{ code: 'unknown-value', text: 'f_mp5' }]);
    expect(validate('s := "video/convert,f_mp5"', 'go').shown).toEqual([{ code: 'unknown-value', text: 'f_mp5' }]);
    expect(validate('const s = `video/convert,f_mp5`;', 'typescriptreact').shown).toEqual([{ code: 'unknown-value', text: 'f_mp5' }]);
    expect(validate('{"s": "video/convert,f_mp5"}', 'json').shown).toEqual([{ code: 'unknown-value', text: 'f_mp5' }]);
    expect(validate('s: "video/convert,f_mp5"\n', 'yaml').shown).toEqual([{ code: 'unknown-value', text: 'f_mp5' }]);
  });

  it('finds processing URLs in HTML', () => {
    const html = '<img src="https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize,m_lfat,w_100">';
    expect(validate(html, 'html').shown).toEqual([{ code: 'unknown-value', text: 'm_lfat' }]);
  });

  it('applies suppression comments of the host', () => {
    const java = '// ossproc-disable-next-line unknown-value\nString s = "video/convert,f_mp5";';
    expect(validate(java, 'java').shown).toEqual([]);
  });
});

describe('diagnostics: large documents', () => {
  const body = (n: number) =>
    Array.from({ length: n }, (_, i) => (i % 50 === 3 ? `video/convert,f_mp4,fps_${241 + (i % 50)}` : `image/resize,m_lfit,w_${100 + (i % 900)}/format,webp`)).join('\n');

  it('re-checks only the changed line after a one-character edit of a 10,000-line document', () => {
    const ls = service();
    const text = body(10_000);
    const doc = TextDocument.create('file:///big.ossproc', 'ossproc', 1, text);
    const first = ls.doValidation(doc, settings(), { budgetMs: Infinity });
    expect(first.complete).toBe(true);
    // identical lines are checked once
    expect(first.checked).toBeGreaterThan(500);
    const line = 5000;
    TextDocument.update(doc, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }], 2);
    const t0 = performance.now();
    const second = ls.doValidation(doc, settings(), { budgetMs: Infinity });
    const ms = performance.now() - t0;
    expect(second.checked).toBe(1);
    expect(ms).toBeLessThan(200);
    // the same answer core gives for the whole document, capped
    const core = lintDocument(doc.getText(), { language: 'ossproc' }).diagnostics.slice(0, LIMITS.maxDiagnostics);
    expect(asOffsets(doc, second.diagnostics)).toEqual(core.map((d) => [d.ruleId, d.range.start, d.range.end]));
  });

  it(`caps the diagnostics at ${LIMITS.maxDiagnostics}`, () => {
    const text = Array.from({ length: 3000 }, () => 'video/convert,f_mp5').join('\n');
    expect(validate(text).diagnostics).toHaveLength(LIMITS.maxDiagnostics);
  });

  it('stops on its time budget and goes on in the next run', () => {
    const ls = service();
    const doc = makeDoc(body(3000));
    const runs: number[] = [];
    let result = ls.doValidation(doc, settings(), { budgetMs: 0 });
    runs.push(result.checked);
    while (!result.complete && runs.length < 1000) {
      result = ls.doValidation(doc, settings(), { budgetMs: 0 });
      runs.push(result.checked);
    }
    expect(runs.length).toBeGreaterThan(1);
    expect(result.complete).toBe(true);
    expect(asOffsets(doc, result.diagnostics)).toEqual(
      lintDocument(doc.getText(), { language: 'ossproc' }).diagnostics.slice(0, LIMITS.maxDiagnostics).map((d) => [d.ruleId, d.range.start, d.range.end]),
    );
  });

  it('checks strings up to 1 MiB, as the CLI checks lines, and says in the log why a longer one is not', () => {
    const logs: string[] = [];
    const ls = getLanguageService({ log: (m) => logs.push(m) });
    const long = `image/resize,w_100${',h_100'.repeat(Math.ceil((LIMITS.maxCheckedLength - 17) / 6) + 1)}`;
    expect(long.length).toBeGreaterThan(LIMITS.maxCheckedLength);
    const doc = makeDoc(`${long}\nvideo/convert,f_mp5\n`);
    const { diagnostics } = ls.doValidation(doc, settings(), { budgetMs: Infinity });
    expect(diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['unknown-value', 1]]);
    expect(logs).toEqual([`ossproc: line 1 of ${doc.uri} is ${long.length} characters long; not checked (ossproc checks strings up to 1048576 characters, as the CLI does)`]);
  });

  it('stops when cancelled', () => {
    const doc = makeDoc(body(2000));
    const result = service().doValidation(doc, settings(), { token: { isCancellationRequested: true, onCancellationRequested: () => ({ dispose() {} }) } });
    expect(result.complete).toBe(false);
  });
});
