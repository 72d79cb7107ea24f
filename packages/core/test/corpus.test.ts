import { describe, expect, it } from 'vitest';
import { check } from '../src/index';
import corpus from './fixtures/corpus.json';
import docExamples from './fixtures/doc-examples.json';

interface Entry {
  text: string;
  verdict: 'valid' | 'tolerated' | 'invalid';
  rule?: string;
  why: string;
  source: string;
}

/** Errors and the rules reported, for a readable failure. */
function summary(text: string): string {
  return JSON.stringify(check(text).map((d) => [d.ruleId, d.severity, d.message]));
}

describe('real strings from public code, judged by the documentation (fixtures/corpus.json)', () => {
  const entries = corpus.strings as Entry[];
  it('holds a breadth of strings', () => {
    expect(entries.length).toBeGreaterThanOrEqual(80);
    expect(new Set(entries.map((e) => e.text)).size).toBe(entries.length);
  });
  it.each(entries.filter((e) => e.verdict === 'valid').map((e) => [e.text, e] as const))('valid: %s', (text) => {
    expect(check(text).filter((d) => d.severity === 'error'), summary(text)).toEqual([]);
  });
  it.each(entries.filter((e) => e.verdict === 'tolerated').map((e) => [e.text, e] as const))('tolerated (a warning): %s', (text, e) => {
    const found = check(text);
    expect(found.filter((d) => d.severity === 'error'), summary(text)).toEqual([]);
    expect(found.some((d) => d.ruleId === e.rule && d.severity === 'warning'), summary(text)).toBe(true);
  });
  it.each(entries.filter((e) => e.verdict === 'invalid').map((e) => [e.text, e] as const))('invalid: %s', (text, e) => {
    expect(check(text).some((d) => d.ruleId === e.rule && d.severity === 'error'), `${e.why}\n${summary(text)}`).toBe(true);
  });
});

describe('example strings of the official documentation (fixtures/doc-examples.json)', () => {
  it.each(docExamples.strings.map((e) => [e.text, e.source] as const))('%s (%s) checks without errors', (text) => {
    expect(check(text).filter((d) => d.severity === 'error'), summary(text)).toEqual([]);
  });
});
