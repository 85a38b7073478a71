/**
 * The check primitives every option goes through (src/internal/check.ts): what each accepts,
 * and the message a wrong value gets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors/index.js';
import {
  MAX_TIMER_MS,
  checkAbortSignal,
  checkBoolean,
  checkFields,
  checkFunction,
  checkMethods,
  checkNumber,
  checkOneOf,
  checkOptions,
  checkString,
  closestName,
  describeValue,
  isAbortSignal,
  type Check,
} from '../../src/internal/check.js';

function failure(check: Check, value: unknown, option = 'opt'): ConfigurationError {
  try {
    check(value, option);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error(`expected ${String(option)} = ${describeValue(value)} to be refused`);
}

describe('describeValue', () => {
  it.each([
    [1.5, '1.5'],
    [Number.NaN, 'NaN'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
    [false, 'false'],
    [undefined, 'undefined'],
    [null, 'null'],
    [10n, 'the bigint 10n'],
    ['', 'an empty string'],
    ['false', 'a string'],
    [Symbol('s'), 'a symbol'],
    [() => 1, 'a function'],
    [[1], 'an array'],
    [{}, 'an object'],
    [Object.create(null), 'an object'],
    [new Map(), 'a Map'],
    [new Date(0), 'a Date'],
    [Promise.resolve(1), 'a Promise (a missing await?)'],
  ])('describes %s as %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });

  it('shows a short string only when asked, and never a long one', () => {
    expect(describeValue('false', true)).toBe('the string "false"');
    expect(describeValue('om_test_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a', true)).toBe('a string');
  });

  it('never shows the content of a string it was not asked to show', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 2 }), (text) => {
        const described = describeValue(text);
        expect(described === 'a string' || described === 'an empty string').toBe(true);
      }),
    );
  });
});

describe('the checks', () => {
  it('checkBoolean takes true and false only: "false" is refused, never truthy', () => {
    expect(() => checkBoolean(true, 'flag')).not.toThrow();
    expect(() => checkBoolean(false, 'flag')).not.toThrow();
    for (const value of ['false', 'true', 0, 1, null, {}]) expect(failure(checkBoolean, value, 'flag').option).toBe('flag');
    expect(failure(checkBoolean, 'false', 'flag').message).toBe('flag must be true or false, got the string "false"');
  });

  it('checkNumber refuses NaN, Infinity, numeric strings and values out of range, saying the range', () => {
    const check = checkNumber({ min: 1, max: 4, integer: true });
    for (const ok of [1, 2, 4]) expect(() => check(ok, 'n')).not.toThrow();
    for (const bad of [0, 5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '2', null]) expect(failure(check, bad, 'n').message).toMatch(/^n must be a whole number from 1 to 4, got /);
    expect(failure(checkNumber({ min: 0, unit: 'milliseconds' }), -1, 't').message).toBe('t must be a number of milliseconds ≥ 0, got -1');
  });

  it('checkNumber without a max still refuses what is beyond a safe integer', () => {
    expect(failure(checkNumber({ min: 0, integer: true }), 2 ** 60, 'n').message).toBe(`n must be a whole number ≥ 0, got ${2 ** 60}`);
  });

  it('checkNumber accepts exactly the finite numbers of its range, for any range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.oneof(fc.double(), fc.integer({ min: -3000, max: 3000 })), (min, span, value) => {
        const check = checkNumber({ min, max: min + span, integer: true });
        const ok = Number.isInteger(value) && value >= min && value <= min + span;
        if (ok) expect(() => check(value, 'n')).not.toThrow();
        else expect(() => check(value, 'n')).toThrow(ConfigurationError);
      }),
    );
  });

  it('checkOneOf lists the choices and shows a short wrong keyword', () => {
    expect(failure(checkOneOf(['pace', 'off']), 'fast', 'mode').message).toBe("mode must be one of 'pace', 'off', got the string \"fast\"");
    expect(failure(checkOneOf(['pace', 'off']), 1, 'mode').message).toBe("mode must be one of 'pace', 'off', got 1");
  });

  it('checkString with nonEmpty refuses white space only', () => {
    expect(failure(checkString({ nonEmpty: true }), ' \n', 'id').message).toBe('id must be a non-empty string, got a string');
    expect(() => checkString()('', 'id')).not.toThrow();
  });

  it('checkFunction and checkMethods name the member that is not a function', () => {
    expect(failure(checkFunction, {}, 'fetch').message).toBe('fetch must be a function, got an object');
    const logger = checkMethods(['error', 'warn']);
    expect(failure(logger, { error() {}, warn: 'x' }, 'logger').option).toBe('logger.warn');
    expect(failure(logger, null, 'logger').message).toBe('logger must be an object with error, warn methods, got null');
    expect(() => logger(console, 'logger')).not.toThrow();
  });

  it('checkAbortSignal takes a signal of any realm, or a polyfill with its shape, and nothing else', () => {
    expect(() => checkAbortSignal(new AbortController().signal, 'signal')).not.toThrow();
    expect(isAbortSignal({ aborted: false, addEventListener() {} })).toBe(true);
    for (const bad of [new AbortController(), {}, { aborted: 'no', addEventListener() {} }, 'signal', true]) {
      expect(failure(checkAbortSignal, bad, 'signal').message).toMatch(/^signal must be an AbortSignal, got /);
    }
  });

  it('the longest timer is 2^31 − 1 ms, the most setTimeout holds', () => {
    expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
  });
});

describe('checkOptions', () => {
  const table = { timeout: checkNumber({ min: 1 }), maxRetries: checkNumber({ min: 0, integer: true }), nested: checkFields({ mode: checkOneOf(['a', 'b']) }) };

  it('refuses an unknown name, with a hint when it looks like a misspelling', () => {
    expect(() => checkOptions({ timout: 5 }, table, 'createClient()')).toThrow(
      new ConfigurationError('Unknown option "timout" (did you mean "timeout"?): createClient() takes timeout, maxRetries, nested.', { option: 'timout' }),
    );
    expect(() => checkOptions({ colour: 1 }, table, 'x()')).toThrow('Unknown option "colour": x() takes timeout, maxRetries, nested.');
    expect(() => checkOptions({ MAXRETRIES: 1 }, table, 'x()')).toThrow('(did you mean "maxRetries"?)');
  });

  it('names nested options with dots', () => {
    expect(failure((v) => checkOptions(v, table, 'x()'), { nested: { mode: 'c' } }).option).toBe('nested.mode');
    expect(failure((v) => checkOptions(v, table, 'x()'), { nested: { mdoe: 'a' } }).message).toBe('Unknown option "nested.mdoe" (did you mean "nested.mode"?): nested takes mode.');
    expect(failure((v) => checkOptions(v, table, 'x()'), { nested: 'a' }).message).toBe('nested must be a plain object, got a string');
  });

  it('takes undefined as not given, for a known name and an unknown one', () => {
    expect(() => checkOptions({ timeout: undefined, whatever: undefined }, table, 'x()')).not.toThrow();
    expect(() => checkOptions(undefined, table, 'x()')).not.toThrow();
  });

  it('refuses options that are not a plain object: a Promise of options is not silently empty', () => {
    for (const bad of [null, 'om_test_x', 5, [], () => 1, Promise.resolve({ timeout: 5 }), new Date(), new Map()]) {
      expect(failure((v) => checkOptions(v, table, 'x()'), bad)).toMatchObject({ option: 'options', message: expect.stringMatching(/^the options of x\(\) must be a plain object, got /) });
    }
    expect(failure((v) => checkOptions(v, table, 'x()'), Promise.resolve({})).message).toBe('the options of x() must be a plain object, got a Promise (a missing await?)');
  });

  it('does not take a name inherited from Object.prototype for an option', () => {
    expect(() => checkOptions({ toString: 'x' }, table, 'x()')).toThrow(/Unknown option "toString"/);
    expect(() => checkOptions(JSON.parse('{"__proto__": {"a": 1}}'), table, 'x()')).toThrow(/Unknown option "__proto__"/);
  });

  it('does not show a name longer than 40 characters', () => {
    const name = `om_test_${'a'.repeat(40)}`;
    expect(failure((v) => checkOptions(v, table, 'x()'), { [name]: 1 }).message).not.toContain(name);
  });
});

describe('closestName', () => {
  it('finds a misspelling within two edits, never a different short word', () => {
    expect(closestName('timout', ['timeout', 'signal'])).toBe('timeout');
    expect(closestName('sginal', ['timeout', 'signal'])).toBe('signal');
    expect(closestName('cf', ['timeout', 'signal', 'mode'])).toBeUndefined();
    expect(closestName('next', ['mode', 'method'])).toBeUndefined();
    expect(closestName('mdoe', ['mode'])).toBe('mode');
  });
});
