/**
 * Redaction for anything that may end up in a log line, an error message or a debugger:
 * headers, URLs and free text.
 *
 * Headers and the query parameters of logged URLs use an allow-list, not a deny-list: a header
 * or parameter nobody thought about (a proxy's `X-Goog-Api-Key`, `?password=`) is hidden by
 * default, as Azure's core-rest-pipeline sanitizer does. Stainless SDKs once leaked `x-api-key`
 * because they listed what to hide instead.
 *
 * @packageDocumentation
 */
import { decodeEscapes } from './escapes.js';
import { MIN_FRAGMENT, SecretIndex, type Range } from './secret-index.js';

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

/**
 * Query parameter names whose values are safe to log: the API's paging, filters and
 * identifiers (test/unit/redact.test.ts keeps the list in step with the spec). Free text (`q`)
 * and personal data (`email`, `user_principal_name`) are left out, as is every parameter the
 * spec does not know. In a logged URL, every other parameter's value is written `REDACTED`.
 */
export const SAFE_QUERY_PARAMS: ReadonlySet<string> = new Set([
  'actor_id',
  'agent_id',
  'assignee_id',
  'billable',
  'client_id',
  'contact_id',
  'industry',
  'language',
  'metric',
  'min_stars',
  'os',
  'page',
  'per_page',
  'period',
  'priority',
  'role_id',
  'script_id',
  'service_id',
  'severity',
  'since',
  'site_id',
  'sku',
  'status',
  'ticket_id',
  'type',
  'urgency',
  'user_id',
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
  if (name === 'location') out = redactUrl(out, SAFE_QUERY_PARAMS);
  if (name === 'link') out = out.replace(/<([^>]*)>/g, (_, uri: string) => `<${redactUrl(uri, SAFE_QUERY_PARAMS)}>`);
  return redactSecrets(out, []);
}

/**
 * Copies headers for logging: names lower-cased, values of headers not in
 * {@link SAFE_HEADERS} replaced with `REDACTED`. Safe values still pass through
 * {@link redactSecrets} (and URLs in `Location` / `Link` through {@link redactUrl} with the
 * {@link SAFE_QUERY_PARAMS} allow-list), so a key pasted into the wrong header is hidden as well. Repeated names are joined with
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

/**
 * Redacts the values of an `application/x-www-form-urlencoded` string, keeping its bytes
 * otherwise: those of {@link SECRET_PARAMS}, and with an allow-list every parameter not on it.
 */
function redactParams(params: string, allow: ReadonlySet<string> | undefined): string {
  return params
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return pair;
      const name = decodeName(pair.slice(0, eq));
      return SECRET_PARAMS.has(name) || (allow !== undefined && !allow.has(name)) ? `${pair.slice(0, eq + 1)}${REDACTED}` : pair;
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
 * - With `allow`, the value of every parameter whose name is not in it: what a log line uses
 *   ({@link SAFE_QUERY_PARAMS}), so `?password=…` is never written out.
 * - The password of a `user:password@` userinfo.
 *
 * Relative URLs (`/v1/agents?api_key=…`) work as well as absolute ones.
 *
 * @param url - The URL, absolute or relative.
 * @param allow - Lower-case parameter names whose values may be shown; without it, only the
 *   credential parameters above are hidden.
 * @returns The URL with secrets replaced by `REDACTED`.
 *
 * @example
 * ```ts
 * redactUrl('https://app.opsmerge.cloud/api/v1/agents?api_key=om_live_x&page=2');
 * // 'https://app.opsmerge.cloud/api/v1/agents?api_key=REDACTED&page=2'
 * redactUrl('/v1/agents?page=2&password=hunter2', SAFE_QUERY_PARAMS);
 * // '/v1/agents?page=2&password=REDACTED'
 * ```
 */
export function redactUrl(url: string, allow?: ReadonlySet<string>): string {
  const [, base = '', query, fragment] = URL_PARTS.exec(url) ?? [];
  return (
    // RFC 3986 §3.2.1: "user:password" in userinfo is deprecated but still parsed by clients.
    base.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/@:]*:)[^/@]*@/, `$1${REDACTED}@`) +
    (query === undefined ? '' : `?${redactParams(query, allow)}`) +
    (fragment === undefined ? '' : `#${redactParams(fragment, allow)}`)
  );
}

// An absolute http(s) URL inside free text, up to white space, a quote or a bracket.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>()[\]{}]+/gi;

/**
 * Passes every absolute http(s) URL inside a text through {@link redactUrl} with `allow`: what a
 * log line or an underlying error's message (`request to https://…?password=… failed`) becomes.
 *
 * @param text - Free text.
 * @param allow - The query parameters whose values may be shown; {@link SAFE_QUERY_PARAMS} by default.
 * @returns The text with the URLs' other parameters `REDACTED`.
 */
export function redactUrlsInText(text: string, allow: ReadonlySet<string> = SAFE_QUERY_PARAMS): string {
  return text.includes('://') ? text.replace(URL_IN_TEXT, (url) => redactUrl(url, allow)) : text;
}

/** Merges overlapping or touching `[start, end)` ranges. */
function mergeRanges(ranges: Range[]): Array<readonly [number, number]> {
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

// Cheap tests that rule the patterns out before they are searched for in full.
const MAY_HAVE_KEY = /om_(?:live|test)_/;
const MAY_HAVE_SCHEME = /Bearer|Basic|Api-Key/i;

/** Every secret-shaped or known-secret span of `text`. */
function secretRanges(text: string, indexes: readonly SecretIndex[]): Range[] {
  const ranges: Range[] = [];
  for (const index of indexes) ranges.push(...index.find(text));
  if (MAY_HAVE_KEY.test(text)) for (const match of text.matchAll(KEY_SHAPED)) ranges.push([match.index, match.index + match[0].length]);
  if (!MAY_HAVE_SCHEME.test(text)) return ranges;
  for (const match of text.matchAll(AUTH_SCHEME_CREDENTIAL)) {
    const start = match.index + (match[1] ?? '').length + (match[2] ?? '').length;
    ranges.push([start, match.index + match[0].length]);
  }
  return ranges;
}

/** The secrets to look for: the indexes given, plus one built from the plain strings. */
function indexesOf(secrets: ReadonlyArray<string | SecretIndex>): SecretIndex[] {
  const indexes: SecretIndex[] = [];
  let plain: SecretIndex | undefined;
  for (const secret of secrets) {
    if (secret instanceof SecretIndex) indexes.push(secret);
    else if (secret !== '') (plain ??= new SecretIndex(Number.POSITIVE_INFINITY)).add(secret);
  }
  if (plain) indexes.push(plain);
  return indexes;
}

/**
 * Replaces secrets in free text (error messages, body snippets, debug output) with
 * `REDACTED`:
 *
 * - every occurrence of each secret in `secrets` (strings, or a {@link SecretIndex} of them),
 *   and every piece of one at least {@link MIN_FRAGMENT} characters long (a server that splits a
 *   token across two fields);
 * - every `om_live_…` / `om_test_…` key-shaped token, known or not;
 * - a credential (16+ characters) after an authentication scheme (`Bearer …`, `Basic …`,
 *   `Api-Key …`).
 *
 * Each is looked for in the text as it is and in the text with its escapes decoded
 * (percent-encoding, JSON string escapes, HTML character references; nested up to three
 * levels), so `om%5Flive%5F…` or `om\u005flive…` are hidden as well. All occurrences are found
 * first and overlapping ones are replaced together, so replacing one secret can never split
 * another and leave part of it behind.
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
export function redactSecrets(text: string, secrets: ReadonlyArray<string | SecretIndex>): string {
  const indexes = indexesOf(secrets);
  const ranges = secretRanges(text, indexes);
  for (const view of decodeEscapes(text)) {
    for (const [start, end] of secretRanges(view.text, indexes)) ranges.push([view.start[start] as number, view.end[end - 1] as number]);
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
