import { describe, expect, it } from 'vitest';
import { extractRegions } from '../../src/embed/extract';
import { toHostRange } from '../../src/embed/region';
import { HOLE } from '../../src/text/hole';
import { expectRegions, marked, type Case } from './helpers';

const SEED_STYLE = 'video/convert,f_avi,vcodec_h265,s_1920x1080,vb_2000000,fps_30,acodec_aac,ab_100000,sn_1';

describe('java', () => {
  const cases: Case[] = [
    {
      name: 'seed: String.format without placeholders',
      src: `String style = String.format("«${SEED_STYLE}»");`,
      texts: [SEED_STYLE],
    },
    {
      name: 'seed: String.format placeholders are holes',
      src: 'String process = String.format("«%s|sys/saveas,b_%s,o_%s»", style, bucketEncoded, targetEncoded);',
      texts: ['◊|sys/saveas,b_◊,o_◊'],
    },
    {
      name: 'String.format with a Locale first',
      src: 'String.format(Locale.ROOT, "«image/resize,w_%d,h_%1$d»", w);',
      texts: ['image/resize,w_◊,h_◊'],
    },
    {
      name: '%% is a percent sign, %n and width/precision specs are holes',
      src: 'String.format("«image/watermark,text_%-10.3s,t_50%%»", t);',
      texts: ['image/watermark,text_◊,t_50%'],
    },
    {
      name: '.formatted() on the literal',
      src: 'var p = "«%s|sys/saveas,o_%s»".formatted(style, target);',
      texts: ['◊|sys/saveas,o_◊'],
    },
    {
      name: '%s outside a format call is literal text',
      src: 'String s = "«image/resize,w_%s»";',
      texts: ['image/resize,w_%s'],
    },
    {
      name: 'concatenation: literal parts joined, a variable is one hole',
      src: 'String s = "«image/resize," + w + "/format," + "png»";',
      texts: ['image/resize,◊/format,png'],
    },
    {
      name: 'concatenation over lines, with method calls as operands',
      src: 'String s = "«video/convert,f_mp4,"\n    + codec(a, "x")\n    + ",s_" + size.width() + "x" + size.height()»;',
      texts: ['video/convert,f_mp4,◊,s_◊x◊'],
    },
    {
      name: 'a leading variable becomes a hole',
      src: 'String p = «style + "|sys/saveas,o_" + target»;',
      texts: ['◊|sys/saveas,o_◊'],
    },
    {
      name: 'StringBuilder append chain',
      src: 'new StringBuilder("«video/convert,").append("f_mp4").append(",vcodec_").append(codec»).toString();',
      texts: ['video/convert,f_mp4,vcodec_◊'],
    },
    {
      name: 'comments, char literals and other strings are not regions',
      src: [
        '// String a = "image/resize,w_1";',
        '/* "image/crop,w_1" */ char q = \'"\'; String b = "«image/resize,w_2»";',
        'String mime = "image/png"; String path = "image/logo.png"; String hello = "hello";',
      ].join('\n'),
      texts: ['image/resize,w_2'],
    },
    {
      name: 'text block: indentation stripped',
      src: 'String tb = """\n    «image/resize,w_1\n    »""";',
      texts: ['image/resize,w_1\n'],
    },
    {
      name: 'a URL with x-oss-process: the parameter value, percent-decoded',
      src: 'String u = "https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=«image/resize%2Cw_100»&v=1";',
      texts: ['image/resize,w_100'],
      modes: ['sync'],
    },
    {
      name: 'an unterminated literal ends at the line end',
      src: 'String s = "«image/resize,w_»\nint x = 1;',
      texts: ['image/resize,w_'],
    },
  ];
  for (const c of cases) it(c.name, () => expectRegions('java', c));

  it('decodes \\u escapes, mapping each character to its escape', () => {
    const { text } = marked(String.raw`String a = "\u0069mage/resize,w_1";`);
    const [r] = extractRegions(text, 'java');
    expect(r!.text).toBe('image/resize,w_1');
    const esc = text.indexOf('\\u0069');
    expect(r!.offsets[0]).toBe(esc);
    expect(r!.offsets[1]).toBe(esc + 6);
    expect(r!.range).toEqual({ start: esc, end: text.indexOf('";') });
    // the escape is covered whole by the range of the character it stands for
    expect(text.slice(toHostRange(r!, { start: 0, end: 1 }).start, toHostRange(r!, { start: 0, end: 1 }).end)).toBe('\\u0069');
    expect(text.slice(toHostRange(r!, { start: 0, end: 5 }).start, toHostRange(r!, { start: 0, end: 5 }).end)).toBe('\\u0069mage');
  });

  it('maps a hole to its placeholder', () => {
    const text = 'String.format("%s|sys/saveas,o_%s", a, b)';
    const [r] = extractRegions(text, 'java');
    expect(r!.text[0]).toBe(HOLE);
    const hole = toHostRange(r!, { start: 0, end: 1 });
    expect(text.slice(hole.start, hole.end)).toBe('%s');
  });
});

describe('python', () => {
  const cases: Case[] = [
    {
      name: 'seed: style in single quotes',
      src: `    style = '«${SEED_STYLE}»'`,
      texts: [SEED_STYLE],
    },
    {
      name: 'seed: str.format fields are holes',
      src: [
        '    process = "«{0}|sys/saveas,o_{1}»".format(style,',
        "                                            oss2.compat.to_string(base64.urlsafe_b64encode(",
        "                                                oss2.compat.to_bytes(target_key))).replace('=', ''))",
      ].join('\n'),
      texts: ['◊|sys/saveas,o_◊'],
    },
    {
      name: '{} {name} {0[1]} {x!r:>10} are holes, {{ }} are braces',
      src: 'p = "«image/resize,w_{},h_{name}/x,{0[1]}{x!r:>10},o_{{b}}»".format(1, name=2)',
      texts: ['image/resize,w_◊,h_◊/x,◊◊,o_{b}'],
    },
    {
      name: 'f-string expressions are holes (nested quotes and braces)',
      src: 'f"«image/resize,w_{w},h_{d["h"]},x_{ {1: 2}[1] }/format,{{webp}}»"',
      texts: ['image/resize,w_◊,h_◊,x_◊/format,{webp}'],
    },
    {
      name: '% formatting',
      src: 'p = "«%s|sys/saveas,o_%(target)s,t_%d%%»" % (a, b)',
      texts: ['◊|sys/saveas,o_◊,t_◊%'],
    },
    {
      name: 'placeholders without a format call stay',
      src: 's = "«image/resize,w_{w}»"',
      texts: ['image/resize,w_{w}'],
    },
    {
      name: 'implicit concatenation in parentheses, then .format',
      src: 'p = ("«{0}|sys/saveas,"\n     "o_{1}»").format(a, b)',
      texts: ['◊|sys/saveas,o_◊'],
    },
    {
      name: '+ concatenation with a call',
      src: "s = '«image/resize,w_' + str(w) + ',h_' + str(h)»",
      texts: ['image/resize,w_◊,h_◊'],
    },
    {
      name: 'triple quotes, raw and bytes prefixes',
      src: "a = '''«image/resize,w_1»'''\nb = r\"«image/crop,w_2»\"\nc = b'«image/blur,r_3»'\nd = Rb\"«image/rotate,90»\"",
      texts: ['image/resize,w_1', 'image/crop,w_2', 'image/blur,r_3', 'image/rotate,90'],
    },
    {
      name: 'comments are not strings; # inside a string is not a comment',
      src: 'x = "#"  # s = "image/resize,w_1"\ny = \'«image/resize,w_2»\'  # "image/crop,w_3"',
      texts: ['image/resize,w_2'],
    },
    {
      name: 'adjacent literals on separate statements are not joined',
      src: 'a = "«image/resize,w_1»"\n"«image/crop,w_2»"',
      texts: ['image/resize,w_1', 'image/crop,w_2'],
    },
  ];
  for (const c of cases) it(c.name, () => expectRegions('python', c));

  it('decodes \\x escapes but not in raw strings', () => {
    const text = String.raw`a = "image/resize,w_\x31"` + '\n' + String.raw`b = r"image/resize,w_\x31"`;
    const [a, b] = extractRegions(text, 'python');
    expect(a!.text).toBe('image/resize,w_1');
    expect(a!.offsets[15]).toBe(text.indexOf('\\x31'));
    expect(a!.range.end).toBe(text.indexOf('"\nb'));
    expect(b!.text).toBe(String.raw`image/resize,w_\x31`);
  });
});

describe('go', () => {
  const cases: Case[] = [
    {
      name: 'seed: style',
      src: `\tstyle := "«${SEED_STYLE}»"`,
      texts: [SEED_STYLE],
    },
    {
      name: 'seed: fmt.Sprintf verbs are holes',
      src: '\tprocess := fmt.Sprintf("«%s|sys/saveas,b_%v,o_%v»", style, strings.TrimRight(base64.URLEncoding.EncodeToString([]byte(bucketName)), "="), x)',
      texts: ['◊|sys/saveas,b_◊,o_◊'],
    },
    {
      name: 'argument indexes and %% in Sprintf',
      src: 'fmt.Sprintf("«image/resize,w_%[1]d,h_%[1]d,p_%d%%»", w)',
      texts: ['image/resize,w_◊,h_◊,p_◊%'],
    },
    {
      name: '%v outside Sprintf is literal',
      src: 's := "«image/resize,w_%v»"',
      texts: ['image/resize,w_%v'],
    },
    {
      name: 'raw strings',
      src: 'raw := `«image/resize,w_1\\n»`',
      texts: ['image/resize,w_1\\n'],
    },
    {
      name: 'import paths, runes and comments are not regions',
      src: 'import (\n\t"image/color/palette"\n\t"fmt"\n)\nimport "video/x"\nvar q = \'"\' // "image/resize,w_1"\nvar s = "«image/crop,w_2»"',
      texts: ['image/crop,w_2'],
    },
    {
      name: '+ concatenation',
      src: 's := "«image/resize,w_" + strconv.Itoa(w)»',
      texts: ['image/resize,w_◊'],
    },
  ];
  for (const c of cases) it(c.name, () => expectRegions('go', c));
});

describe('javascript / typescript', () => {
  const cases: Case[] = [
    {
      name: 'template literal: each ${…} is one hole',
      src: 'const s = `«video/convert,ss_${start},t_${ms},f_${format}»`;',
      texts: ['video/convert,ss_◊,t_◊,f_◊'],
    },
    {
      name: 'template holes with nested braces, strings and templates',
      src: 'const s = `«image/resize,w_${ {a: 1}.a },h_${"}"},x_${`${y}`}»`;',
      texts: ['image/resize,w_◊,h_◊,x_◊'],
    },
    {
      name: 'a literal inside a template hole is a region of its own',
      src: 'const s = `size: ${size("«image/resize,w_1»")}`;',
      texts: ['image/resize,w_1'],
    },
    {
      name: 'a query value that is only a hole gives way to the literals inside it',
      src: "const s = `${thumb}?x-oss-process=${webp ? '«style/list.pc»' : '«image/resize,w_1/quality,q_90»'}`;",
      texts: ['style/list.pc', 'image/resize,w_1/quality,q_90'],
    },
    {
      name: 'a URL query after code: base + "/" + key + "?x-oss-process=…"',
      src: "const u = base + '/' + key + `?x-oss-process=«image/format,png/resize,m_${m},h_${h}»`;",
      texts: ['image/format,png/resize,m_◊,h_◊'],
    },
    {
      name: 'regex literals are not strings; division is not a regex',
      src: 'const re = /"image\\/resize"/g; const x = a / b, s = "«image/crop,w_1»"; // "image/x"',
      texts: ['image/crop,w_1'],
    },
    {
      name: 'concatenation',
      src: "const s = '«image/resize,w_' + size + ',h_' + size»;",
      texts: ['image/resize,w_◊,h_◊'],
    },
    {
      name: 'module specifiers and media types are not regions',
      src: "import a from 'image/x';\nconst b = require('video/y');\nexport * from 'audio/z';\nconst h = { 'Content-Type': 'image/jpeg', accept: 'image/*' };\nconst p = '«style/thumb»';",
      texts: ['style/thumb'],
    },
    {
      name: "SelectObject's x-oss-process values (csv/select, json/meta) are another API's",
      src: "const a = '/bucket/object?x-oss-process=csv%2Fmeta';\nconst b = `${host}/o?x-oss-process=json/select`;\nconst c = '/o?x-oss-process=«image/resize,w_1»';",
      texts: ['image/resize,w_1'],
    },
    {
      name: 'upload-form idioms are not regions',
      src: "if (file.type.startsWith('image/') || file.type === 'video/mp4') input.accept = 'image/png,image/jpeg';\nconst src = 'image/logo.png';\nconst s = '«image/resize,w_1»';",
      texts: ['image/resize,w_1'],
    },
    {
      name: 'URL in a JSX attribute',
      src: 'const el = <img src="https://a.oss-cn-hangzhou.aliyuncs.com/b.jpg?x-oss-process=«image/resize,w_100»" />;',
      texts: ['image/resize,w_100'],
      modes: ['sync'],
    },
    {
      name: 'x-oss-async-process value',
      src: "await post('/o.avi?x-oss-async-process=«video/convert,f_mp4|sys/saveas,o_b3V0»');",
      texts: ['video/convert,f_mp4|sys/saveas,o_b3V0'],
      modes: ['async'],
    },
    {
      name: 'a bare prefixed string keeps its prefix',
      src: "body = '«x-oss-async-process=video/convert,f_mp4»'",
      texts: ['x-oss-async-process=video/convert,f_mp4'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => expectRegions('typescript', c));
    it(`${c.name} (javascript)`, () => expectRegions('javascript', c));
  }

  it('decodes \\u{…} and \\x escapes', () => {
    const text = String.raw`const s = '\u{69}mage/resize,w_\x31';`;
    const [r] = extractRegions(text, 'javascript');
    expect(r!.text).toBe('image/resize,w_1');
    expect(r!.offsets.slice(0, 2)).toEqual([11, 17]);
    expect(r!.offsets[15]).toBe(text.indexOf('\\x31'));
    expect(r!.range).toEqual({ start: 11, end: text.length - 2 });
  });

  it('maps a template hole to its ${…}', () => {
    const text = 'const s = `image/resize,w_${width + 1}`;';
    const [r] = extractRegions(text, 'typescript');
    const hole = toHostRange(r!, { start: 15, end: 16 });
    expect(text.slice(hole.start, hole.end)).toBe('${width + 1}');
  });
});
