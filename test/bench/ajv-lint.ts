import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ajvValidators, splitAjv } from './peers';

/**
 * The peer of `ossproc lint` on a large .ossproc file: a script a user might write with split + ajv, reading
 * the file line by line and printing how many lines fail. Bundled and run as a subprocess by the CLI bench.
 */
const validate = splitAjv(ajvValidators());
let failed = 0;
const lines = createInterface({ input: createReadStream(process.argv[2]!, { highWaterMark: 1 << 18 }), crlfDelay: Infinity });
lines.on('line', (line) => {
  const s = line.trim();
  if (s && !s.startsWith('#') && validate(s) > 0) failed++;
});
lines.on('close', () => process.stdout.write(`${failed}\n`));
