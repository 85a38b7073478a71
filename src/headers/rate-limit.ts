/**
 * Parser for rate-limit response fields: the API's own `X-RateLimit-*` headers and the
 * IETF httpapi draft's `RateLimit` / `RateLimit-Policy` Structured Fields.
 *
 * @packageDocumentation
 */
import { clockOffsetMs, type HeaderReader } from './server-clock.js';

/**
 * What a response says about the caller's rate limit. Every field is optional: a server
 * may send only some of them, and malformed ones are dropped one by one.
 */
export interface RateLimitInfo {
  /** Requests allowed in the current window (`X-RateLimit-Limit`, or the policy's `q`). */
  limit?: number;
  /** Requests left in the current window (`X-RateLimit-Remaining`, or `RateLimit`'s `r`). */
  remaining?: number;
  /** When the window resets, in epoch milliseconds (`X-RateLimit-Reset`, or now + `t`). */
  resetAt?: number;
  /** Name of the IETF draft policy the numbers come from, e.g. `"permin"`. */
  policy?: string;
}

const MS_PER_SECOND = 1000;
// ECMAScript's Date range (±8.64e15 ms, ECMA-262 §21.4.1.22): a reset beyond it cannot become a Date.
const MAX_EPOCH_MS = 8.64e15;

// The API documents X-RateLimit-* as plain non-negative integers (openapi/components/headers.yaml).
const NON_NEGATIVE_INTEGER = /^\d{1,15}$/;
// RFC 9110 §5.5: a field value carries no leading or trailing whitespace (SP / HTAB). The Fetch
// standard's Headers strip it, but a `fetch` of another make may hand over a Headers that does not.
const OWS_EDGES = /^[ \t]+|[ \t]+$/g;

/** A field's value without surrounding whitespace; null when absent. */
function fieldValue(headers: HeaderReader, name: string): string | null {
  return headers.get(name)?.replace(OWS_EDGES, '') ?? null;
}

function headerInteger(headers: HeaderReader, name: string): number | undefined {
  const raw = fieldValue(headers, name);
  if (raw === null) return undefined;
  return NON_NEGATIVE_INTEGER.test(raw) ? Number(raw) : undefined;
}

function epochMs(ms: number): number | undefined {
  return ms >= 0 && ms <= MAX_EPOCH_MS ? Math.round(ms) : undefined;
}

/** One member of a Structured Field List (RFC 8941 §3.1): its bare item and parameters. */
interface ListMember {
  readonly item: string | number | boolean | undefined;
  readonly isText: boolean;
  readonly params: ReadonlyMap<string, string | number | boolean>;
}

/**
 * A minimal RFC 8941 / RFC 9651 List parser: enough to read the draft's fields without
 * misreading valid values it does not care about (inner lists, byte sequences, dates).
 * Any syntax error rejects the whole field, as RFC 8941 §4.2 requires. The state is one
 * cursor into `input`, shared by the nested readers below.
 */
function parseList(value: string | null): ListMember[] | undefined {
  if (value === null) return undefined;
  const input = value;
  let pos = 0;

  function peek(): string {
    return input[pos] ?? '';
  }

  function skip(chars: string): void {
    while (pos < input.length && chars.includes(peek())) pos += 1;
  }

  /** Steps over a match of `pattern` at the cursor; `undefined` (cursor unmoved) when there is none. */
  function take(pattern: RegExp): string | undefined {
    const match = pattern.exec(input.slice(pos))?.[0];
    if (match !== undefined) pos += match.length;
    return match;
  }

  function innerList(): ListMember | undefined {
    pos += 1;
    for (;;) {
      skip(' ');
      if (peek() === ')') {
        pos += 1;
        const params = parameters();
        return params && { item: undefined, isText: false, params };
      }
      if (item() === undefined) return undefined;
      const next = peek();
      if (next !== ' ' && next !== ')') return undefined;
    }
  }

  function item(): ListMember | undefined {
    const start = peek();
    const bare = bareItem();
    if (bare === undefined) return undefined;
    const params = parameters();
    return params && { item: bare, isText: start === '"' || /[A-Za-z*]/.test(start), params };
  }

  function parameters(): Map<string, string | number | boolean> | undefined {
    const params = new Map<string, string | number | boolean>();
    while (peek() === ';') {
      pos += 1;
      skip(' ');
      const key = take(/^[a-z*][a-z0-9_.*-]*/);
      if (key === undefined) return undefined;
      let value: string | number | boolean = true;
      if (peek() === '=') {
        pos += 1;
        const bare = bareItem();
        if (bare === undefined) return undefined;
        value = bare;
      }
      // RFC 8941 §4.2.3.2: a repeated key overwrites the earlier value.
      params.set(key, value);
    }
    return params;
  }

  function bareItem(): string | number | boolean | undefined {
    const c = peek();
    if (c === '"') {
      // RFC 8941 §3.3.3: printable ASCII; only `\"` and `\\` are valid escapes.
      return take(/^"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*"/)
        ?.slice(1, -1)
        .replace(/\\(["\\])/g, '$1');
    }
    if (c === '-' || /\d/.test(c) || c === '@') {
      // Integer (≤ 15 digits), Decimal (≤ 12.3 digits), or RFC 9651 Date (`@` + Integer).
      const number = take(/^@?-?(?:\d{1,12}\.\d{1,3}|\d{1,15})(?![\d.])/);
      if (number === undefined || (c === '@' && number.includes('.'))) return undefined;
      return c === '@' ? number : Number(number);
    }
    // Token: (ALPHA / "*") *(tchar / ":" / "/").
    if (/[A-Za-z*]/.test(c)) return take(/^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*/);
    // Byte Sequence.
    if (c === ':') return take(/^:[A-Za-z0-9+/=]*:/);
    if (c === '?') {
      const boolean = take(/^\?[01]/);
      return boolean === undefined ? undefined : boolean === '?1';
    }
    // RFC 9651 §3.3.8 Display String: lower-case %-escapes only.
    if (c === '%') return take(/^%"(?:[\x20\x21\x23\x24\x26-\x5b\x5d-\x7e]|%[0-9a-f]{2}|\\["\\])*"/);
    return undefined;
  }

  const members: ListMember[] = [];
  skip(' ');
  if (pos === input.length) return members;
  for (;;) {
    const member = peek() === '(' ? innerList() : item();
    if (member === undefined) return undefined;
    members.push(member);
    skip(' \t');
    if (pos === input.length) return members;
    if (input[pos] !== ',') return undefined;
    pos += 1;
    skip(' \t');
    // RFC 8941 §4.2.1: a trailing comma is a parse error.
    if (pos === input.length) return undefined;
  }
}

function nonNegativeInteger(value: string | number | boolean | undefined): number | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return undefined;
  // `-0` is a valid sf-integer; report it as plain 0.
  return value === 0 ? 0 : value;
}

function policyName(member: ListMember): string | undefined {
  return member.isText && typeof member.item === 'string' ? member.item : undefined;
}

/**
 * Several policies may apply at once (a per-minute and a daily one): the one with the fewest
 * requests left throttles us first; among those with as few left, the one that resets last
 * keeps us waiting longest. A member without a valid `r` never wins over one with it.
 */
function throttlesFirst(member: ListMember, than: ListMember): boolean {
  const r = nonNegativeInteger(member.params.get('r'));
  const best = nonNegativeInteger(than.params.get('r'));
  if (r === undefined) return false;
  if (best === undefined || r < best) return true;
  return r === best && (nonNegativeInteger(member.params.get('t')) ?? -1) > (nonNegativeInteger(than.params.get('t')) ?? -1);
}

/** The values the IETF draft's two fields contribute, before the X- headers are merged in. */
function parseDraftFields(headers: HeaderReader, nowMs: number): RateLimitInfo {
  const info: RateLimitInfo = {};
  const current = (parseList(fieldValue(headers, 'ratelimit')) ?? []).filter((m) => policyName(m) !== undefined);
  const policies = (parseList(fieldValue(headers, 'ratelimit-policy')) ?? []).filter((m) => policyName(m) !== undefined);

  let chosen: ListMember | undefined;
  for (const member of current) if (chosen === undefined || throttlesFirst(member, chosen)) chosen = member;

  const name = chosen ? policyName(chosen) : policies.map(policyName).find((n) => n !== undefined);
  if (name !== undefined) info.policy = name;

  if (chosen) {
    const r = nonNegativeInteger(chosen.params.get('r'));
    if (r !== undefined) info.remaining = r;
    // draft-ietf-httpapi-ratelimit-headers: `t` is delta-seconds until the quota resets.
    const t = nonNegativeInteger(chosen.params.get('t'));
    const resetAt = t === undefined ? undefined : epochMs(nowMs + t * MS_PER_SECOND);
    if (resetAt !== undefined) info.resetAt = resetAt;
  }

  const policy = policies.find((m) => policyName(m) === name);
  const q = policy ? nonNegativeInteger(policy.params.get('q')) : undefined;
  if (q !== undefined) info.limit = q;
  return info;
}

/**
 * Reads the rate-limit fields of a response.
 *
 * The API's own `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`
 * (epoch **seconds**) come first. The IETF httpapi draft's Structured Fields
 * `RateLimit-Policy: "permin";q=50;w=60` and `RateLimit: "permin";r=50;t=30` fill in
 * whatever the X- headers lack (`t` is relative to `nowMs`). When `RateLimit` lists
 * several policies, the one with the fewest remaining requests is reported; among several
 * with as few, the one with the longest reset.
 *
 * `X-RateLimit-Reset` is a time on the server's clock: when the response has a `Date` header
 * and the two clocks differ by more than the header's precision, `resetAt` is moved onto the
 * client's clock (see `clockOffsetMs`), so it can be compared with `Date.now()`.
 *
 * Values may carry surrounding whitespace. Malformed values are ignored field by field, as
 * the draft requires; this function never throws. `Retry-After` is not read here: it takes
 * precedence and is parsed by `parseRetryAfter`.
 *
 * @param headers - The response headers (a `Headers`, or anything with its `get`).
 * @param nowMs - The client's clock in epoch milliseconds, to anchor the draft's `t`.
 * @returns What could be read, or `undefined` when no field was present and valid.
 *
 * @example
 * ```ts
 * const info = parseRateLimitHeaders(response.headers, Date.now());
 * if (info?.remaining === 0 && info.resetAt !== undefined) {
 *   // pause new requests until info.resetAt
 * }
 * ```
 */
export function parseRateLimitHeaders(headers: HeaderReader, nowMs: number): RateLimitInfo | undefined {
  const info = parseDraftFields(headers, nowMs);

  const limit = headerInteger(headers, 'x-ratelimit-limit');
  if (limit !== undefined) info.limit = limit;
  const remaining = headerInteger(headers, 'x-ratelimit-remaining');
  if (remaining !== undefined) info.remaining = remaining;
  const resetSeconds = headerInteger(headers, 'x-ratelimit-reset');
  // An epoch on the server's clock: moved onto ours by the response's Date (server-clock.ts).
  const resetAt = resetSeconds === undefined ? undefined : epochMs(resetSeconds * MS_PER_SECOND - clockOffsetMs(headers.get('date'), nowMs));
  if (resetAt !== undefined) info.resetAt = resetAt;

  return Object.keys(info).length === 0 ? undefined : info;
}
