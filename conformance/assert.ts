/**
 * The conformance run's assertions: a small `expect(actual).toBe(expected)` of our own, so
 * the contracts ship in the package and run without a test framework. A failed assertion
 * throws an {@link AssertionFailure} whose message says what was expected and what came
 * back. Values in messages are shortened, and anything shaped like an OpsMerge API key
 * (`om_live_…`, `om_test_…`) is redacted, so no secret reaches a report.
 */

/** A failed assertion of a contract: `expected …, received …`. */
export class AssertionFailure extends Error {
  /** What the assertion wanted, as printed in the message. */
  readonly expected: string;
  /** What came back, as printed in the message. */
  readonly received: string;

  constructor(message: string, expected: string, received: string) {
    super(message);
    this.name = 'AssertionFailure';
    this.expected = expected;
    this.received = received;
  }
}

const KEY_SHAPE = /\bom_(live|test)_[A-Za-z0-9]{6,}/g;

/** Replaces every API-key-shaped string in `text` with `om_<env>_[redacted]`. */
export function redactKeys(text: string): string {
  return text.replace(KEY_SHAPE, (_match, env: string) => `om_${env}_[redacted]`);
}

const MAX_VALUE = 240;

/** A value as it appears in a message: JSON-like, shortened, keys redacted. */
export function formatValue(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'undefined';
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'function') text = `[function ${value.name || 'anonymous'}]`;
  else if (value instanceof Error) text = `${value.name}: ${value.message}`;
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? 'Invalid Date' : `Date(${value.toISOString()})`;
  else {
    try {
      text = JSON.stringify(value, (_k, v: unknown) => (v === undefined ? '[undefined]' : typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  text = redactKeys(text);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Deep structural equality: arrays item by item, plain objects key by key (undefined-valued keys count as absent). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = (o: Record<string, unknown>): string[] => Object.keys(o).filter((k) => o[k] !== undefined);
    const ka = keys(a);
    const kb = keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Whether `actual` contains `subset`: every key of a plain-object subset matches (recursively),
 * arrays match item by item with the same length, anything else by {@link deepEqual}.
 */
export function matchesSubset(actual: unknown, subset: unknown): boolean {
  if (isPlainObject(subset)) {
    if (actual === null || typeof actual !== 'object') return false;
    const record = actual as Record<string, unknown>;
    return Object.entries(subset).every(([k, v]) => (v === undefined ? record[k] === undefined : k in record && matchesSubset(record[k], v)));
  }
  if (Array.isArray(subset)) {
    return Array.isArray(actual) && actual.length === subset.length && subset.every((item, i) => matchesSubset(actual[i], item));
  }
  return deepEqual(actual, subset);
}

/** The keys of a subset whose values differ in `actual` (for a readable toMatchObject message). */
function differingKeys(actual: unknown, subset: Record<string, unknown>): string[] {
  const record = (actual !== null && typeof actual === 'object' ? actual : {}) as Record<string, unknown>;
  return Object.entries(subset)
    .filter(([k, v]) => !matchesSubset(record[k], v))
    .map(([k, v]) => `${k}: expected ${formatValue(v)}, received ${k in record ? formatValue(record[k]) : '(missing)'}`);
}

/** The checks available on a value; `not` negates the next one. */
export interface Assertion<T> {
  /** The same checks, negated. */
  readonly not: Assertion<T>;
  /** `Object.is` equality. */
  toBe(expected: unknown): void;
  /** Deep structural equality. */
  toEqual(expected: unknown): void;
  /** The value has (at least) these properties, compared recursively. */
  toMatchObject(expected: Record<string, unknown>): void;
  /** The value is `null`. */
  toBeNull(): void;
  /** The value is a number greater than `bound`. */
  toBeGreaterThan(bound: number): void;
  /** The value is a number greater than or equal to `bound`. */
  toBeGreaterThanOrEqual(bound: number): void;
  /** The value is a number less than or equal to `bound`. */
  toBeLessThanOrEqual(bound: number): void;
  /** The value is an instance of `type`. */
  toBeInstanceOf(type: abstract new (...args: never[]) => unknown): void;
  /** The value is a string matching `pattern` (a RegExp, or a substring). */
  toMatch(pattern: RegExp | string): void;
  /** An array containing `item` (by `Object.is` or deep equality), or a string containing it. */
  toContain(item: unknown): void;
  /** The value is an object with an own or inherited property `name`. */
  toHaveProperty(name: string): void;
}

function assertion<T>(actual: T, message: string | undefined, negated: boolean): Assertion<T> {
  const fail = (what: string, expected: string, received: string): never => {
    const lead = message ? `${message}: ` : '';
    throw new AssertionFailure(`${lead}expected ${what}`, expected, received);
  };
  const not = negated ? 'not ' : '';
  /** Checks `pass` (negated with `.not`); the message is built only on failure. */
  const check = (pass: boolean, describe: () => { what: string; expected: string; received: string }): void => {
    if (pass !== negated) return;
    const d = describe();
    fail(d.what, d.expected, d.received);
  };
  const number = (name: string, bound: number): number => {
    if (typeof actual !== 'number' || Number.isNaN(actual)) return fail(`a number ${name} ${bound}, received ${formatValue(actual)}`, `${name} ${bound}`, formatValue(actual));
    return actual;
  };
  const compare = (name: string, bound: number, pass: (n: number) => boolean): void => {
    const n = number(name, bound);
    check(pass(n), () => ({ what: `${formatValue(n)} ${not}to be ${name} ${bound}`, expected: `${not}${name} ${bound}`, received: formatValue(n) }));
  };

  return {
    get not() {
      return assertion(actual, message, !negated);
    },
    toBe(expected) {
      check(Object.is(actual, expected), () => ({
        what: negated ? `a value other than ${formatValue(expected)}` : `${formatValue(expected)}, received ${formatValue(actual)}`,
        expected: formatValue(expected),
        received: formatValue(actual),
      }));
    },
    toEqual(expected) {
      check(deepEqual(actual, expected), () => ({
        what: negated ? `a value other than ${formatValue(expected)}` : `${formatValue(expected)}, received ${formatValue(actual)}`,
        expected: formatValue(expected),
        received: formatValue(actual),
      }));
    },
    toMatchObject(expected) {
      check(matchesSubset(actual, expected), () => ({
        what: negated
          ? `${formatValue(actual)} not to match ${formatValue(expected)}`
          : `an object matching ${formatValue(expected)}; differs at ${differingKeys(actual, expected).join('; ') || '(not an object)'}`,
        expected: formatValue(expected),
        received: formatValue(actual),
      }));
    },
    toBeNull() {
      check(actual === null, () => ({ what: negated ? 'a value, received null' : `null, received ${formatValue(actual)}`, expected: `${not}null`, received: formatValue(actual) }));
    },
    toBeGreaterThan(bound) {
      compare('greater than', bound, (n) => n > bound);
    },
    toBeGreaterThanOrEqual(bound) {
      compare('at least', bound, (n) => n >= bound);
    },
    toBeLessThanOrEqual(bound) {
      compare('at most', bound, (n) => n <= bound);
    },
    toBeInstanceOf(type) {
      const name = type.name || 'the class';
      const got = actual !== null && typeof actual === 'object' ? (actual.constructor?.name ?? 'object') : formatValue(actual);
      check(actual instanceof type, () => ({ what: `${not}an instance of ${name}, received ${got}${actual instanceof Error ? ` (${formatValue(actual)})` : ''}`, expected: `${not}${name}`, received: got }));
    },
    toMatch(pattern) {
      if (typeof actual !== 'string') return fail(`a string ${not}matching ${String(pattern)}, received ${formatValue(actual)}`, String(pattern), formatValue(actual));
      const pass = typeof pattern === 'string' ? actual.includes(pattern) : pattern.test(actual);
      check(pass, () => ({ what: `${formatValue(actual)} ${not}to match ${String(pattern)}`, expected: `${not}${String(pattern)}`, received: formatValue(actual) }));
    },
    toContain(item) {
      let pass: boolean;
      if (typeof actual === 'string') pass = typeof item === 'string' && actual.includes(item);
      else if (Array.isArray(actual)) pass = actual.some((x) => Object.is(x, item) || deepEqual(x, item));
      else return fail(`an array or string containing ${formatValue(item)}, received ${formatValue(actual)}`, formatValue(item), formatValue(actual));
      check(pass, () => ({ what: `${formatValue(actual)} ${not}to contain ${formatValue(item)}`, expected: `${not}containing ${formatValue(item)}`, received: formatValue(actual) }));
    },
    toHaveProperty(name) {
      const pass = actual !== null && actual !== undefined && typeof actual === 'object' && name in actual;
      // Never print the property's value: it may be a secret (an API key's `key`).
      check(pass, () => ({ what: `${negated ? 'no' : 'a'} property "${name}"${negated ? ', but it is there' : `, received ${formatValue(actual)}`}`, expected: `${not}"${name}"`, received: negated ? `has "${name}"` : formatValue(actual) }));
    },
  };
}

/**
 * Starts an assertion on `actual`; `message` (optional) leads the failure message.
 *
 * @example
 * ```ts
 * import { expect } from './assert.js';
 * expect([1, 2], 'page sizes').toContain(2);
 * ```
 */
export function expect<T>(actual: T, message?: string): Assertion<T> {
  return assertion(actual, message, false);
}
