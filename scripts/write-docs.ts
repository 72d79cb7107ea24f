import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateDocs } from './docs';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
for (const file of generateDocs()) {
  const target = join(process.cwd(), file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.content);
}
console.log(`wrote ${generateDocs().length} pages under docs/ (${root === process.cwd() ? 'repo root' : process.cwd()})`);
