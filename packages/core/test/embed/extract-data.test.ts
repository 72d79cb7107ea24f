import { describe, expect, it } from 'vitest';
import { extractRegions } from '../../src/embed/extract';
import { expectRegions, type Case } from './helpers';

describe('ossproc', () => {
  const cases: Case[] = [
    {
      name: 'one string per line, trimmed; comments and blank lines skipped',
      src: '# presets\n  «image/resize,w_100»  \n\n\t# «not» a region\n«video/convert,f_mp4»\r\n«whatever»',
      texts: ['image/resize,w_100', 'video/convert,f_mp4', 'whatever'],
    },
  ];
  // the marker inside the comment line is a trap: it must not be found
  it(cases[0]!.name, () => {
    const src = cases[0]!.src.replace('«not»', 'not');
    expectRegions('ossproc', { ...cases[0]!, src });
  });
  it('an empty document has no regions', () => expect(extractRegions('', 'ossproc')).toEqual([]));
});

describe('json', () => {
  const cases: Case[] = [
    {
      name: 'string values, not keys',
      src: '{"image/resize,w_1": "«image/resize,w_2»", "list": ["«video/convert,f_mp4»", 3, "hello"]}',
      texts: ['image/resize,w_2', 'video/convert,f_mp4'],
    },
    {
      name: 'escapes are decoded (\\/ and \\u)',
      src: String.raw`{"a": "«image\/resize,w_1»", "b": "«\u0069mage/crop,w_2»"}`,
      texts: ['image/resize,w_1', 'image/crop,w_2'],
    },
    {
      name: 'a URL: the percent-decoded parameter value',
      src: '{"url": "https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?v=1&x-oss-process=«image/resize%2Cw_100%7Csys/saveas»#top"}',
      texts: ['image/resize,w_100|sys/saveas'],
      modes: ['sync'],
    },
    {
      name: 'JSONC comments are not values',
      src: '{\n  // "image/resize,w_1"\n  /* "image/crop,w_1" */ "s": "«image/blur,r_1»" /* : */\n}',
      texts: ['image/blur,r_1'],
    },
    {
      name: 'a key is found past comments before its colon',
      src: '{"image/resize,w_1" /* c */ : 1, "k": "«image/resize,w_2»"}',
      texts: ['image/resize,w_2'],
    },
  ];
  for (const c of cases) it(c.name, () => expectRegions('json', c));

  it('maps \\/ to its escape', () => {
    const text = String.raw`{"a": "image\/resize,w_1"}`;
    const [r] = extractRegions(text, 'json');
    expect(r!.offsets[5]).toBe(text.indexOf('\\/'));
    expect(r!.offsets[6]).toBe(text.indexOf('\\/') + 2);
  });
});

describe('yaml', () => {
  const cases: Case[] = [
    {
      name: 'presets: plain, single- and double-quoted values, quoted keys',
      src: "styles:\n  thumb: «image/resize,w_100»\n  'q': \"«image/quality,q_90»\"\n  s: '«image/crop,w_1''»'\n",
      texts: ['image/resize,w_100', 'image/quality,q_90', "image/crop,w_1'"],
    },
    {
      name: 'sequences, nested sequences, mappings in sequences',
      src: 'list:\n  - «image/resize,w_1»\n  - - «image/resize,w_2»\n  - name: x\n    value: «image/resize,w_3»\n',
      texts: ['image/resize,w_1', 'image/resize,w_2', 'image/resize,w_3'],
    },
    {
      name: 'comments and keys are not values; # inside a value is not a comment',
      src: '# thumb: image/resize,w_1\nimage/crop,w_2: x\na: «image/resize,w_3» # image/x\nb: «image/resize,w_4#x»\n',
      texts: ['image/resize,w_3', 'image/resize,w_4#x'],
    },
    {
      name: 'anchors and tags before a value',
      src: 'a: &thumb «image/resize,w_1»\nb: !!str «image/resize,w_2»\nc: *thumb\n',
      texts: ['image/resize,w_1', 'image/resize,w_2'],
    },
    {
      name: 'flow collections split plain scalars at commas, as YAML does',
      src: 'a: [«image/resize», w_1, "«image/crop,w_2»"]\nb: {k: \'«image/blur,r_1»\', image/x: 1}\n',
      texts: ['image/resize', 'image/crop,w_2', 'image/blur,r_1'],
    },
    {
      name: 'block scalars: literal keeps line breaks, folded joins lines; the final break is dropped',
      src: 'a: |\n  «image/resize,w_1»\nb: >-\n  «image/resize,\n  w_2»\nc: x\n',
      texts: ['image/resize,w_1', 'image/resize, w_2'],
    },
    {
      name: 'a double-quoted scalar over lines folds into a space',
      src: 'a: "«image/resize,\n    w_1»"\n',
      texts: ['image/resize, w_1'],
    },
    {
      name: 'double-quoted escapes',
      src: String.raw`a: "«\x69mage/resize,w_\u0031»"`,
      texts: ['image/resize,w_1'],
    },
    {
      name: 'an unterminated quote ends at the line when the next line is not indented past its key',
      src: 'a: "«image/resize,w_1»\nb: «image/crop,w_2»\n',
      texts: ['image/resize,w_1', 'image/crop,w_2'],
    },
    {
      name: 'a URL value',
      src: 'img: https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=«image/resize,w_100»\n',
      texts: ['image/resize,w_100'],
      modes: ['sync'],
    },
    {
      name: 'documents and directives',
      src: '%YAML 1.2\n---\na: «image/resize,w_1»\n...\n--- «image/resize,w_2»\n',
      texts: ['image/resize,w_1', 'image/resize,w_2'],
    },
  ];
  for (const c of cases) it(c.name, () => expectRegions('yaml', c));
});

describe('markdown', () => {
  const cases: Case[] = [
    {
      name: 'image URLs: percent-decoded values',
      src: '![thumb](https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=«image/resize%2Cm_lfit%2Cw_100» "title")\n',
      texts: ['image/resize,m_lfit,w_100'],
      modes: ['sync'],
    },
    {
      name: 'inline code spans holding a processing string; other code is not',
      src: 'Use `«image/resize,w_100»` or `` «image/crop,w_1» ``, not `npm install` or `image/png`.\n',
      texts: ['image/resize,w_100', 'image/crop,w_1'],
    },
    {
      name: 'fenced code in a known language is scanned as that language',
      src: '```java\n// "image/x"\nString s = String.format("«%s|sys/saveas,o_%s»", a, b);\n```\n',
      texts: ['◊|sys/saveas,o_◊'],
    },
    {
      name: 'unnamed fenced code: lines that are processing strings, and request bodies',
      src: '```\n«video/convert,f_mp4»\nPOST /example.avi?x-oss-async-process HTTP/1.1\n«x-oss-async-process=video/convert,f_ts»\n```\n',
      texts: ['video/convert,f_mp4', 'x-oss-async-process=video/convert,f_ts'],
      modes: [undefined, undefined],
    },
    {
      name: 'HTML comments are not searched',
      src: '<!-- ![](a.jpg?x-oss-process=image/resize,w_1) `image/crop,w_1` -->\n<https://x/a.jpg?x-oss-process=«image/blur,r_3»>\n',
      texts: ['image/blur,r_3'],
    },
    {
      name: 'a bare URL in prose loses trailing sentence punctuation',
      src: 'See https://x/a.jpg?x-oss-process=«image/resize,w_2». Or https://x/b.jpg?a=1&x-oss-process=«image/resize,w_3»&b=2, ok\n',
      texts: ['image/resize,w_2', 'image/resize,w_3'],
    },
    {
      name: "a link whose text is the URL: the value ends at ']', and the destination is one of its own",
      src: 'See [https://e.com/a.png?x-oss-process=«image/format,jpg/interlace,1»](https://e.com/a.png?x-oss-process=«image/format,jpg/interlace,1»).\n',
      texts: ['image/format,jpg/interlace,1', 'image/format,jpg/interlace,1'],
    },
    {
      name: 'backslash escapes in prose read as the page renders them; in a code span they stay',
      src: 'Plain: https://e.com/a.png?x-oss-process=«image/blur,r\\_3,s\\_30» and `«image/resize,w\\_1»`\n',
      texts: ['image/blur,r_3,s_30', 'image/resize,w\\_1'],
    },
    {
      name: 'reference links and HTML in Markdown',
      src: '[1]: https://x/a.png?x-oss-process=«style/thumb»\n<img src="a.png?x-oss-process=«image/resize,w_1»">\n',
      texts: ['style/thumb', 'image/resize,w_1'],
    },
  ];
  for (const c of cases) it(c.name, () => expectRegions('markdown', c));

  it('maps an escaped character to its backslash', () => {
    const text = 'x https://e.com/a?x-oss-process=image/blur,r\\_3,s_3';
    const [r] = extractRegions(text, 'markdown');
    expect(r!.text).toBe('image/blur,r_3,s_3');
    expect(r!.offsets[12]).toBe(text.indexOf('\\_'));
    expect(r!.offsets[13]).toBe(text.indexOf('\\_') + 2);
  });

  it('maps percent-decoded characters to the %', () => {
    const text = '![](a.jpg?x-oss-process=image/resize%2Cw_1)';
    const [r] = extractRegions(text, 'markdown');
    const pct = text.indexOf('%2C');
    expect(r!.offsets[12]).toBe(pct);
    expect(r!.offsets[13]).toBe(pct + 3);
  });
});

describe('html', () => {
  const cases: Case[] = [
    {
      name: 'attributes; &amp; ends a value',
      src: '<img src="a.jpg?x-oss-process=«image/resize,w_1»&amp;v=2"><img src=\'b.jpg?x-oss-process=«image/crop,w_2»\'>',
      texts: ['image/resize,w_1', 'image/crop,w_2'],
    },
    {
      name: 'script elements are JavaScript / TypeScript',
      src: '<script>const s = "«image/resize,w_1»" // "image/x"\n</script><script setup lang="ts">const t = `«image/crop,w_${w}»`</script>',
      texts: ['image/resize,w_1', 'image/crop,w_◊'],
    },
    {
      name: 'comments are skipped',
      src: '<!-- <img src="a.jpg?x-oss-process=image/resize,w_1"> --><p>x-oss-process=«image/crop,w_2»</p>',
      texts: ['image/crop,w_2'],
    },
  ];
  for (const c of cases) it(c.name, () => expectRegions('html', c));
});

describe('xml', () => {
  const cases: Case[] = [
    {
      name: 'OSS style XML: Content, entities decoded',
      src: '<ListStyle><Style><Name>thumb</Name><Content>«image/resize,p_50/watermark,text_SGk&#x3D;»</Content></Style>\n<Style><Content>\n  «imag/resize»\n</Content></Style></ListStyle>',
      texts: ['image/resize,p_50/watermark,text_SGk=', 'imag/resize'],
    },
    {
      name: 'CDATA, comments, and Content elsewhere',
      src: '<!-- <Style><Content>image/x</Content></Style> --><Style><Content><![CDATA[«image/resize,w_1»]]></Content></Style><Doc><Content>hello</Content><Content>«image/crop,w_2»</Content></Doc>',
      texts: ['image/resize,w_1', 'image/crop,w_2'],
    },
    {
      name: 'URLs in XML text',
      src: '<Url>https://x/a.jpg?x-oss-process=«image/resize,w_1»</Url>',
      texts: ['image/resize,w_1'],
    },
  ];
  for (const c of cases) it(c.name, () => expectRegions('xml', c));
});

describe('text', () => {
  it('the seed request body: a bare x-oss-async-process parameter', () =>
    expectRegions('text', {
      name: 'seed',
      src: 'POST /example.avi?x-oss-async-process HTTP/1.1\nHost: video-demo.oss-cn-hangzhou.aliyuncs.com\n\nx-oss-async-process=«video/convert,f_mp4,vcodec_h265,s_1920x1080|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ»\n',
      texts: ['video/convert,f_mp4,vcodec_h265,s_1920x1080|sys/saveas,b_b3V0YnVja2V0,o_b3V0b2JqcHJlZml4LnthdXRvZXh0fQ'],
      modes: ['async'],
    }));
  it('a name glued to a word is not the parameter', () => {
    expect(extractRegions('my-x-oss-process=image/resize,w_1 X-Oss-Process=image/resize,w_1', 'text')).toEqual([]);
  });
  it('UTF-8 percent sequences decode to one character mapped to the first %', () => {
    const text = '?x-oss-process=image/watermark,text_%E4%B8%AD%ZZ';
    const [r] = extractRegions(text, 'text');
    expect(r!.text).toBe('image/watermark,text_中%ZZ');
    expect(r!.offsets[21]).toBe(text.indexOf('%E4'));
    expect(r!.offsets[22]).toBe(text.indexOf('%ZZ'));
  });
});
