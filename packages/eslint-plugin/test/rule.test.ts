import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter, RuleTester } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin, { clearConfigCache } from '../src/index';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const rule = plugin.rules['processing-string'];
const js = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });
const ts = new RuleTester({ languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' } });

describe('ossproc/processing-string in JavaScript', () => {
  js.run('processing-string', rule, {
    valid: [
      "const p = 'video/convert,f_mp4,vcodec_h264,fps_30|sys/saveas,o_b3V0Lm1wNA';",
      "const s = 'image/resize,w_100/quality,q_90';",
      // not processing strings at all
      "const a = 'hello, world'; const b = `total: ${n}`; import x from 'image/resize,w_100';",
      // an object key is not a value
      "const o = { 'image/resize,w_0': 1 };",
      // a hole stands for what the program writes: no judgement of it
      'const p = `video/convert,f_mp4,vcodec_${codec},fps_30`;',
      "const p = 'video/convert,f_mp4,vcodec_' + codec + ',fps_30';",
      // an ali-oss call with a good string
      "client.signatureUrl('a.jpg', { process: 'image/resize,w_100' });",
      // ossproc's own suppression comment
      "// ossproc-disable-next-line value-out-of-range\nconst p = 'video/convert,f_mp4,vcodec_h264,fps_241';",
      // the rule's options turn an ossproc rule off
      { code: "const p = 'video/convert,f_mp4,vcodec_h264,fps_241';", options: [{ rules: { 'value-out-of-range': 'off' } }] },
    ],
    invalid: [
      {
        // a URL's x-oss-process value is percent-decoded once, as the CLI and the editor decode it: %252C
        // reaches the service as %2C, which is part of the width, not a comma
        code: 'const u = "https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize,w_100%252Ch_100";',
        errors: [{ message: 'w_100%2Ch_100: w must be an integer (between 1 and 16384) (invalid-value)', line: 1, column: 84, endColumn: 99 }],
      },
      {
        code: "const p = 'video/convert,f_mp4,vcodec_h264,fps_241';",
        errors: [
          {
            message: 'fps_241: fps must be between 0 and 240 (value-out-of-range)',
            line: 1,
            column: 44,
            endLine: 1,
            endColumn: 51,
            suggestions: [{ desc: "Change to 'fps_240'", output: "const p = 'video/convert,f_mp4,vcodec_h264,fps_240';" }],
          },
        ],
      },
      {
        // a certain fix is ESLint's fix; the other way out a suggestion
        code: "const p = 'video/covert,f_mp4';",
        output: "const p = 'video/convert,f_mp4';",
        errors: [
          {
            messageId: 'unknown-action',
            line: 1,
            column: 18,
            endColumn: 24,
          },
        ],
      },
      {
        // an escape is covered whole, and the fix keeps the rest of the literal as written
        code: 'const p = "video/convert,f_mp\\u0034,vcodex_h264";',
        output: 'const p = "video/convert,f_mp\\u0034,vcodec_h264";',
        errors: [{ message: "Unknown parameter 'vcodex' for video/convert: did you mean 'vcodec'? (unknown-parameter)", column: 37, endColumn: 43, suggestions: [{ desc: "Remove 'vcodex_h264'", output: 'const p = "video/convert,f_mp\\u0034";' }] }],
      },
      {
        // a template literal with holes: findings beside the hole are kept, with their ranges in the file
        code: 'const p = `video/convert,f_${fmt},vcodec_h264,fps_241`;',
        errors: [{ messageId: 'value-out-of-range', column: 47, endColumn: 54, suggestions: [{ desc: "Change to 'fps_240'", output: 'const p = `video/convert,f_${fmt},vcodec_h264,fps_240`;' }] }],
      },
      {
        // a `+` chain is one string
        code: "const p = 'video/convert,f_mp4,' + 'vcodec_h264,fps_241';",
        errors: [{ messageId: 'value-out-of-range', line: 1, column: 49, endColumn: 56, suggestions: [{ desc: "Change to 'fps_240'", output: "const p = 'video/convert,f_mp4,' + 'vcodec_h264,fps_240';" }] }],
      },
      {
        // a URL's x-oss-process= value
        code: "const u = 'https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize,w_100/quality,q_101';",
        errors: [{ message: 'q_101: q must be between 1 and 100 (value-out-of-range)', column: 98, endColumn: 103, suggestions: [{ desc: "Change to 'q_100'", output: "const u = 'https://b.oss-cn-hangzhou.aliyuncs.com/a.jpg?x-oss-process=image/resize,w_100/quality,q_100';" }] }],
      },
      {
        // ali-oss: the process argument is checked even when it does not read as a processing string
        code: "client.processObjectSave('in.jpg', 'out.jpg', 'resize,w_100');",
        output: "client.processObjectSave('in.jpg', 'out.jpg', 'image/resize,w_100');",
        errors: [{ message: "'resize' needs its product: write image/resize (unknown-product)", line: 1, column: 48, endColumn: 54 }],
      },
      {
        code: "const url = client.signatureUrl('a.jpg', { expires: 60, process: 'resize,w_100' });",
        output: "const url = client.signatureUrl('a.jpg', { expires: 60, process: 'image/resize,w_100' });",
        errors: [{ messageId: 'unknown-product', column: 67, endColumn: 73 }],
      },
      {
        code: "await client.get('a.jpg', './a.jpg', { process: `image/rotate,400` });",
        errors: [{ message: '400: the angle of rotate must be between 0 and 360 (value-out-of-range)', column: 63, endColumn: 66, suggestions: [{ desc: "Change to '360'", output: "await client.get('a.jpg', './a.jpg', { process: `image/rotate,360` });" }] }],
      },
      {
        // these calls send x-oss-process: an asynchronous-only action is wrong there
        code: "client.signatureUrl('a.mp4', { process: 'video/convert,f_mp4,vcodec_h264' });",
        errors: [{ messageId: 'async-only' }],
      },
    ],
  });
});

describe('ossproc/processing-string with @typescript-eslint/parser', () => {
  ts.run('processing-string', rule, {
    valid: [
      "type Style = 'image/resize,w_0'; const s: string = 'image/resize,w_100';",
      'enum E { A = 1 } const p = `image/resize,w_${E.A}`;',
    ],
    invalid: [
      {
        code: "const p: string = 'video/convert,f_mp4,vcodec_h264,fps_241' as const;",
        errors: [{ messageId: 'value-out-of-range', line: 1, column: 52, endColumn: 59, suggestions: [{ desc: "Change to 'fps_240'", output: "const p: string = 'video/convert,f_mp4,vcodec_h264,fps_240' as const;" }] }],
      },
      {
        code: "import OSS from 'ali-oss';\nconst client = new OSS({ bucket: 'b' });\nexport const url = (name: string): string => client.signatureUrl(name, { process: 'image/resize,w_100,m_fil' });",
        errors: [{ messageId: 'unknown-value', line: 3, column: 103, endColumn: 108, suggestions: [{ desc: "Replace with 'fill'", output: "import OSS from 'ali-oss';\nconst client = new OSS({ bucket: 'b' });\nexport const url = (name: string): string => client.signatureUrl(name, { process: 'image/resize,w_100,m_fill' });" }] }],
      },
    ],
  });
});

describe('severities from ossproc.config.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ossproc-eslint-config-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'ossproc.config.json'), '{\n  // as the CLI reads it\n  "rules": { "value-out-of-range": "off" },\n}\n');
  afterAll(() => clearConfigCache());

  it('drops a rule the project turned off, and keeps the others', () => {
    const linter = new Linter({ cwd: dir });
    const config = [{ files: ['**/*.js'], ...plugin.configs.recommended }];
    const code = "const a = 'video/convert,f_mp4,vcodec_h264,fps_241'; const b = 'video/convert,f_mp5';";
    const inProject = linter.verify(code, config, { filename: join(dir, 'src/a.js') });
    expect(inProject.map((m) => m.messageId ?? m.message)).toEqual(['unknown-value']);
    const elsewhere = mkdtempSync(join(tmpdir(), 'ossproc-eslint-none-'));
    const outside = new Linter({ cwd: elsewhere }).verify(code, config, { filename: join(elsewhere, 'a.js') });
    expect(outside.map((m) => m.messageId ?? m.message)).toEqual(['value-out-of-range', 'unknown-value']);
  });
});
