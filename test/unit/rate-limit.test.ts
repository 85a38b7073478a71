import { describe, expect, it } from 'vitest';
import { parseRateLimitHeaders } from '../../src/headers/rate-limit.js';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

describe('parseRateLimitHeaders', () => {
  it('reads the X-RateLimit headers, with the reset in epoch seconds', () => {
    const headers = new Headers({
      'X-RateLimit-Limit': '300',
      'X-RateLimit-Remaining': '287',
      'X-RateLimit-Reset': '1795689600',
    });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ limit: 300, remaining: 287, resetAt: 1_795_689_600_000 });
  });

  it('returns undefined when the response has no rate-limit fields', () => {
    expect(parseRateLimitHeaders(new Headers({ 'Content-Type': 'application/json' }), NOW)).toBeUndefined();
  });

  it('returns undefined when every rate-limit field is malformed', () => {
    const headers = new Headers({ 'X-RateLimit-Limit': 'many', RateLimit: '"permin";r=' });
    expect(parseRateLimitHeaders(headers, NOW)).toBeUndefined();
  });

  it.each([['abc'], ['-1'], ['1.5'], ['300, 300'], ['1e3'], ['']])('ignores X-RateLimit-Remaining: %j and keeps the other fields', (value) => {
    const headers = new Headers({ 'X-RateLimit-Limit': '300', 'X-RateLimit-Remaining': value });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ limit: 300 });
  });

  it('ignores a reset too far in the future to be a Date', () => {
    const headers = new Headers({ 'X-RateLimit-Remaining': '5', 'X-RateLimit-Reset': '999999999999999' });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ remaining: 5 });
  });

  it('reads the IETF draft RateLimit and RateLimit-Policy fields, t relative to now', () => {
    const headers = new Headers({ 'RateLimit-Policy': '"permin";q=50;w=60', RateLimit: '"permin";r=50;t=30' });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ limit: 50, remaining: 50, resetAt: NOW + 30_000, policy: 'permin' });
  });

  it('lets the X- headers win and the draft fields fill what they lack', () => {
    const headers = new Headers({
      'X-RateLimit-Limit': '300',
      'RateLimit-Policy': '"permin";q=50;w=60',
      RateLimit: '"permin";r=7;t=30',
    });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ limit: 300, remaining: 7, resetAt: NOW + 30_000, policy: 'permin' });
  });

  it('reports the policy with the fewest remaining requests when several apply', () => {
    const headers = new Headers({
      'RateLimit-Policy': '"burst";q=100;w=60, "daily";q=1000;w=86400',
      RateLimit: '"burst";r=80;t=10, "daily";r=3;t=3600',
    });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ limit: 1000, remaining: 3, resetAt: NOW + 3_600_000, policy: 'daily' });
  });

  it('reads RateLimit-Policy alone as the limit of its first policy', () => {
    const headers = new Headers({ 'RateLimit-Policy': '"permin";q=50;w=60, "daily";q=1000' });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ limit: 50, policy: 'permin' });
  });

  it('accepts token policy names from earlier drafts', () => {
    expect(parseRateLimitHeaders(new Headers({ RateLimit: 'permin;r=4;t=2' }), NOW)).toEqual({
      remaining: 4,
      resetAt: NOW + 2_000,
      policy: 'permin',
    });
  });

  it('unescapes quoted policy names', () => {
    expect(parseRateLimitHeaders(new Headers({ RateLimit: '"per \\"min\\"";r=1' }), NOW)?.policy).toBe('per "min"');
  });

  it('ignores unknown parameters and members of other shapes', () => {
    const headers = new Headers({ RateLimit: '("a" "b");x=1, :cHJldGVuZA==:, "permin";r=9;t=5;pk=:abc=:;flag' });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ remaining: 9, resetAt: NOW + 5_000, policy: 'permin' });
  });

  it.each([
    ['a decimal', '"permin";r=1.5;t=30'],
    ['a negative number', '"permin";r=-1;t=30'],
    ['a string', '"permin";r="5";t=30'],
    ['a boolean', '"permin";r;t=30'],
  ])('ignores an r parameter that is %s', (_, value) => {
    expect(parseRateLimitHeaders(new Headers({ RateLimit: value }), NOW)).toEqual({ resetAt: NOW + 30_000, policy: 'permin' });
  });

  it.each([
    ['a trailing comma', '"permin";r=5,'],
    ['an unterminated string', '"permin;r=5'],
    ['an upper-case parameter key', '"permin";R=5'],
    ['an integer of 16 digits', '"permin";r=1234567890123456'],
    ['garbage between members', '"permin";r=5 x'],
  ])('ignores the whole RateLimit field when it has %s (RFC 8941 §4.2)', (_, value) => {
    const headers = new Headers({ RateLimit: value, 'X-RateLimit-Limit': '300' });
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({ limit: 300 });
  });

  it('reads a zero remaining as 0, not as a missing value', () => {
    expect(parseRateLimitHeaders(new Headers({ 'X-RateLimit-Remaining': '0' }), NOW)).toEqual({ remaining: 0 });
    expect(parseRateLimitHeaders(new Headers({ RateLimit: '"p";r=-0' }), NOW)).toEqual({ remaining: 0, policy: 'p' });
  });
});
