// The floor of `ossproc lint` on a .ossproc file: core's own work over the same lines, in one process and
// without the CLI. Two passes over the file: the first reads it in 256 KiB chunks, decodes and splits it with
// core's LineSplitter and classifyLine (what reading costs); the second does the same and calls core's
// checkRegion on every string (what reading and checking cost). The CLI's own overhead is its wall time less
// the second pass. Run by lint-bench.mjs as a subprocess on the built core (`node floor.mjs <file>`); prints
// {"readSeconds", "checkSeconds", "strings", "findings"}.
import { checkRegion, classifyLine, LineSplitter } from '@ossproc/core';
import { createReadStream } from 'node:fs';

async function pass(file, onString) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const splitter = new LineSplitter((text) => {
    const c = classifyLine(text);
    if (c.s !== c.e && !c.comment) onString(text.slice(c.s, c.e));
  });
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 18 })) splitter.push(decoder.decode(chunk, { stream: true }));
  splitter.push(decoder.decode());
  splitter.end();
}

const file = process.argv[2];
const options = { mode: 'auto', rules: {} };
let strings = 0;
let findings = 0;
let t = performance.now();
await pass(file, () => strings++);
const readSeconds = (performance.now() - t) / 1000;
t = performance.now();
await pass(file, (s) => {
  findings += checkRegion({ text: s }, options).length;
});
const checkSeconds = (performance.now() - t) / 1000 - readSeconds;
process.stdout.write(JSON.stringify({ readSeconds, checkSeconds, strings, findings }) + '\n');
