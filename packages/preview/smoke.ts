import { preview } from './src/index';
const [s, input, out] = process.argv.slice(2);
preview(s!, { input: input!, output: out, fast: true, onCommand: (c) => console.log(c) }).then((r) => { console.log(JSON.stringify({ ...r, image: undefined }, null, 1)); }, (e) => console.log('ERR', e.name, e.message));
