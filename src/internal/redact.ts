/**
 * Redaction for anything that may end up in a log line, an error message or a debugger:
 * headers, URLs and free text.
 *
 * Headers use an allow-list, not a deny-list: a header nobody thought about (a proxy's
 * `X-Goog-Api-Key`, a custom auth header) is hidden by default, as Azure's
 * core-rest-pipeline sanitizer does. Stainless SDKs once leaked `x-api-key` because
 * they listed what to hide instead.
 *
 * @packageDocumentation
 */

/** The text that replaces a hidden value. */
export const REDACTED = 'REDACTED';

/**
 * Header names (lower-case) whose values are safe to log: they describe the request or
 * response and never carry a credential. Every other header is logged as `REDACTED`.
 */
export const SAFE_HEADERS: ReadonlySet<string> = new Set([
  'accept',
  'accept-encoding',
  'cache-control',
  'content-encoding',
  'content-length',
  'content-type',
  'date',
  'deprecation',
  'etag',
  'idempotency-key',
  'idempotent-replayed',
  'link',
  'location',
  'ratelimit',
  'ratelimit-policy',
  'retry-after',
  'sunset',
  'user-agent',
  'x-opsmerge-sdk',
  'x-opsmerge-sdk-lang',
  'x-opsmerge-sdk-runtime',
  'x-opsmerge-sdk-runtime-version',
  'x-opsmerge-sdk-version',
  'x-opsmerge-sdk-retry-count',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-request-id',
]);

/** Query (and fragment) parameters that carry credentials, compared case-insensitively. */
const SECRET_PARAMS: ReadonlySet<string> = new Set([
  'access_token',
  'api_key',
  'client_secret',
  'code',
  'refresh_token',
  'token',
]);

// OpsMerge keys are `om_live_` / `om_test_` + 32 alphanumerics (openapi ApiKeyCreated.key).
// Any length is matched so a truncated key is hidden too; `om_live_` alone (as in docs
// and error messages) is left alone.
const KEY_SHAPED = /om_(?:live|test)_[0-9A-Za-z]+/g;
// A credential after an HTTP authentication scheme (RFC 9110 §11.4; token68 syntax), e.g.
// a header echoed into an error message: `Authorization: Bearer abc…`. Credentials are
// long; requiring 16 characters keeps prose such as "Basic authentication" readable.
const AUTH_SCHEME_CREDENTIAL = /\b(Bearer|Basic|Api-Key)([ \t]+)[A-Za-z0-9\-._~+/]{16,}=*/gi;

/** The input shapes `Headers`, `[name, value]` pairs and plain objects accept. */
export type HeadersLike = Headers | Iterable<readonly [string, string]> | Record<string, string>;

function entriesOf(headers: HeadersLike): Iterable<readonly [string, string]> {
  if (typeof (headers as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function') {
    return headers as Iterable<readonly [string, string]>;
  }
  return Object.entries(headers as Record<string, string>);
}

/**
 * Hides URI-shaped credentials inside a `Link` or `Location` value: those headers are
 * safe by name, but a server may put a token in the URL they carry.
 */
function redactSafeValue(name: string, value: string): string {
  let out = value;
  if (name === 'location') out = redactUrl(out);
  if (name === 'link') out = out.replace(/<([^>]*)>/g, (_, uri: string) => `<${redactUrl(uri)}>`);
  return redactSecrets(out, []);
}

/**
 * Copies headers for logging: names lower-cased, values of headers not in
 * {@link SAFE_HEADERS} replaced with `REDACTED`. Safe values still pass through
 * {@link redactSecrets} (and URLs in `Location` / `Link` through {@link redactUrl}), so
 * a key pasted into the wrong header is hidden as well. Repeated names are joined with
 * `, ` as the Fetch standard's `Headers` does.
 *
 * @param headers - A `Headers`, an iterable of `[name, value]` pairs, or a plain object.
 * @returns A new plain object, safe to log.
 *
 * @example
 * ```ts
 * redactHeaders({ Authorization: 'Bearer om_live_…', Accept: 'application/json' });
 * // { authorization: 'REDACTED', accept: 'application/json' }
 * ```
 */
export function redactHeaders(headers: HeadersLike): Record<string, string> {
  const out = new Map<string, string>();
  for (const [rawName, value] of entriesOf(headers)) {
    const name = rawName.toLowerCase();
    const shown = SAFE_HEADERS.has(name) ? redactSafeValue(name, value) : REDACTED;
    const previous = out.get(name);
    out.set(name, previous === undefined ? shown : previous === REDACTED && shown === REDACTED ? REDACTED : `${previous}, ${shown}`);
  }
  // Object.fromEntries defines own properties, so a header named `__proto__` stays data.
  return Object.fromEntries(out);
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/** Redacts secret parameters of an `application/x-www-form-urlencoded` string, keeping its bytes otherwise. */
function redactParams(params: string): string {
  return params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      return SECRET_PARAMS.has(decodeName(pair.slice(0, eq))) ? `${pair.slice(0, eq + 1)}${REDACTED}` : pair;
    })
    .join('&');
}

// What comes before the first `?` or `#`, the query (up to the first `#`), the fragment.
const URL_PARTS = /^([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/;

/**
 * Hides the credentials a URL may carry, keeping everything else byte for byte (no
 * normalisation, so the result can be compared with the original in a log).
 *
 * - The values of the query parameters `api_key`, `access_token`, `token`, `code`,
 *   `client_secret` and `refresh_token` (names compared case-insensitively, after
 *   percent-decoding). The same parameters in the fragment are hidden too: OAuth's
 *   implicit flow returns tokens there (RFC 6749 §4.2.2).
 * - The password of a `user:password@` userinfo.
 *
 * Relative URLs (`/v1/agents?api_key=…`) work as well as absolute ones.
 *
 * @param url - The URL, absolute or relative.
 * @returns The URL with secrets replaced by `REDACTED`.
 *
 * @example
 * ```ts
 * redactUrl('https://app.opsmerge.cloud/api/v1/agents?api_key=om_live_x&page=2');
 * // 'https://app.opsmerge.cloud/api/v1/agents?api_key=REDACTED&page=2'
 * ```
 */
export function redactUrl(url: string): string {
  const [, base = '', query, fragment] = URL_PARTS.exec(url) ?? [];
  return (
    // RFC 3986 §3.2.1: "user:password" in userinfo is deprecated but still parsed by clients.
    base.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/@:]*:)[^/@]*@/, `$1${REDACTED}@`) +
    (query === undefined ? '' : `?${redactParams(query)}`) +
    (fragment === undefined ? '' : `#${redactParams(fragment)}`)
  );
}

/** Merges overlapping or touching `[start, end)` ranges. */
function mergeRanges(ranges: Array<readonly [number, number]>): Array<readonly [number, number]> {
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * Replaces secrets in free text (error messages, body snippets, debug output) with
 * `REDACTED`:
 *
 * - every occurrence of each non-empty string in `secrets`;
 * - every `om_live_…` / `om_test_…` key-shaped token, known or not;
 * - a credential (16+ characters) after an authentication scheme (`Bearer …`, `Basic …`,
 *   `Api-Key …`).
 *
 * All occurrences are found in the original text first and overlapping ones are
 * replaced together, so replacing one secret can never split another and leave part
 * of it behind.
 *
 * @param text - The text to clean.
 * @param secrets - Known secret values (the API key, an OAuth token…).
 * @returns The text with every secret replaced.
 *
 * @example
 * ```ts
 * redactSecrets('key om_live_4fT9kQ2m rejected', []); // 'key REDACTED rejected'
 * ```
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const ranges: Array<readonly [number, number]> = [];
  for (const secret of secrets) {
    if (secret === '') continue;
    // Step by one, not by the secret's length: overlapping occurrences ("aa" in "aaa") count.
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
      ranges.push([at, at + secret.length]);
    }
  }
  for (const match of text.matchAll(KEY_SHAPED)) {
    ranges.push([match.index, match.index + match[0].length]);
  }
  for (const match of text.matchAll(AUTH_SCHEME_CREDENTIAL)) {
    const start = match.index + (match[1] ?? '').length + (match[2] ?? '').length;
    ranges.push([start, match.index + match[0].length]);
  }
  if (ranges.length === 0) return text;

  let out = '';
  let cursor = 0;
  for (const [start, end] of mergeRanges(ranges)) {
    out += text.slice(cursor, start) + REDACTED;
    cursor = end;
  }
  return out + text.slice(cursor);
}
