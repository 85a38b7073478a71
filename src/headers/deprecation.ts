/**
 * Parsers for the fields that announce the end of an operation: `Deprecation`
 * (RFC 9745), `Sunset` (RFC 8594) and the `Link` field (RFC 8288) that points to their
 * documentation.
 *
 * @packageDocumentation
 */

import { parseHttpDate } from './retry-after.js';

/** One link-value of a `Link` field (RFC 8288 §3). */
export interface LinkValue {
  /** The target URI exactly as sent, not resolved against the request URL. */
  uri: string;
  /** Relation types, lower-cased (RFC 8288 §2.1 compares them case-insensitively). */
  rel: string[];
  /** The other target attributes, keys lower-cased, quotes and escapes removed. */
  params: Record<string, string>;
}

/** What the `Deprecation` field says. */
export interface DeprecationValue {
  /** Always `true` for a valid field; a future `at` announces a deprecation to come. */
  deprecated: boolean;
  /** When the resource was or will be deprecated, in epoch milliseconds, when the field gives a date. */
  at?: number;
}

/** The deprecation and sunset notice a response carries. */
export interface DeprecationInfo {
  /** When the operation was (or will be) deprecated: RFC 9745 `Deprecation`. */
  deprecatedAt?: Date;
  /** When the operation stops working: RFC 8594 `Sunset`. */
  sunsetAt?: Date;
  /** Documentation of the deprecation: the `Link` with `rel="deprecation"`. */
  deprecationLink?: string;
  /** The sunset policy: the `Link` with `rel="sunset"`. */
  sunsetLink?: string;
}

// RFC 9110 §5.6.2 tchar, the characters a token (and a link-param name) is made of.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;

function isWhitespace(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/**
 * Reads an RFC 9110 §5.6.4 quoted-string starting at `start` (the opening quote).
 * Returns the unescaped text and the index after the closing quote, or `undefined`
 * when the string is not terminated.
 */
function readQuoted(input: string, start: number): readonly [text: string, end: number] | undefined {
  let text = '';
  for (let i = start + 1; i < input.length; i += 1) {
    const c = input[i];
    if (c === '"') return [text, i + 1];
    if (c === '\\') {
      i += 1;
      if (i >= input.length) return undefined;
    }
    text += input[i];
  }
  return undefined;
}

/** Skips to the comma that ends the current link-value, stepping over quoted strings. */
function skipToNextLink(input: string, from: number): number {
  let i = from;
  while (i < input.length && input[i] !== ',') {
    if (input[i] === '"') {
      const quoted = readQuoted(input, i);
      if (quoted === undefined) return input.length;
      i = quoted[1];
    } else {
      i += 1;
    }
  }
  return i;
}

/**
 * Parses a `Link` field (RFC 8288 §3) into its link-values.
 *
 * Several links in one field are split on the commas between them, never on commas
 * inside `<…>` or quoted parameter values. Parameter names are lower-cased, and only the
 * first occurrence of a parameter counts (RFC 8288 §3.3 says so for `rel`; the others
 * follow suit). A malformed link-value is skipped and the rest are still returned, so a
 * single bad entry cannot hide a deprecation notice.
 *
 * @param value - The field value, e.g. `<https://example.com/docs>; rel="deprecation"`.
 * @returns The links in field order; empty when there are none.
 *
 * @example
 * ```ts
 * parseLinkHeader('<https://a.example/d>; rel="deprecation"; type="text/html", <https://a.example/s>; rel=sunset');
 * // [{ uri: 'https://a.example/d', rel: ['deprecation'], params: { type: 'text/html' } },
 * //  { uri: 'https://a.example/s', rel: ['sunset'], params: {} }]
 * ```
 */
export function parseLinkHeader(value: string): LinkValue[] {
  const links: LinkValue[] = [];
  let i = 0;
  while (i < value.length) {
    while (isWhitespace(value[i]) || value[i] === ',') i += 1;
    if (i >= value.length) break;
    if (value[i] !== '<') {
      i = skipToNextLink(value, i);
      continue;
    }
    const close = value.indexOf('>', i + 1);
    if (close === -1) break;
    const uri = value.slice(i + 1, close).trim();
    i = close + 1;

    const params = new Map<string, string>();
    let valid = true;
    for (;;) {
      while (isWhitespace(value[i])) i += 1;
      if (i >= value.length || value[i] === ',') break;
      if (value[i] !== ';') {
        valid = false;
        break;
      }
      i += 1;
      while (isWhitespace(value[i])) i += 1;
      const name = TOKEN.exec(value.slice(i))?.[0];
      if (name === undefined) {
        valid = false;
        break;
      }
      i += name.length;
      while (isWhitespace(value[i])) i += 1;
      let paramValue = '';
      if (value[i] === '=') {
        i += 1;
        while (isWhitespace(value[i])) i += 1;
        if (value[i] === '"') {
          const quoted = readQuoted(value, i);
          if (quoted === undefined) {
            valid = false;
            break;
          }
          [paramValue, i] = quoted;
        } else {
          // RFC 8288 Appendix B.3: an unquoted value runs up to the next ";" or ",".
          const end = value.slice(i).search(/[;,]/);
          const stop = end === -1 ? value.length : i + end;
          paramValue = value.slice(i, stop).trim();
          i = stop;
        }
      }
      const key = name.toLowerCase();
      if (!params.has(key)) params.set(key, paramValue);
    }
    if (!valid) {
      i = skipToNextLink(value, i);
      continue;
    }

    const rel = (params.get('rel') ?? '')
      .split(/[ \t]+/)
      .filter((r) => r !== '')
      .map((r) => r.toLowerCase());
    params.delete('rel');
    // Object.fromEntries defines own properties, so a `__proto__` parameter stays data.
    links.push({ uri, rel, params: Object.fromEntries(params) });
  }
  return links;
}

const MAX_EPOCH_MS = 8.64e15;

// RFC 9745 §2.1: Deprecation is an sf-date, `@` + sf-integer (at most 15 digits, RFC 9651
// §3.3.7). Structured Field parameters may follow; none are defined, so they are ignored.
const SF_DATE = /^@(-?\d{1,15})((?:;[ ]*[a-z*][a-z0-9_.*-]*(?:=(?:"(?:[^"\\]|\\["\\])*"|[^;"]+))?)*)$/;

/**
 * Parses a `Deprecation` field.
 *
 * - RFC 9745 Structured Field Date `@1688169599` → `{ deprecated: true, at }` (epoch ms).
 * - The legacy draft value `true` (older servers, Prism) → `{ deprecated: true }`.
 * - The legacy draft HTTP-date (draft-ietf-httpapi-deprecation-header-02 and earlier)
 *   → `{ deprecated: true, at }`.
 *
 * @param value - The raw field value, as returned by `Headers.get('deprecation')`.
 * @returns The parsed value, or `undefined` when the field is absent or malformed.
 *
 * @example
 * ```ts
 * parseDeprecation('@1688169599'); // { deprecated: true, at: 1688169599000 }
 * parseDeprecation('true'); // { deprecated: true }
 * parseDeprecation('soon'); // undefined
 * ```
 */
export function parseDeprecation(value: string | null): DeprecationValue | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  const date = SF_DATE.exec(text);
  if (date) {
    const at = Number(date[1]) * 1000;
    // Outside ECMAScript's Date range (±8.64e15 ms) the value cannot be a moment in time.
    return Math.abs(at) <= MAX_EPOCH_MS ? { deprecated: true, at: at === 0 ? 0 : at } : undefined;
  }
  if (text.toLowerCase() === 'true') return { deprecated: true };
  const legacyDate = parseHttpDate(text);
  return legacyDate === undefined ? undefined : { deprecated: true, at: legacyDate };
}

/**
 * Parses a `Sunset` field (RFC 8594 §3): an HTTP-date in any RFC 9110 §5.6.7 format.
 *
 * @param value - The raw field value, as returned by `Headers.get('sunset')`.
 * @returns Epoch milliseconds, or `undefined` when the field is absent or malformed.
 *
 * @example
 * ```ts
 * parseSunset('Wed, 30 Jun 2027 00:00:00 GMT'); // 1814313600000
 * ```
 */
export function parseSunset(value: string | null): number | undefined {
  return value === null ? undefined : parseHttpDate(value);
}

/**
 * Reads the deprecation notice of a response: `Deprecation` (RFC 9745), `Sunset`
 * (RFC 8594) and their `Link`s with `rel="deprecation"` and `rel="sunset"`.
 *
 * A `Link` alone announces nothing, so the result is `undefined` unless `Deprecation`
 * or `Sunset` is present and valid. `Deprecation: true` gives an object without
 * `deprecatedAt`: the operation is deprecated, the date is unknown.
 *
 * @param headers - The response headers.
 * @returns The notice, or `undefined` when the response carries none.
 *
 * @example
 * ```ts
 * const notice = parseDeprecationHeaders(response.headers);
 * if (notice?.sunsetAt) console.warn(`this operation stops working on ${notice.sunsetAt.toISOString()}`);
 * ```
 */
export function parseDeprecationHeaders(headers: Headers): DeprecationInfo | undefined {
  const deprecation = parseDeprecation(headers.get('deprecation'));
  const sunset = parseSunset(headers.get('sunset'));
  if (deprecation === undefined && sunset === undefined) return undefined;

  const info: DeprecationInfo = {};
  if (deprecation?.at !== undefined) info.deprecatedAt = new Date(deprecation.at);
  if (sunset !== undefined) info.sunsetAt = new Date(sunset);
  const links = parseLinkHeader(headers.get('link') ?? '');
  const deprecationLink = links.find((link) => link.rel.includes('deprecation'))?.uri;
  if (deprecationLink !== undefined) info.deprecationLink = deprecationLink;
  const sunsetLink = links.find((link) => link.rel.includes('sunset'))?.uri;
  if (sunsetLink !== undefined) info.sunsetLink = sunsetLink;
  return info;
}
