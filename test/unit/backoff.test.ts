import { describe, expect, it } from 'vitest';
import { fullJitterDelay } from '../../src/internal/backoff.js';

describe('fullJitterDelay', () => {
  it('draws the first retry from [0, 500) ms by default', () => {
    expect(fullJitterDelay(1, 0)).toBe(0);
    expect(fullJitterDelay(1, 0.5)).toBe(250);
    expect(fullJitterDelay(1, 0.999_999)).toBe(499);
  });

  it('doubles the window on every retry', () => {
    expect([1, 2, 3, 4].map((retry) => fullJitterDelay(retry, 0.5))).toEqual([250, 500, 1000, 2000]);
  });

  it('stops growing at the 8 s cap', () => {
    expect(fullJitterDelay(5, 0.5)).toBe(4000);
    expect(fullJitterDelay(6, 0.5)).toBe(4000);
    expect(fullJitterDelay(50, 0.5)).toBe(4000);
  });

  it('stays at the cap for retries so large that 2^(n−1) overflows', () => {
    expect(fullJitterDelay(2000, 0.25)).toBe(2000);
  });

  it('honours a custom base and cap', () => {
    expect(fullJitterDelay(1, 0.5, { baseMs: 100 })).toBe(50);
    expect(fullJitterDelay(3, 0.5, { baseMs: 100, capMs: 300 })).toBe(150);
  });

  it('returns 0 when the window is empty', () => {
    expect(fullJitterDelay(3, 0.7, { capMs: 0 })).toBe(0);
  });

  it.each([
    ['a retry of 0', 0, 0.5, /retry must be an integer >= 1, got 0/],
    ['a fractional retry', 1.5, 0.5, /retry/],
    ['a random of 1', 1, 1, /random must be in \[0, 1\), got 1/],
    ['a negative random', 1, -0.1, /random/],
    ['a NaN random', 1, Number.NaN, /random/],
  ])('throws a RangeError for %s', (_, retry, random, message) => {
    expect(() => fullJitterDelay(retry, random)).toThrow(RangeError);
    expect(() => fullJitterDelay(retry, random)).toThrow(message);
  });

  it('throws a RangeError for a negative or infinite base or cap', () => {
    expect(() => fullJitterDelay(1, 0.5, { baseMs: -1 })).toThrow(/baseMs/);
    expect(() => fullJitterDelay(1, 0.5, { capMs: Number.POSITIVE_INFINITY })).toThrow(/capMs/);
  });
});
