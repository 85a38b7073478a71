/**
 * The option checks: small functions, each taking a value and the option's name and throwing
 * a {@link ConfigurationError} that names the option, what it expects and what it got. Every
 * option of the SDK goes through them — the client's, a call's, a list walk's, the OAuth
 * helpers', the retry budget's — so a wrong option reads the same wherever it is caught.
 *
 * Messages describe a wrong value by its type (`got a string`) and show it only where it
 * cannot be a secret: numbers, booleans, and short strings given where a keyword belongs
 * (`allowInsecureHttp must be true or false, got the string "false"`).
 *
 * @internal
 * @packageDocumentation
 */
import { ConfigurationError } from '../errors/usage.js';

/** Checks one option's value; throws a `ConfigurationError` naming `option` when it is wrong. */
export type Check = (value: unknown, option: string) => void;

/** The longest delay a timer can hold (2^31 − 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Longest string shown in a message, and only where a keyword was expected. */
const SHOWN_TEXT = 24;

/**
 * A value as a message shows it: numbers, booleans, null and undefined as they are; other
 * values by their type (`a string`, `an array`, `a Promise`), never by their content, except a
 * short string when `showText` is set (where a keyword such as `'pace'` was expected).
 */
export function describeValue(value: unknown, showText = false): string {
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `the bigint ${String(value)}n`;
    case 'string':
      if (value === '') return 'an empty string';
      return showText && value.length <= SHOWN_TEXT ? `the string ${JSON.stringify(value)}` : 'a string';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof (value as { then?: unknown }).then === 'function') return 'a Promise (a missing await?)';
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  if (typeof name !== 'string' || name === '' || name === 'Object') return 'an object';
  return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
}

/** Throws the `ConfigurationError` of an option that is not what it should be. */
export function fail(option: string, expected: string, value: unknown, showText = false): never {
  throw new ConfigurationError(`${option} must be ${expected}, got ${describeValue(value, showText)}`, { option });
}

/** A non-null object that is not an array (a plain object, a class instance, `console`). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object literal (or `Object.create(null)`): not an array, a class instance, a Date or a Promise. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** `true` or `false`; `"false"` is an error, never truthy. */
export const checkBoolean: Check = (value, option) => {
  if (typeof value !== 'boolean') fail(option, 'true or false', value, true);
};

/** A function. */
export const checkFunction: Check = (value, option) => {
  if (typeof value !== 'function') fail(option, 'a function', value);
};

/** An object (not null, not an array). */
export const checkObject: Check = (value, option) => {
  if (!isObject(value)) fail(option, 'an object', value);
};

/** One of `choices`. */
export function checkOneOf(choices: readonly string[]): Check {
  return (value, option) => {
    if (typeof value !== 'string' || !choices.includes(value)) fail(option, `one of ${choices.map((c) => `'${c}'`).join(', ')}`, value, true);
  };
}

/** A string; with `nonEmpty`, one that is not empty or white space only. */
export function checkString({ nonEmpty = false }: { nonEmpty?: boolean } = {}): Check {
  return (value, option) => {
    if (typeof value !== 'string' || (nonEmpty && value.trim() === '')) fail(option, nonEmpty ? 'a non-empty string' : 'a string', value);
  };
}

/** Bounds and kind of a number option. */
export interface NumberRule {
  /** Smallest value allowed. */
  min: number;
  /** Largest value allowed. @default Number.MAX_SAFE_INTEGER for whole numbers, else no limit */
  max?: number;
  /** Whole numbers only. @default false */
  integer?: boolean;
  /** What the number counts, for the message (`milliseconds`). */
  unit?: string;
}

/** A range in words: ` from 1 to 4`, ` ≥ 0`, ` ≤ 254`; empty when unbounded. */
export function describeRange(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` ≥ ${min}`;
  return max === undefined ? '' : ` ≤ ${max}`;
}

/** The rule of a number option in words: `a whole number from 1 to 4`, `a number of milliseconds ≥ 0`. */
function describeNumber({ min, max, integer = false, unit }: NumberRule): string {
  return `${integer ? 'a whole number' : 'a number'}${unit ? ` of ${unit}` : ''}${describeRange(min, max)}`;
}

/** A finite number within `[min, max]`, whole when `integer`. NaN, Infinity and numeric strings are errors. */
export function checkNumber(rule: NumberRule): Check {
  const { min, integer = false } = rule;
  const max = rule.max ?? (integer ? Number.MAX_SAFE_INTEGER : Number.POSITIVE_INFINITY);
  return (value, option) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      fail(option, describeNumber(rule), value);
    }
  };
}

/** An object whose members `methods` are functions (an interface such as `Logger`); names `option.method` when one is not. */
export function checkMethods(methods: readonly string[]): Check {
  return (value, option) => {
    if (!isObject(value)) fail(option, `an object with ${methods.join(', ')} methods`, value);
    for (const method of methods) checkFunction(value[method], `${option}.${method}`);
  };
}

/**
 * An `AbortSignal`, from this realm or another, or a polyfill's: an object with a boolean
 * `aborted` and an `addEventListener` method. Use {@link nativeSignal} to hand it to fetch.
 */
export function isAbortSignal(value: unknown): value is AbortSignal {
  return isObject(value) && typeof value['aborted'] === 'boolean' && typeof value['addEventListener'] === 'function';
}

/** An `AbortSignal` (see {@link isAbortSignal}). */
export const checkAbortSignal: Check = (value, option) => {
  if (!isAbortSignal(value)) fail(option, 'an AbortSignal', value);
};

/**
 * Edits between two names (insert, delete, replace, or swap two neighbours: `mdoe` → `mode` is
 * one), for "did you mean" hints. Two short names: the plain quadratic table is fine.
 */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The known name `name` is probably a misspelling of (`timout` → `timeout`), if any. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3; // at most two edits, and fewer than half the name
  for (const candidate of known) {
    const d = candidate.toLowerCase() === lower ? 0 : distance(lower, candidate.toLowerCase());
    if (d < bestDistance && d * 2 < candidate.length) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/**
 * Names an unknown key: `"timout" (did you mean "timeout"?)`, with the hint only when it looks
 * like a misspelling. Long names are not shown: they are data pasted in the wrong place.
 */
export function describeUnknown(name: string, known: readonly string[], prefix = ''): string {
  const guess = closestName(name, known);
  const shown = name.length <= 40 ? `"${prefix}${name}"` : `of ${name.length} characters`;
  return `${shown}${guess === undefined ? '' : ` (did you mean "${prefix}${guess}"?)`}`;
}

/** Which check each key of an options object gets. Adding an option is one line here. */
export type CheckTable<K extends string = string> = Readonly<Record<K, Check>>;

/**
 * Checks an options object against its table: it must be a plain object (or undefined: a
 * Promise of options, a Date or a class instance is an error, not silently empty); each key it
 * has must be in the table (a misspelt `timout` is an error, with a "did you mean" hint, not
 * silently ignored) and its value must pass the check. A key whose value is `undefined` counts
 * as not given.
 *
 * @param value - The options as given.
 * @param table - The check of every known option.
 * @param owner - What takes the options, for messages: `createClient()`, `agents.list()`.
 * @param prefix - Prepended to each key's name for nested options (`rateLimit.`).
 */
export function checkOptions(value: unknown, table: CheckTable, owner: string, prefix = ''): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) {
    const name = prefix === '' ? 'options' : prefix.slice(0, -1);
    throw new ConfigurationError(`${prefix === '' ? `the options of ${owner}` : name} must be a plain object, got ${describeValue(value)}`, { option: name });
  }
  for (const key of Object.keys(value)) {
    if (value[key] === undefined) continue; // not given, whatever its name
    const check = Object.hasOwn(table, key) ? table[key] : undefined;
    if (check === undefined) {
      const known = Object.keys(table);
      throw new ConfigurationError(`Unknown option ${describeUnknown(key, known, prefix)}: ${owner} takes ${known.join(', ')}.`, { option: `${prefix}${key}` });
    }
    check(value[key], `${prefix}${key}`);
  }
}

/** A nested options object (`rateLimit: { mode, store }`): checked by {@link checkOptions} with dotted names. */
export function checkFields(table: CheckTable): Check {
  return (value, option) => checkOptions(value, table, option, `${option}.`);
}
