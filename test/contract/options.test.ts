/** The conformance run's command-line values: what parses, and a clear error for everything else. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHECK_NAMES } from '../../conformance/checks/names.js';
import { MAX_BUDGET_CASES, parseBudget, parseCheck, parseReportTarget, parseRequestTimeout, parseSeed } from '../../conformance/options.js';

describe('--budget', () => {
  it('takes a number of cases or a time in seconds or minutes', () => {
    expect(parseBudget('20')).toEqual({ kind: 'cases', cases: 20 });
    expect(parseBudget('90s')).toEqual({ kind: 'time', seconds: 90 });
    expect(parseBudget(' 5m ')).toEqual({ kind: 'time', seconds: 300 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_BUDGET_CASES }), (n) => {
        expect(parseBudget(String(n))).toEqual({ kind: 'cases', cases: n });
      }),
    );
  });

  it.each(['', '0', '-3', '2.5', '1e3', '10h', 'ten', '20 cases', '99999999', '0s', `${MAX_BUDGET_CASES + 1}`])('refuses %j, naming what it takes', (text) => {
    expect(() => parseBudget(text)).toThrow(/^--budget must be /);
  });
});

describe('--timeout', () => {
  it('takes seconds (the default unit), minutes or milliseconds, from 100 ms to 10 min', () => {
    expect([parseRequestTimeout('30'), parseRequestTimeout('30s'), parseRequestTimeout(' 2m '), parseRequestTimeout('500ms'), parseRequestTimeout('100MS')]).toEqual([30_000, 30_000, 120_000, 500, 100]);
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 600_000 }), (ms) => {
        expect(parseRequestTimeout(`${ms}ms`)).toBe(ms);
      }),
    );
  });

  it.each(['', 'soon', '-1s', '1.5s', '30 sec', '0', '99ms', '11m', '600001ms', '9999999'])('refuses %j, naming the option', (text) => {
    expect(() => parseRequestTimeout(text)).toThrow(/^--timeout must be /);
  });
});

describe('--seed', () => {
  it('takes a whole number from 0 to 2^31-1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n) => {
        expect(parseSeed(String(n))).toBe(n);
      }),
    );
  });

  it.each(['', '-1', '1.5', '0x10', '2147483648', 'abc', '1 2'])('refuses %j', (text) => {
    expect(() => parseSeed(text)).toThrow(/^--seed must be a whole number/);
  });
});

describe('--report and --check', () => {
  it('take junit:PATH and json:PATH, and a check by its name', () => {
    expect(parseReportTarget('junit:reports/c.xml')).toEqual({ format: 'junit', path: 'reports/c.xml' });
    expect(parseReportTarget('json:C:/out.json')).toEqual({ format: 'json', path: 'C:/out.json' });
    for (const name of CHECK_NAMES) expect(parseCheck(name)).toBe(name);
  });

  it.each(['junit', 'junit:', 'xml:out.xml', 'JSON:out.json', ':out.json', 'out.json'])('refuses the report %j', (text) => {
    expect(() => parseReportTarget(text)).toThrow(/^--report must be junit:PATH or json:PATH/);
  });

  it.each(['', 'not_a_check', 'Ignored_Auth', 'ignored_auth '])('refuses the check %j, listing the names', (text) => {
    expect(() => parseCheck(text)).toThrow(/^--check must name a check \(not_a_server_error, /);
  });
});
