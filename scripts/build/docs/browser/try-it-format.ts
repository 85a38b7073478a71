/**
 * The try-it console's data and how its panel shows it: the catalogue of operations it can
 * run, what one run recorded, and the pure formatting of requests, responses and rate-limit
 * headers (keys shortened to prefix and last four, JSON pretty-printed).
 */
import type { SampleArgs } from '../samples.js';

/** What the panel knows about one operation (assets/try-it-catalog.js). */
export interface CatalogEntry {
  readonly id: string;
  /** `agents.list` */
  readonly title: string;
  readonly summary: string;
  readonly method: string;
  readonly path: string;
  readonly resource: string;
  readonly name: string;
  readonly pathParams: readonly string[];
  readonly body: 'none' | 'optional' | 'required';
  readonly stability: 'stable' | 'beta' | 'internal';
  readonly deprecated: boolean;
  /** The page's sample arguments, the form's starting values. */
  readonly args: SampleArgs;
}

/** One request the console sent and the mock's answer. */
export interface Exchange {
  readonly request: { readonly method: string; readonly url: string; readonly headers: readonly (readonly [string, string])[]; readonly body?: string };
  readonly response?: { readonly status: number; readonly statusText: string; readonly headers: readonly (readonly [string, string])[]; readonly body: string };
}

/** What one run did: the exchanges, and the error the SDK threw, if any. */
export interface RunResult {
  readonly exchanges: readonly Exchange[];
  readonly error?: { readonly name: string; readonly message: string; readonly code?: string };
  /** Deprecation notices the SDK raised during the run. */
  readonly notices: readonly string[];
}

/** The console the on-demand bundle (assets/try-it.js) provides. */
export interface TryItConsole {
  /** The mock's ready sandbox key (scope `admin`). */
  readonly testKey: string;
  /** Calls the operation through the SDK with the given arguments and key (the ready key by default). */
  run(operationId: string, args: SampleArgs, apiKey?: string): Promise<RunResult>;
  /** Back to the seeded state. */
  reset(): void;
}

declare global {
  interface Window {
    /** Set by assets/try-it.js. */
    OpsMergeTryIt?: { createConsole(): TryItConsole };
    /** Set by assets/try-it-catalog.js. */
    omTryItCatalog?: Readonly<Record<string, CatalogEntry>>;
    /** Set by assets/search-snippets.js: search result URL → snippet. */
    omSearchSnippets?: Readonly<Record<string, string>>;
  }
}

/** An API key as it may be shown: `om_test_…9f3a`; anything shorter than 12 characters is hidden whole. */
export function shortKey(key: string): string {
  const m = /^(om_(?:live|test)_)(.*)$/.exec(key);
  if (key.length < 12) return '…';
  return `${m ? m[1] : key.slice(0, 4)}…${key.slice(-4)}`;
}

/** A request header as shown: credentials shortened. */
export function shownHeader(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === 'authorization') {
    const [scheme, ...rest] = value.split(' ');
    return rest.length > 0 ? `${scheme} ${shortKey(rest.join(' '))}` : shortKey(value);
  }
  if (lower === 'x-api-key') return shortKey(value);
  return value;
}

/** A JSON text pretty-printed; other text as it is. */
export function prettyBody(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** RFC 9110's reason phrases for the statuses an HTTP API answers with. */
const REASON_PHRASES: Readonly<Record<number, string>> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content',
  301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 412: 'Precondition Failed', 413: 'Content Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 428: 'Precondition Required', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/**
 * A response's status as shown: `201 Created`. An in-page `Response` often has no status text
 * (HTTP/2 has none either), so the phrase comes from RFC 9110 when the response gives none;
 * an unknown status is its number alone.
 */
export function statusLine(status: number, statusText: string): string {
  return `${status} ${statusText.trim() || (REASON_PHRASES[status] ?? '')}`.trim();
}

/** The `X-RateLimit-*` headers in words, or undefined when the response has none. */
export function rateLimitSummary(headers: readonly (readonly [string, string])[], nowMs: number): string | undefined {
  const get = (name: string): string | undefined => headers.find(([n]) => n.toLowerCase() === name)?.[1];
  const limit = get('x-ratelimit-limit');
  const remaining = get('x-ratelimit-remaining');
  const reset = Number(get('x-ratelimit-reset'));
  if (limit === undefined || remaining === undefined) return undefined;
  const parts = [`${remaining} of ${limit} requests left`];
  if (Number.isFinite(reset) && reset > 0) {
    const seconds = Math.max(0, Math.round(reset - nowMs / 1000));
    parts.push(`window resets at ${new Date(reset * 1000).toISOString().slice(11, 19)} UTC (in ${seconds} s)`);
  }
  const retryAfter = get('retry-after');
  if (retryAfter !== undefined) parts.push(`Retry-After: ${retryAfter} s`);
  return parts.join(', ');
}

/** A key a response created (`apiKeys.create`, `apiKeys.rotate`), so the reader can use it next. */
export function createdKey(body: string): string | undefined {
  try {
    const key = (JSON.parse(body) as { data?: { key?: unknown } }).data?.key;
    return typeof key === 'string' && /^om_(live|test)_/.test(key) ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The form's text for a run's JSON argument (the query parameters of a call without a body,
 * else the body), and back: an empty text is no argument; anything else must be a JSON object.
 */
export function argumentText(entry: Pick<CatalogEntry, 'body'>, args: SampleArgs): string {
  const value = entry.body === 'none' ? args.query : args.body;
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

/** Parses the form's JSON argument; throws a message naming what is wrong. */
export function parseArgument(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`the arguments are not JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('the arguments must be a JSON object ({ … })');
  return value as Record<string, unknown>;
}
