/**
 * The conformance run's own assertions (conformance/assert.ts): they pass and fail like
 * vitest's matchers the contracts were written with, say what was expected and what came
 * back, and never print an API key.
 */
import { describe, expect, it } from 'vitest';
import { AssertionFailure, deepEqual, expect as check, matchesSubset, redactKeys } from '../../conformance/assert.js';

class ConflictError extends Error {}
class NotFoundError extends Error {}

/** The AssertionFailure `fn` throws (fails when it throws nothing, or something else). */
function failureOf(fn: () => void): AssertionFailure {
  try {
    fn();
  } catch (error) {
    if (error instanceof AssertionFailure) return error;
    throw error;
  }
  throw new Error('expected an AssertionFailure, but the assertion passed');
}

describe('the conformance assertions', () => {
  it('toBe, toEqual and toMatchObject pass on a match and name expected and received on a mismatch', () => {
    check(3).toBe(3);
    check({ a: [1, { b: 2 }], c: undefined }).toEqual({ a: [1, { b: 2 }] });
    check({ id: 'x', status: 'open', extra: 1 }).toMatchObject({ id: 'x', status: 'open' });
    expect(failureOf(() => check('open').toBe('closed')).message).toBe('expected "closed", received "open"');
    expect(failureOf(() => check([1, 2]).toEqual([2, 1])).message).toBe('expected [2,1], received [1,2]');
    const mismatch = failureOf(() => check({ id: 'x', status: 'open' }).toMatchObject({ id: 'x', status: 'resolved', number: 4 }));
    expect(mismatch.message).toBe('expected an object matching {"id":"x","status":"resolved","number":4}; differs at status: expected "resolved", received "open"; number: expected 4, received (missing)');
    expect(mismatch.received).toBe('{"id":"x","status":"open"}');
  });

  it('negates with .not, and leads with the message given', () => {
    check(null).toBeNull();
    check('x').not.toBeNull();
    check({ a: 1 }).not.toHaveProperty('key');
    expect(failureOf(() => check(null).not.toBeNull()).message).toBe('expected a value, received null');
    expect(failureOf(() => check(['a', 'b'], 'items that do not match status=open').toEqual([])).message).toBe('items that do not match status=open: expected [], received ["a","b"]');
    expect(failureOf(() => check(2).not.toBe(2)).message).toBe('expected a value other than 2');
  });

  it('compares numbers, matches strings, finds items and checks classes', () => {
    check(5).toBeGreaterThan(4);
    check(5).toBeGreaterThanOrEqual(5);
    check(5).toBeLessThanOrEqual(5);
    check('inc_01').toMatch(/^inc_/);
    check(['a', { b: 1 }]).toContain({ b: 1 });
    check(['a']).not.toContain('b');
    check('psa_tickets:read missing').toContain('psa_tickets:read');
    check(new ConflictError('x')).toBeInstanceOf(ConflictError);
    check(new ConflictError('x')).toBeInstanceOf(Error);
    expect(failureOf(() => check(101).toBeLessThanOrEqual(100)).message).toBe('expected 101 to be at most 100');
    expect(failureOf(() => check('x').toBeGreaterThan(1)).message).toBe('expected a number greater than 1, received "x"');
    expect(failureOf(() => check(null).toMatch(/^inc_/)).message).toBe('expected a string matching /^inc_/, received null');
    expect(failureOf(() => check([1, 2]).toContain(3)).message).toBe('expected [1,2] to contain 3');
    expect(failureOf(() => check(new Error('boom')).toBeInstanceOf(NotFoundError)).message).toBe('expected an instance of NotFoundError, received Error (Error: boom)');
  });

  it('never prints an API key: key-shaped strings are redacted, and toHaveProperty never prints the value', () => {
    const key = 'om_live_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a';
    const a = failureOf(() => check(key).toBe('om_live_other'));
    expect(a.message).not.toContain(key);
    expect(a.message).toContain('om_live_[redacted]');
    const b = failureOf(() => check({ id: 'key_1', key }).not.toHaveProperty('key'));
    expect(b.message).toBe('expected no property "key", but it is there');
    expect(JSON.stringify(b)).not.toContain(key);
    const c = failureOf(() => check({ secret: key }).toMatchObject({ secret: 'om_test_abcdefgh' }));
    expect(c.message + c.expected + c.received).not.toContain(key);
    expect(redactKeys(`Bearer ${key}.`)).toBe('Bearer om_live_[redacted].');
  });

  it('shortens long values', () => {
    const long = 'x'.repeat(1000);
    const failure = failureOf(() => check(long).toBe('y'));
    expect(failure.message.length).toBeLessThan(300);
    expect(failure.received.endsWith('…')).toBe(true);
  });

  it('deepEqual and matchesSubset follow vitest: arrays by length and order, subsets recursively', () => {
    expect(deepEqual([1, [2]], [1, [2]])).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqual(new Date(0), new Date(0))).toBe(true);
    expect(matchesSubset({ a: { b: 1, c: 2 } }, { a: { b: 1 } })).toBe(true);
    expect(matchesSubset({ a: [1, 2] }, { a: [1] })).toBe(false);
    expect(matchesSubset({ a: null }, { a: null })).toBe(true);
    expect(matchesSubset(null, { a: 1 })).toBe(false);
  });
});
