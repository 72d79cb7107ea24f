/**
 * Host files written for the parity test: strings with holes (code joined into them), Markdown URLs,
 * Java text blocks, Python f-strings, suppression comments, and presets in JSON, YAML and OSS style XML.
 * Each holds findings both faces must report alike; `preset` marks the files whose findings come from a
 * preset's structure (style names, the `{styles: …}` shape).
 */
export interface Case {
  path: string;
  text: string;
  preset?: boolean;
}

export const GENERATED: Case[] = [
  {
    path: 'holes.js',
    text: [
      'const q = 128000, w = 1920, codec = "h265";',
      'const dup = "video/convert,f_mp4,acodec_aac,ab_100000,ab_" + q;',
      'const size = "video/convert,f_mp4,s_" + w + "x1080";',
      'const both = "video/convert,f_mp4,acodec_aac,aq_" + q + ",ab_100000";',
      'const tpl = `image/resize,w_${w},h_abc`;',
      'const parts = "image/resize," + "w_" + w + ",m_fixed,q_200";',
      'const codecs = "video/convert,f_mp4,vcodec_" + codec + ",fps_241";',
      'const url = "https://b.oss-cn-hangzhou.aliyuncs.com/a.mp4?x-oss-async-process=video/convert,f_mp4,vcodec_h265%7Csys/saveas,o_" + key;',
      'const fine = "image/resize,w_100"; // ossproc-disable-line',
      '// ossproc-disable-next-line value-out-of-range',
      'const hidden = "image/resize,w_0";',
      '',
    ].join('\n'),
  },
  {
    path: 'holes.ts',
    text: [
      'export function url(w: number, style: string): string {',
      '  const a = `video/convert,f_mp4,s_${w}x1080,fps_${w}`;',
      '  const b = `${style}|sys/saveas,o_${w}`;',
      '  const c = `video/convert,f_mkv,acodec_aac,aq_${w},ab_100000,ab_2`;',
      "  return 'image/resize,w_' + w + ',h_0' + a + b + c;",
      '}',
      '',
    ].join('\n'),
  },
  {
    path: 'urls.md',
    text: [
      '# Images',
      '',
      '![decoded once](https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize%252Cw_100)',
      '![escaped comma](https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize%2Cw_0)',
      '![bad byte](https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize,w_1%FF)',
      '![utf-8](https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/watermark,text_%E4%B8%AD)',
      '<https://b.oss-cn-hangzhou.aliyuncs.com/a.mp4?x-oss-async-process=video/convert,f_mp4,fps_241>',
      'Send `video/convert,f_mp5` or `image/resize,w_100` in a code span.',
      '',
      '<!-- ossproc-disable-next-line -->',
      '![hidden](https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize,w_0)',
      '',
      '```python',
      'url = f"image/resize,w_{w},h_0"  # a fenced block is scanned as Python',
      '```',
      '',
      '```js',
      'const s = "video/convert,f_mp4,s_" + w + "x1080,fps_300";',
      '```',
      '',
    ].join('\n'),
  },
  {
    path: 'Blocks.java',
    text: [
      'class Blocks {',
      '  String a = """',
      '      video/convert,f_mp4,vcodec_h265,\\',
      '      s_1920x1080,fps_241""";',
      '  String b = String.format("image/resize,w_%d,h_0", 100);',
      '  String c = "video/convert,f_mp4," + "acodec_aac,aq_" + q + ",ab_100000";',
      '  String d = "image/resize,w_\\u0030";',
      '  String e = new StringBuilder("image/resize,").append("w_").append(w).append(",q_200").toString();',
      '}',
      '',
    ].join('\n'),
  },
  {
    path: 'fstrings.py',
    text: [
      'w = 100',
      'a = f"image/resize,w_{w},h_0"',
      'b = "image/resize,w_%d,m_fix" % w',
      'c = "video/convert,f_mp4,s_{}x1080,fps_241".format(w)',
      'd = ("video/convert,f_mp4,"',
      '     "acodec_aac,ab_100000,ab_" f"{w}")',
      "e = rb'image/resize,w_0'",
      'f = "image/resize,w_0"  # ossproc-disable-line value-out-of-range',
      '',
    ].join('\n'),
  },
  {
    path: 'main.go',
    text: [
      'package main',
      '',
      'import "fmt"',
      '',
      'func main() {',
      '\ta := fmt.Sprintf("video/convert,f_mp4,s_%dx1080,fps_241", 1920)',
      '\tb := `image/resize,w_0`',
      '\tfmt.Println(a, b, "image/resize,w_" + w + ",h_0")',
      '}',
      '',
    ].join('\n'),
  },
  {
    path: 'page.html',
    text: [
      '<img src="https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize,w_0&amp;v=1">',
      '<script>',
      '  const s = "image/resize,w_" + w + ",q_200";',
      '</script>',
      '',
    ].join('\n'),
  },
  {
    path: 'lines.ossproc',
    text: [
      '# ossproc-disable-next-line value-out-of-range',
      'image/resize,w_0',
      '  image/resize%2Cw_abc  ',
      'image/resize,w_1%FF',
      'x-oss-process=image/resize,w_100',
      'video/convert,f_mp4,acodec_aac,aq_50,ab_100000 # not a comment',
      '# ossproc-disable-line',
      'image/resize,w_0 ',
      '\timage/crop,x_1,y_1,w_0',
      '',
      'video/convert,f_mp5,vcodec_h265\r',
      'image/resize,w_100,w_200',
    ].join('\n'),
  },
  {
    path: 'urls.json',
    text: '{\n  "thumb": "https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize%252Cw_100",\n  "video": "video/convert,f_mp4,fps_241",\n  "escaped": "image/resize,w_\\u0030"\n}\n',
  },
  {
    path: 'urls.yaml',
    text: 'thumb: https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize,w_0\nvideo: "video/convert,f_mp4,\\\n  fps_241"\nfolded: >-\n  image/resize,\n  w_0\n',
  },
  { path: 'presets.json', preset: true, text: '{ "styles": { "bad name!": "image/resize,w_100", "thumb": "w_100,h_1" } }\n' },
  { path: 'presets.yaml', preset: true, text: 'styles:\n  "bad name!": image/resize,w_100\n  thumb: w_100,h_1\n' },
  {
    path: 'styles.xml',
    preset: true,
    text: [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ListStyleResult>',
      '  <StyleList>',
      '    <Style><Name>bad name!</Name><Content>image/resize,w_100</Content></Style>',
      '    <Style><Name>thumb</Name><Content>w_100,h_1</Content></Style>',
      '  </StyleList>',
      '</ListStyleResult>',
      '',
    ].join('\n'),
  },
];
