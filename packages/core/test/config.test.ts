import { describe, expect, it } from 'vitest';
import { check, configErrorLine, parseConfig, RULES, severityOf } from '../src/index';

const errors = (text: string) => parseConfig(text).errors.map((e) => [e.message, text.slice(e.offset, e.offset + e.length)]);

describe('ossproc.config.json: one reader for the CLI and the server', () => {
  it('reads comments and trailing commas, severities as ESLint writes them', () => {
    const { config, errors: found } = parseConfig('{\n  // CI\n  "rules": { "syntax-error": 1, "unknown-value": "warn", "invalid-value": ["off"], "async-only": "2", },\n  "mode": "sync", /* x */\n}');
    expect(found).toEqual([]);
    expect(config.rules).toEqual({ 'syntax-error': 1, 'unknown-value': 'warn', 'invalid-value': 'off', 'async-only': 2 });
    expect(config.mode).toBe('sync');
  });

  it('every problem with its position; did you mean from the checker\'s suggester', () => {
    expect(errors('{"rules": {"unknown-vaule": "error", "syntax-error": "loud", "x": 1}, "mode": "fast", "ignores": [], "include": "src", "extends": "ossproc:stict"}')).toEqual([
      ["unknown rule 'unknown-vaule' in config file (did you mean 'unknown-value'?)", '"unknown-vaule"'],
      ['rule \'syntax-error\' has severity "loud"; use "off", "info", "warn" or "error" (or 0, 1, 2)', '"loud"'],
      ["unknown rule 'x' in config file", '"x"'],
      ['\'mode\' must be "auto", "sync" or "async"', '"fast"'],
      ["unknown key 'ignores' in config file (did you mean 'ignore'?); allowed: $schema, extends, rules, mode, sourceKey, ignore, include", '"ignores"'],
      ["'include' must be an array of strings (patterns)", '"src"'],
      ["unknown preset 'ossproc:stict' in 'extends' (did you mean 'ossproc:strict'?); use \"ossproc:recommended\" or \"ossproc:strict\"", '"ossproc:stict"'],
    ]);
    expect(errors('{"rules": {"syntax-error": ["warn", {}]}}')).toEqual([["rule 'syntax-error' takes no options; write its severity alone", '{}']]);
    expect(errors('[]')).toEqual([['a config file holds a JSON object', '[]']]);
    expect(errors('{"rules": {')[0]![0]).toBe("invalid JSON in config file: '}' expected");
  });

  it('one line per problem: path, line and column (a BOM is no column)', () => {
    const text = '\uFEFF{\n  "mode": "fast"\n}';
    expect(configErrorLine('/p/ossproc.config.json', text, parseConfig(text).errors[0]!)).toBe('/p/ossproc.config.json:2:11: \'mode\' must be "auto", "sync" or "async"');
    const first = '\uFEFF{"mode": 1}';
    expect(configErrorLine('c.json', first, parseConfig(first).errors[0]!)).toBe('c.json:1:10: \'mode\' must be "auto", "sync" or "async"');
  });

  it('extends: recommended is the defaults, strict every rule an error, the file\'s own rules on top', () => {
    expect(parseConfig('{"extends": "ossproc:recommended"}').config.rules).toEqual({});
    const strict = parseConfig('{"extends": ["ossproc:strict"], "rules": {"syntax-error": "warn"}}').config;
    expect(strict.extends).toEqual(['ossproc:strict']);
    expect(Object.keys(strict.rules).length).toBe(RULES.length);
    expect(strict.rules['syntax-error']).toBe('warn');
    const warning = RULES.find((r) => r.severity !== 'error')!;
    expect(severityOf(warning.id, strict.rules)).toBe('error');
    expect(severityOf(warning.id, {})).toBe(warning.severity);
    // strict makes every finding of the checker an error, including capped ones
    const s = 'video/convert,f_mp4,s_1920x1080|sys/saveas,o_b3V0Lm1wNA';
    expect(check(s).some((d) => d.severity !== 'error')).toBe(true);
    expect(check(s, { rules: strict.rules }).every((d) => d.severity === 'error' || d.ruleId === 'syntax-error')).toBe(true);
  });

  it('severities resolve in one place: words, numbers, defaults, unused directives off', () => {
    expect(severityOf('syntax-error', { 'syntax-error': 0 })).toBe('off');
    expect(severityOf('syntax-error', { 'syntax-error': 1 })).toBe('warning');
    expect(severityOf('syntax-error', { 'syntax-error': 'info' })).toBe('info');
    expect(severityOf('unused-disable-directive', {})).toBe('off');
    expect(severityOf('syntax-error', undefined)).toBe('error');
  });

  it('a 50 KB adversarial file is read in well under a second', () => {
    // the language server's old reader ran two backtracking regexes over this: 10 s
    const text = '{"rules":{"x":"' + '"\\'.repeat(25000);
    const started = performance.now();
    const r = parseConfig(text);
    expect(performance.now() - started).toBeLessThan(200);
    expect(r.errors.length).toBe(1);
  });
});
