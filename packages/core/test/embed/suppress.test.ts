import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/text/range';
import { extractRegions, type HostLanguage } from '../../src/embed/extract';
import { applyDirectives, findDirectives, suppressionEdit, type Directive } from '../../src/embed/suppress';

/** Directives as data: kind, rules, line, and the directive's text in the host. */
function directives(text: string, language: HostLanguage) {
  return findDirectives(text, language).map((d) => ({
    kind: d.kind,
    rules: d.rules,
    line: d.line,
    text: text.slice(d.range.start, d.range.end),
    ...(d.reason !== undefined ? { reason: d.reason } : {}),
  }));
}

describe('findDirectives: each kind in each comment style', () => {
  const table: { language: HostLanguage; text: string; expected: ReturnType<typeof directives> }[] = [
    {
      language: 'ossproc',
      text: '# ossproc-disable-next-line value-range, unknown-key -- legacy preset\nimage/resize,w_99999\n',
      expected: [{ kind: 'disable-next-line', rules: ['value-range', 'unknown-key'], line: 1, text: 'ossproc-disable-next-line value-range, unknown-key -- legacy preset', reason: 'legacy preset' }],
    },
    {
      language: 'ossproc',
      text: 'image/resize,w_1\n  #ossproc-disable-file\n',
      expected: [{ kind: 'disable-file', rules: [], line: -1, text: 'ossproc-disable-file' }],
    },
    {
      language: 'python',
      text: 'style = "image/resize,w_1"  # ossproc-disable-line unknown-key\n',
      expected: [{ kind: 'disable-line', rules: ['unknown-key'], line: 0, text: 'ossproc-disable-line unknown-key' }],
    },
    {
      language: 'yaml',
      text: 'a: 1\n# ossproc-disable-file unknown-key\nb: image/x  # ossproc-disable-line\n',
      expected: [
        { kind: 'disable-file', rules: ['unknown-key'], line: -1, text: 'ossproc-disable-file unknown-key' },
        { kind: 'disable-line', rules: [], line: 2, text: 'ossproc-disable-line' },
      ],
    },
    {
      language: 'java',
      text: 'class A {\n  // ossproc-disable-next-line async-only\n  String s = "video/convert"; /* ossproc-disable-line a,b */\n  /** ossproc-disable-next-line c */\n}',
      expected: [
        { kind: 'disable-next-line', rules: ['async-only'], line: 2, text: 'ossproc-disable-next-line async-only' },
        { kind: 'disable-line', rules: ['a', 'b'], line: 2, text: 'ossproc-disable-line a,b' },
        { kind: 'disable-next-line', rules: ['c'], line: 4, text: 'ossproc-disable-next-line c' },
      ],
    },
    {
      language: 'go',
      text: '/*\n ossproc-disable-next-line x\n*/\ns := "image/x"',
      expected: [{ kind: 'disable-next-line', rules: ['x'], line: 3, text: 'ossproc-disable-next-line x' }],
    },
    {
      language: 'typescript',
      text: "const a = '// ossproc-disable-line'; // see ossproc-disable-line x\n// ossproc-disable-lines x\n//ossproc-disable-line --\n",
      expected: [{ kind: 'disable-line', rules: [], line: 2, text: 'ossproc-disable-line --', reason: '' }],
    },
    {
      language: 'javascript',
      text: '// ossproc-disable-file\n',
      expected: [{ kind: 'disable-file', rules: [], line: -1, text: 'ossproc-disable-file' }],
    },
    {
      language: 'json',
      text: '{\n  // ossproc-disable-next-line r\n  "a": "image/x"\n}',
      expected: [{ kind: 'disable-next-line', rules: ['r'], line: 2, text: 'ossproc-disable-next-line r' }],
    },
    {
      language: 'markdown',
      text: '<!-- ossproc-disable-next-line r -->\n![](a.jpg?x-oss-process=image/x)\n```java\n// ossproc-disable-next-line s\nString a = "image/y";\n```\n```\n<!-- ossproc-disable-file -->\n```\n',
      expected: [
        { kind: 'disable-next-line', rules: ['r'], line: 1, text: 'ossproc-disable-next-line r' },
        { kind: 'disable-next-line', rules: ['s'], line: 4, text: 'ossproc-disable-next-line s' },
      ],
    },
    {
      language: 'html',
      text: '<img src="a?x-oss-process=image/x"> <!-- ossproc-disable-line r -->\n<script>\n// ossproc-disable-next-line s\n</script>',
      expected: [
        { kind: 'disable-line', rules: ['r'], line: 0, text: 'ossproc-disable-line r' },
        { kind: 'disable-next-line', rules: ['s'], line: 3, text: 'ossproc-disable-next-line s' },
      ],
    },
    {
      language: 'xml',
      text: '<ListStyle>\n  <!-- ossproc-disable-next-line r -->\n  <Style><Content>image/x</Content></Style>\n</ListStyle>',
      expected: [{ kind: 'disable-next-line', rules: ['r'], line: 2, text: 'ossproc-disable-next-line r' }],
    },
    {
      language: 'text',
      text: '# ossproc-disable-next-line r\nhttp://x?x-oss-process=image/x\n',
      expected: [{ kind: 'disable-next-line', rules: ['r'], line: 1, text: 'ossproc-disable-next-line r' }],
    },
  ];
  for (const [i, c] of table.entries()) it(`${c.language} #${i}`, () => expect(directives(c.text, c.language)).toEqual(c.expected));
});

describe('applyDirectives', () => {
  const at = (text: string, needle: string, ruleId: string) => {
    const start = text.indexOf(needle);
    return { ruleId, range: { start, end: start + needle.length }, label: needle };
  };

  it('next-line, line and file directives suppress by rule; others are kept', () => {
    const text = [
      '# ossproc-disable-file global-rule',
      '# ossproc-disable-next-line a',
      'image/one',
      'image/two',
      '# ossproc-disable-next-line',
      'image/three',
    ].join('\n');
    const diags = [
      at(text, 'one', 'a'), // suppressed by next-line a
      at(text, 'one', 'b'), // kept: a names only a
      at(text, 'two', 'a'), // kept: the directive is for the line above
      at(text, 'two', 'global-rule'), // suppressed file-wide
      at(text, 'three', 'anything'), // suppressed: no rule list
    ];
    const { kept, unused } = applyDirectives(text, diags, findDirectives(text, 'ossproc'));
    expect(kept.map((d) => `${d.label}:${d.ruleId}`)).toEqual(['one:b', 'two:a']);
    expect(unused).toEqual([]);
  });

  it('disable-line sits on the string’s line', () => {
    const text = 'a = "image/x"  # ossproc-disable-line r\nb = "image/y"\n';
    const { kept } = applyDirectives(text, [at(text, 'image/x', 'r'), at(text, 'image/y', 'r')], findDirectives(text, 'python'));
    expect(kept.map((d) => d.label)).toEqual(['image/y']);
  });

  it('reports directives that suppressed nothing, and rules of a directive that suppressed nothing', () => {
    const text = [
      '// ossproc-disable-next-line a, b',
      's = "image/x";',
      '// ossproc-disable-next-line',
      's = "image/y";',
      '// ossproc-disable-file c',
    ].join('\n');
    const found = findDirectives(text, 'java');
    const { kept, unused } = applyDirectives(text, [at(text, 'image/x', 'a')], found);
    expect(kept).toEqual([]);
    expect(unused.map((u) => ({ kind: u.kind, line: u.line, unusedRules: u.unusedRules }))).toEqual([
      { kind: 'disable-next-line', line: 1, unusedRules: ['b'] },
      { kind: 'disable-next-line', line: 3, unusedRules: [] },
      { kind: 'disable-file', line: -1, unusedRules: ['c'] },
    ]);
    // an unused directive is still a Directive, with its host range
    const d: Directive = unused[0]!;
    expect(text.slice(d.range.start, d.range.end)).toBe('ossproc-disable-next-line a, b');
  });

  it('works end to end with extracted regions', () => {
    const text = 'const a = "image/resize,w_1"; // ossproc-disable-line w-range\nconst b = `image/resize,w_${x}`;\n';
    const diags = extractRegions(text, 'typescript').map((r) => ({ ruleId: 'w-range', range: r.range }));
    const { kept } = applyDirectives(text, diags, findDirectives(text, 'typescript'));
    expect(kept.map((d) => text.slice(d.range.start, d.range.end))).toEqual(['image/resize,w_${x}']);
  });
});

describe('suppressionEdit', () => {
  /** Applies the quick fix for the diagnostic at `needle` and returns the document. */
  const fix = (language: HostLanguage, text: string, needle: string, ruleId = 'some-rule') =>
    applyEdits(text, [suppressionEdit(text, language, text.indexOf(needle), ruleId)]);

  const table: { language: HostLanguage; before: string; needle: string; after: string }[] = [
    { language: 'ossproc', before: 'image/a\nimage/b\n', needle: 'image/b', after: 'image/a\n# ossproc-disable-next-line some-rule\nimage/b\n' },
    { language: 'python', before: 'def f():\n    s = "image/x"\n', needle: 'image/x', after: 'def f():\n    # ossproc-disable-next-line some-rule\n    s = "image/x"\n' },
    { language: 'yaml', before: 'styles:\n  a: image/x\n', needle: 'image/x', after: 'styles:\n  # ossproc-disable-next-line some-rule\n  a: image/x\n' },
    { language: 'java', before: 'class A {\n\tString s = "image/x";\n}', needle: 'image/x', after: 'class A {\n\t// ossproc-disable-next-line some-rule\n\tString s = "image/x";\n}' },
    { language: 'go', before: 's := "image/x"', needle: 'image/x', after: '// ossproc-disable-next-line some-rule\ns := "image/x"' },
    { language: 'typescript', before: 'const s = `image/${x}`;\r\n', needle: 'image/', after: '// ossproc-disable-next-line some-rule\r\nconst s = `image/${x}`;\r\n' },
    { language: 'json', before: '{\n  "a": "image/x"\n}', needle: 'image/x', after: '{\n  // ossproc-disable-next-line some-rule\n  "a": "image/x"\n}' },
    { language: 'markdown', before: '# T\n![](a?x-oss-process=image/x)\n', needle: 'image/x', after: '# T\n<!-- ossproc-disable-next-line some-rule -->\n![](a?x-oss-process=image/x)\n' },
    { language: 'markdown', before: '```python\n  s = "image/x"\n```\n', needle: 'image/x', after: '```python\n  # ossproc-disable-next-line some-rule\n  s = "image/x"\n```\n' },
    { language: 'html', before: '<body>\n  <img src="a?x-oss-process=image/x">\n  <script>\n    f("image/y")\n  </script>\n', needle: 'image/y', after: '<body>\n  <img src="a?x-oss-process=image/x">\n  <script>\n    // ossproc-disable-next-line some-rule\n    f("image/y")\n  </script>\n' },
    { language: 'xml', before: '<S>\n  <Content>image/x</Content>\n</S>', needle: 'image/x', after: '<S>\n  <!-- ossproc-disable-next-line some-rule -->\n  <Content>image/x</Content>\n</S>' },
    { language: 'text', before: 'see a?x-oss-process=image/x', needle: 'image/x', after: '# ossproc-disable-next-line some-rule\nsee a?x-oss-process=image/x' },
    // an existing directive above gets the rule appended, before its reason and comment close
    { language: 'java', before: '  // ossproc-disable-next-line a -- why\n  s = "image/x";', needle: 'image/x', after: '  // ossproc-disable-next-line a, some-rule -- why\n  s = "image/x";' },
    { language: 'markdown', before: '<!-- ossproc-disable-next-line a -->\n![](a?x-oss-process=image/x)', needle: 'image/x', after: '<!-- ossproc-disable-next-line a, some-rule -->\n![](a?x-oss-process=image/x)' },
    { language: 'python', before: 'x = 1\n# ossproc-disable-next-line a,b\ns = "image/x"', needle: 'image/x', after: 'x = 1\n# ossproc-disable-next-line a,b, some-rule\ns = "image/x"' },
    // already covered: nothing to do
    { language: 'yaml', before: '# ossproc-disable-next-line some-rule\na: image/x', needle: 'image/x', after: '# ossproc-disable-next-line some-rule\na: image/x' },
    { language: 'yaml', before: '# ossproc-disable-next-line\na: image/x', needle: 'image/x', after: '# ossproc-disable-next-line\na: image/x' },
  ];
  for (const [i, c] of table.entries()) it(`${c.language} #${i}`, () => expect(fix(c.language, c.before, c.needle)).toBe(c.after));

  it('the inserted directive suppresses the diagnostic it was made for', () => {
    const before = 'class A {\n    String s = "image/x";\n}';
    const after = fix('java', before, 'image/x', 'r');
    const start = after.indexOf('image/x');
    const { kept, unused } = applyDirectives(after, [{ ruleId: 'r', range: { start, end: start + 7 } }], findDirectives(after, 'java'));
    expect(kept).toEqual([]);
    expect(unused).toEqual([]);
  });
});
