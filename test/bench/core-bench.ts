import { Lexer } from 'chevrotain';
import { check, parse } from '@ossproc/core';
import { allTokens } from '../../packages/core/src/syntax/lexer';
import { processParser } from '../../packages/core/src/syntax/parser';
import { corpus, distinctCorpus, workingSet, type CorpusKind } from './corpus';
import { ajvValidators, naiveSplit, splitAjv } from './peers';

/**
 * parse + check against baselines and peers measured in the same run on the same strings, interleaved (each
 * round runs every contender once, so a slow patch of the machine hits them all): a raw charCodeAt scan (the
 * floor of any work that reads every character), a naive split parser, split + ajv with schemas generated from
 * the catalog (what a user might write instead), and Chevrotain's own lexer feeding our grammar.
 */
export function benchCore(n = 50_000, rounds = 5) {
  const chevrotainLexer = new Lexer(allTokens, { positionTracking: 'onlyOffset' });
  const ajv = splitAjv(ajvValidators());
  let sink = 0;
  const contenders: Record<string, (s: string) => number> = {
    'raw charCodeAt scan': (s) => {
      let k = 0;
      for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); if (c === 44 || c === 47 || c === 124 || c === 95) k++; }
      return k;
    },
    'naive split': naiveSplit,
    'split + ajv': ajv,
    'Chevrotain lex + parse': (s) => {
      const parser = processParser();
      parser.input = chevrotainLexer.tokenize(s).tokens;
      return parser.process().stages.length;
    },
    'ossproc parse': (s) => parse(s).tree.stages.length,
    'ossproc check': (s) => check(s).length,
  };
  // distinct corpora are made anew for every round and kind (other numbers), so the memo never answers them
  const kinds: CorpusKind[] = ['video', 'image', 'mixed'];
  const repeated = corpus(n, 'mixed');
  // the clean nine in ten of a distinct corpus on their own, numbered after the others: what the fast path answers
  const CLEAN = 'mixed, distinct, clean only';
  // distinct by a generated name where a string has one, numbers elsewhere
  const NAMES = 'mixed, distinct by names';
  const corporaOf = (round: number): Record<string, string[]> => ({
    ...Object.fromEntries(kinds.map((kind, k) => [`${kind}, distinct`, distinctCorpus(n, kind, round * kinds.length + k)])),
    [NAMES]: distinctCorpus(n, 'mixed', round, 'names'),
    [CLEAN]: distinctCorpus(n, 'mixed', kinds.length * (rounds + 1) + round).filter((_, i) => i % 10 !== 9),
    'mixed, repeated': repeated,
  });
  const corpusNames = [...kinds.map((kind) => `${kind}, distinct`), NAMES, CLEAN, 'mixed, repeated'];
  // the memo's working set: the same 80,000 checks over 4,000 and over 8,000 distinct strings (ten rounds of each)
  const checks = 80_000;
  const sets = { 'check, working set 4,000': workingSet(checks, 4_000), 'check, working set 8,000': workingSet(checks, 8_000) };

  // strings per second, one figure a round
  const rates = new Map<string, number[]>();
  const time = (key: string, strings: string[], run: (s: string) => number) => {
    const t = performance.now();
    for (const s of strings) sink += run(s);
    const list = rates.get(key) ?? [];
    list.push(strings.length / ((performance.now() - t) / 1000));
    rates.set(key, list);
  };
  for (let r = 0; r <= rounds; r++) {
    for (const [corpusName, strings] of Object.entries(corporaOf(r))) {
      for (const [name, run] of Object.entries(contenders)) time(`${corpusName}\t${name}`, strings, run);
    }
    for (const [name, strings] of Object.entries(sets)) time(name, strings, contenders['ossproc check']!);
    if (r === 0) rates.clear(); // the first round warms up
  }
  const rate = (key: string) => {
    const list = [...rates.get(key)!].sort((a, b) => a - b);
    return list[list.length >> 1]!;
  };
  const table: Record<string, Record<string, number>> = {};
  for (const corpusName of corpusNames) {
    table[corpusName] = Object.fromEntries(Object.keys(contenders).map((name) => [name, rate(`${corpusName}\t${name}`)]));
  }
  const memo = Object.fromEntries(Object.keys(sets).map((name) => [name, rate(name)]));
  if (sink < 0) console.log(sink);
  return { strings: n, rounds, table, memo };
}
