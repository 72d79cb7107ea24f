import { Lexer } from 'chevrotain';
import { check, parse } from '@ossproc/core';
import { allTokens } from '../../packages/core/src/syntax/lexer';
import { processParser } from '../../packages/core/src/syntax/parser';
import { corpus, distinctCorpus } from './corpus';

/**
 * parse + check against two baselines measured in the same run on the same strings: a raw charCodeAt scan
 * (the floor of any work that reads every character) and Chevrotain's own lexer feeding our grammar.
 */
export function benchCore(n = 300_000) {
  const strings = corpus(n);
  const distinct = distinctCorpus(n);
  const chevrotainLexer = new Lexer(allTokens, { positionTracking: 'onlyOffset' });
  let sink = 0;
  const runs: Record<string, () => void> = {
    'raw charCodeAt scan': () => {
      for (const s of strings) for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); if (c === 44 || c === 47 || c === 124 || c === 95) sink++; }
    },
    'Chevrotain lex + parse': () => {
      for (const s of strings) {
        processParser.input = chevrotainLexer.tokenize(s).tokens;
        sink += processParser.process().stages.length;
      }
    },
    'ossproc parse': () => {
      for (const s of strings) sink += parse(s).tree.stages.length;
    },
    'ossproc parse + check': () => {
      for (const s of strings) sink += check(s).length;
    },
    'ossproc parse + check, all distinct': () => {
      for (const s of distinct) sink += check(s).length;
    },
  };
  const rates: Record<string, number> = {};
  for (const [name, run] of Object.entries(runs)) {
    run(); // warm up
    const times: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    rates[name] = n / (times[1]! / 1000);
  }
  if (sink < 0) console.log(sink);
  return { strings: n, rates };
}
