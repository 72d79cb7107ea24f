import { describe, expect, it } from 'vitest';
import { PROCESS_PRODUCTS, languageForFile, languageFromId, looksLikeProcessingString } from '../../src/embed/extract';
import { h } from './helpers';

describe('looksLikeProcessingString', () => {
  const yes = [
    'image/resize,w_100',
    'image/resize,m_lfit,w_100,h_100/format,webp',
    'video/convert,f_mp4|sys/saveas,o_b3V0',
    'x-oss-process=image/resize,w_1',
    'x-oss-async-process=video/convert,f_mp4',
    'style/thumb',
    'style/::h264-mp4-1080p',
    'doc/convert,target_png',
    'audio/convert,f_mp3',
    'sys/saveas,o_b3V0',
    'hls/sign',
    'image/,w_1', // an action missing: the checker says so
    'image/info',
    'x-oss-process=image/png', // a prefix says what the writer meant
    h('◊|sys/saveas,b_◊,o_◊'),
    h('◊/format,webp'),
    'video/snapshot', // a bare action
    h('image/◊,w_1'),
  ];
  const no = [
    '',
    'hello',
    'Image/resize,w_1', // case-sensitive
    'images/resize,w_1',
    '/image/resize,w_1',
    'image',
    'image/', // startsWith('image/')
    'image/png', // media types
    'image/png,image/jpeg',
    'video/mp4,video/webm',
    'image/svg+xml',
    'video/mp4',
    'audio/mpeg',
    'image/*',
    'image/x-icon',
    'image/logo.png', // paths
    'video/2024/intro.mp4',
    'style/main.css',
    h('◊'),
    h('◊,w_1'),
    'X-Oss-Process=image/resize',
    'image/ief', // a bare media type is no action of its product
    'video/ogv',
    'audio/mp4a-latm',
    h('◊/'), // path joins and formats: a hole, '/', and no action with parameters
    h('◊/latest/meta-data/ram/security-credentials/'),
    h('◊/◊ (◊/◊/◊;◊)'),
  ];
  for (const s of yes) it(`yes: ${JSON.stringify(s)}`, () => expect(looksLikeProcessingString(s)).toBe(true));
  for (const s of no) it(`no: ${JSON.stringify(s)}`, () => expect(looksLikeProcessingString(s)).toBe(false));
  it('lists the products', () => expect([...PROCESS_PRODUCTS]).toEqual(['image', 'video', 'audio', 'doc', 'style', 'sys', 'hls']));
});

describe('languageForFile', () => {
  const table: [string, string | undefined][] = [
    ['presets.ossproc', 'ossproc'],
    ['src/main/java/Demo.java', 'java'],
    ['demo.py', 'python'],
    ['main.go', 'go'],
    ['a.js', 'javascript'], ['a.mjs', 'javascript'], ['a.cjs', 'javascript'], ['a.jsx', 'javascript'],
    ['a.ts', 'typescript'], ['a.tsx', 'typescript'], ['a.mts', 'typescript'], ['a.cts', 'typescript'], ['types.d.ts', 'typescript'],
    ['a.json', 'json'], ['.vscode/settings.jsonc', 'json'],
    ['a.yaml', 'yaml'], ['A.YML', 'yaml'],
    ['README.md', 'markdown'], ['doc.markdown', 'markdown'],
    ['index.html', 'html'], ['index.htm', 'html'], ['App.vue', 'html'],
    ['styles.xml', 'xml'],
    ['notes.txt', 'text'],
    ['C:\\work\\demo.py', 'python'],
    ['Makefile', undefined], ['a.rs', undefined], ['.gitignore', undefined], ['', undefined],
  ];
  for (const [file, lang] of table) it(`${file || '(empty)'} → ${lang}`, () => expect(languageForFile(file)).toBe(lang));
});

describe('languageFromId', () => {
  const table: [string, string | undefined][] = [
    ['ossproc', 'ossproc'], ['java', 'java'], ['python', 'python'], ['go', 'go'],
    ['javascript', 'javascript'], ['javascriptreact', 'javascript'],
    ['typescript', 'typescript'], ['typescriptreact', 'typescript'],
    ['json', 'json'], ['jsonc', 'json'], ['yaml', 'yaml'], ['markdown', 'markdown'],
    ['html', 'html'], ['vue', 'html'], ['xml', 'xml'], ['plaintext', 'text'],
    ['rust', undefined], ['', undefined],
  ];
  for (const [id, lang] of table) it(`${id || '(empty)'} → ${lang}`, () => expect(languageFromId(id)).toBe(lang));
});
