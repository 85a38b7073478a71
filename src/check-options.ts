/**
 * Which check each option gets: the tables of `createClient`'s options and of a call's
 * options, over the checks of `internal/check.ts`. A new option is one line in its table (the
 * table's type lists every key of the options interface, so none can be forgotten).
 *
 * @internal
 * @packageDocumentation
 */
import { ConfigurationError } from './errors/usage.js';
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
  fail,
  isObject,
  isPlainObject,
  type Check,
} from './internal/check.js';
import type { ClientOptions, RequestOptions } from './options.js';

/** A per-attempt timeout: 1 ms to the longest a timer holds. */
const checkTimeout = checkNumber({ min: 1, max: MAX_TIMER_MS, unit: 'milliseconds' });
const checkMaxRetries = checkNumber({ min: 0, integer: true });
const checkMaxResponseBytes = checkNumber({ min: 1, integer: true, unit: 'bytes' });

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,255}$/;

const checkIdempotencyKey: Check = (value, option) => {
  if (value !== false && !(typeof value === 'string' && IDEMPOTENCY_KEY.test(value))) {
    fail(option, 'false or 8–255 characters of letters, digits and _ . : -', value);
  }
};

/** A key, or a function returning one; the key's format is checked when it is known (`keyEnvironment`), never echoed. */
const checkApiKey: Check = (value, option) => {
  if (typeof value === 'function') return;
  if (typeof value !== 'string') fail(option, 'a key (a string) or a function returning one', value);
  if (value.trim() === '') throw new ConfigurationError(`${option} is an empty string (an unset environment variable?); pass an om_live_ or om_test_ key.`, { option });
};

/**
 * An absolute http(s) URL without credentials, query or fragment. The messages never show the
 * value: a URL with `user:password@`, or a key pasted into the wrong option, is a secret.
 */
export const checkBaseUrl: Check = (value, option) => {
  if (typeof value !== 'string') fail(option, 'an absolute http(s) URL (a string)', value);
  const problem = (text: string): never => {
    throw new ConfigurationError(`${option} ${text}`, { option });
  };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return problem(`must be an absolute http(s) URL, got ${value.trim() === '' ? 'an empty string' : 'a string that is not one'}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') problem(`must be an http(s) URL, got a ${url.protocol} URL.`);
  if (url.username !== '' || url.password !== '') problem('must not carry credentials (user:password@).');
  if (value.includes('?') || value.includes('#')) problem('must not have a query or a fragment.');
};

/** RFC 9110 §5.1: a header name is a token. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** RFC 9110 §5.5 and the Fetch standard: no CR, LF, NUL or other controls; bytes up to 0xFF. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** Headers the SDK sets itself, and why a default of the caller's would do harm. */
const FROM_KEY = 'the SDK sets it from apiKey or oauth';
const OWNED_HEADERS: Readonly<Record<string, string>> = {
  authorization: FROM_KEY,
  'x-api-key': FROM_KEY,
  // One key on every write would make the API answer each write with the first one's result.
  'idempotency-key': 'pass idempotencyKey per call',
};

function isHeaders(value: object): value is Headers {
  return Object.prototype.toString.call(value) === '[object Headers]' && typeof (value as Headers).forEach === 'function';
}

/**
 * Checks the `headers` option and returns it as a plain object (a `Headers` of any realm is
 * copied): names must be tokens, values text without CR, LF or NUL, and neither the credential
 * headers nor `Idempotency-Key` may be set. Header values are never shown in a message.
 */
export function readHeaders(value: unknown, option = 'headers'): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const entries: Array<[string, unknown]> = [];
  if (isObject(value) && isHeaders(value)) value.forEach((v, k) => entries.push([k, v]));
  else if (isPlainObject(value)) entries.push(...Object.entries(value));
  else fail(option, 'a plain object or a Headers', value);
  const headers: Record<string, string> = {};
  for (const [name, text] of entries) {
    const shown = name.length <= 40 ? `"${name}"` : `of ${name.length} characters`;
    if (!HEADER_NAME.test(name)) throw new ConfigurationError(`${option} has an invalid header name ${shown}.`, { option });
    const owned = OWNED_HEADERS[name.toLowerCase()];
    if (owned !== undefined) throw new ConfigurationError(`${option} must not set ${name}: ${owned}.`, { option });
    if (text === undefined) continue;
    if (typeof text !== 'string') fail(`${option}.${name}`, 'a string', text);
    if (!HEADER_VALUE.test(text)) throw new ConfigurationError(`${option}.${name} must be one line of Latin-1 text (no CR, LF or NUL).`, { option: `${option}.${name}` });
    headers[name] = text;
  }
  return headers;
}

/** A `TokenSource`: `getAccessToken`, and `handleUnauthorized` when it has one (optional). */
const checkTokenSource: Check = (value, option) => {
  checkMethods(['getAccessToken'])(value, option);
  const onUnauthorized = (value as { handleUnauthorized?: unknown }).handleUnauthorized;
  if (onUnauthorized !== undefined) checkFunction(onUnauthorized, `${option}.handleUnauthorized`);
};

const checkOAuth: Check = (value, option) => {
  checkFields({ tokens: checkTokenSource })(value, option);
  if ((value as { tokens?: unknown }).tokens === undefined) checkTokenSource(undefined, `${option}.tokens`);
};

/**
 * The check of every `createClient` option. `undefined` means "not given" for each of them,
 * so `{ baseUrl: process.env.URL }` with the variable unset takes the default.
 */
export const CLIENT_OPTION_CHECKS: { readonly [K in keyof ClientOptions]-?: Check } = {
  apiKey: checkApiKey,
  authScheme: checkOneOf(['bearer', 'api-key', 'x-api-key', 'query']),
  oauth: checkOAuth,
  baseUrl: checkBaseUrl,
  stability: checkOneOf(['stable', 'beta', 'internal']),
  maxRetries: checkMaxRetries,
  maxRetryAfter: checkNumber({ min: 0, max: MAX_TIMER_MS, unit: 'milliseconds' }),
  timeout: checkTimeout,
  maxResponseBytes: checkMaxResponseBytes,
  followCrossOriginRedirects: checkBoolean,
  fetch: checkFunction,
  logger: checkMethods(['error', 'warn', 'info', 'debug']),
  logLevel: checkOneOf(['off', 'error', 'warn', 'info', 'debug']),
  rateLimit: checkFields({
    mode: checkOneOf(['pace', 'off']),
    store: checkMethods(['reserve', 'release', 'get']),
  }),
  onDeprecation: checkFunction,
  onWait: checkFunction,
  deprecations: checkOneOf(['warn', 'error', 'off']),
  allowInsecureHttp: checkBoolean,
  headers: (value, option) => void readHeaders(value, option),
};

/**
 * Checks `createClient`'s options, before anything else happens: each known option's type and
 * range, and no unknown option (a misspelt `timout` is an error with a hint, not ignored).
 * @throws ConfigurationError naming the first wrong option.
 */
export function checkClientOptions(options: unknown): asserts options is ClientOptions {
  if (typeof options === 'string') {
    // `createClient(process.env.KEY)`: say what to do without echoing what may be the key.
    throw new ConfigurationError('createClient() takes an options object, got a string; pass the key as { apiKey }.', { option: 'options' });
  }
  checkOptions(options, CLIENT_OPTION_CHECKS, 'createClient()');
  const { apiKey, oauth } = options as ClientOptions;
  if (apiKey !== undefined && oauth !== undefined) throw new ConfigurationError('Pass either apiKey or oauth, not both.', { option: 'oauth' });
}

/** The check of every per-call option, for the facade and the low-level client alike. */
export const REQUEST_OPTION_CHECKS: { readonly [K in keyof RequestOptions]-?: Check } = {
  signal: checkAbortSignal,
  timeout: checkTimeout,
  maxRetries: checkMaxRetries,
  idempotencyKey: checkIdempotencyKey,
  maxResponseBytes: checkMaxResponseBytes,
};

/** Per-call options as the pipeline reads them from a facade call or a low-level `Request`. */
export interface ReadRequestOptions {
  timeoutMs: number | undefined;
  maxRetries: number | undefined;
  idempotencyKey: string | false | undefined;
  maxResponseBytes: number | undefined;
}

/**
 * Checks the per-call options the pipeline reads (any other key of `options` is left alone: a
 * low-level call's init also holds `RequestInit` fields) and returns them typed.
 * @throws ConfigurationError naming the option.
 */
export function readRequestOptions(options: Partial<Record<keyof RequestOptions, unknown>>): ReadRequestOptions {
  const { timeout, maxRetries, idempotencyKey, maxResponseBytes } = options;
  if (timeout !== undefined) checkTimeout(timeout, 'timeout');
  if (maxRetries !== undefined) checkMaxRetries(maxRetries, 'maxRetries');
  if (idempotencyKey !== undefined) checkIdempotencyKey(idempotencyKey, 'idempotencyKey');
  if (maxResponseBytes !== undefined) checkMaxResponseBytes(maxResponseBytes, 'maxResponseBytes');
  return {
    timeoutMs: timeout as number | undefined,
    maxRetries: maxRetries as number | undefined,
    idempotencyKey: idempotencyKey as string | false | undefined,
    maxResponseBytes: maxResponseBytes as number | undefined,
  };
}
