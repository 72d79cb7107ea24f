import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleExamples, DOC_FILES, runCommand, shellCommands, SKIP } from '../scripts/doc-examples';

/** Every command the README and docs/cli.md show, run; every output they show, compared. */
const root = join(import.meta.dirname, '..');
const docs = DOC_FILES.map((file) => ({ file, markdown: readFileSync(join(root, file), 'utf8') }));
const examples = docs.flatMap((d) => consoleExamples(d.file, d.markdown));
const commands = docs.flatMap((d) => shellCommands(d.markdown).map((command) => ({ file: d.file, command })));

describe('the docs show what the tool prints', () => {
  it('there are examples in both files', () => {
    for (const file of DOC_FILES) expect(examples.filter((e) => e.file === file).length, file).toBeGreaterThan(0);
  });

  it.each(examples.map((e) => [`${e.file}: ${e.command}`, e] as const))('%s (run `npx -y pnpm@12.4.2 docs:examples` to update)', (_name, e) => {
    expect(runCommand(root, e.command).output).toBe(e.output);
  });

  it.each(commands.filter((c) => !SKIP.some((s) => s.test(c.command))).map((c) => [`${c.file}: ${c.command}`, c] as const))('%s runs (exit 0 or 1)', (_name, c) => {
    const r = runCommand(root, c.command);
    expect([0, 1], r.output).toContain(r.code);
  });
});

describe("the README's first screen", () => {
  it('has exactly the two set-up commands, in its first block, near the top', () => {
    const readme = docs.find((d) => d.file === 'README.md')!.markdown;
    const open = readme.indexOf('```sh\n');
    const block = readme.slice(open, readme.indexOf('\n```', open + 6) + 4);
    expect(readme.slice(0, open).split('\n').length).toBeLessThan(12);
    expect(shellCommands(block)).toEqual([
      'npx -y pnpm@12.4.2 install --frozen-lockfile && npx -y pnpm@12.4.2 examples',
      'npx -y pnpm@12.4.2 install --frozen-lockfile && npx -y pnpm@12.4.2 test',
    ]);
  });
});

describe('the docs-examples reader', () => {
  it('splits a console block into commands and their outputs, with offsets', () => {
    const md = 'x\n```console\n$ echo a\na\n$ true\n```\n';
    const [a, b] = consoleExamples('f.md', md);
    expect(a).toMatchObject({ command: 'echo a', output: 'a\n' });
    expect(md.slice(a!.start, a!.end)).toBe('a\n');
    expect(b).toMatchObject({ command: 'true', output: '' });
    expect(shellCommands('```sh\n# c\nossproc lint x   # why\n\n```\n')).toEqual(['ossproc lint x']);
  });
});
