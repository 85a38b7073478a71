import { createFinalURL, createQuerySerializer, defaultPathSerializer, mergeHeaders } from 'openapi-fetch';
import { checkCallInput } from '../arguments/input.js';
import { readRequestOptions } from '../check-options.js';
import { ResponseParseError } from '../errors/index.js';
import type { InternalLogger, SecretRegistry } from '../internal/logger.js';
import { matchOperation } from '../internal/operation-matcher.js';
import type { RetryBudget } from '../internal/retry-budget.js';
import type { RateLimitInfo } from '../headers/rate-limit.js';
import type { RouteInfo } from '../../generated/routes.js';
import type { AuthScheme, DeprecationNotice, RequestOptions, StabilityLevel } from '../options.js';
import type { RateLimitStore } from '../rate-limit/store.js';
import { authPolicy } from './auth.js';
import { bodyText, withBody } from './body.js';
import { composePolicies } from './compose.js';
import { credentialsPolicy, type CredentialSource } from './credentials.js';
import { deprecationPolicy } from './deprecation.js';
import { fetchTransport } from './fetch.js';
import { idempotencyPolicy } from './idempotency.js';
import { logPolicy } from './log.js';
import { rateLimitPolicy } from './rate-limit.js';
import { retryPolicy } from './retry.js';
import { stabilityPolicy } from './stability.js';
import { timeoutPolicy } from './timeout.js';
import type { CallContext, OutgoingRequest, Policy } from './types.js';
import type { ReportWait } from './waits.js';

/** Everything the pipeline needs, resolved from the client options. */
export interface PipelineConfig {
  baseUrl: string;
  /** True when no baseUrl was given and the key's prefix decides the server. */
  baseUrlFromKey: boolean;
  credentials: CredentialSource;
  authScheme: AuthScheme;
  stability: StabilityLevel;
  maxRetries: number;
  /** The longest wait before an attempt (option `maxRetryAfter`); `timeoutMs` caps it too. */
  maxRetryAfterMs: number;
  timeoutMs: number;
  /** Makes waits of more than a second visible (option `onWait`, or a warning). */
  reportWait: ReportWait;
  fetch: () => typeof fetch;
  logger: InternalLogger;
  secrets: SecretRegistry;
  rateLimit: { mode: 'pace' | 'off'; store: RateLimitStore };
  retryBudget: RetryBudget;
  deprecations: 'warn' | 'error' | 'off';
  onDeprecation: ((notice: DeprecationNotice) => void) | undefined;
  onQueryScheme: () => void;
  /** Called after every call with its final context (rate-limit state, credential id). */
  observe?: (context: CallContext) => void;
  /** The client's default headers (option `headers`), sent on every request. */
  headers?: Record<string, string> | undefined;
}

/**
 * The policies, outermost first. The order is the design:
 *  1. stability    — refuse beta/internal operations the client did not opt into, before anything
 *  2. deprecation  — SunsetError before sending; one warning per deprecated operation
 *  3. idempotency  — one Idempotency-Key per logical call, so every attempt carries the same key
 *  4. retry        — attempts, backoff, Retry-After, retry budget; everything below runs per attempt
 *                    (its waits and the pacer's are capped, and reported when longer than 1 s: waits.ts)
 *  5. credentials  — resolve the key or token afresh for this attempt; environment checks
 *  6. rate-limit   — wait for room in this key's budget; learn the budget from the response
 *  7. timeout      — a deadline per attempt covering headers and body (the body is read here)
 *  8. log          — one debug line per attempt, allow-listed headers only, never credentials
 *  9. auth         — innermost: sign the attempt; redirects never carry credentials off-origin
 */
export function createPolicies(config: PipelineConfig): Policy[] {
  return [
    stabilityPolicy(config.stability),
    deprecationPolicy({ mode: config.deprecations, ...(config.onDeprecation ? { onDeprecation: config.onDeprecation } : {}) }),
    idempotencyPolicy(),
    retryPolicy({ budget: config.retryBudget, reportWait: config.reportWait }),
    credentialsPolicy(config.credentials, { url: config.baseUrl, fromKey: config.baseUrlFromKey }),
    rateLimitPolicy({ store: config.rateLimit.store, mode: config.rateLimit.mode, reportWait: config.reportWait }),
    timeoutPolicy(),
    logPolicy(),
    authPolicy({ scheme: config.authScheme, ...(config.credentials.unauthorized ? { unauthorized: config.credentials.unauthorized } : {}), onQueryScheme: config.onQueryScheme }),
  ];
}

/** Per-request options as openapi-fetch hands them over: copied onto the Request object. */
type RequestWithOptions = Request & Partial<Record<keyof RequestOptions, unknown>>;

// Statuses that have no body by definition (RFC 9110 §15.3.5, §15.3.6, §15.4.5).
const NO_BODY_STATUS = new Set([204, 205, 304]);

/** What a direct call sends besides its options: path parameters, query and JSON body. */
export interface CallInput {
  /** Values of the route's path parameters, by name (checked: see `arguments/path.ts`). */
  path?: Record<string, unknown>;
  /** Query parameters: primitives, arrays (repeated `name=`), objects (`name[key]=`); undefined and null are left out. */
  query?: Record<string, unknown> | undefined;
  /** The JSON body; `undefined` sends none (checked and serialised: see `arguments/body.ts`). */
  body?: unknown;
}

/** The outcome of a direct call that got a response. */
export interface CallResult {
  /** The response (its body already read). */
  response: Response;
  /**
   * The parsed JSON of a success (undefined for 204/205/304 and HEAD); for an error status, the
   * body as openapi-fetch reports it: parsed JSON, else the text, else undefined when empty.
   */
  body: unknown;
  /** The rate-limit state the pipeline read from the response. */
  rateLimit: RateLimitInfo | undefined;
}

/**
 * One client's pipeline: the policies composed once. Entered through `fetch` (openapi-fetch's
 * low-level calls) or, for the facade, through {@link createCall}, which builds the request
 * itself; kept apart so the core entry's bundle does not carry the facade's entry.
 */
export interface Pipeline {
  /** The `fetch` handed to openapi-fetch (the low-level `client.GET`…). */
  fetch(request: Request): Promise<Response>;
  /** Sends one call's request through the policies; reports the final context to `observe`. */
  send(request: OutgoingRequest, context: CallContext): Promise<Response>;
  /** The context of a new call; validates the per-request options (`ConfigurationError`). */
  context(operation: RouteInfo | undefined, method: string, path: string, signal: AbortSignal | undefined, options: Partial<Record<keyof RequestOptions, unknown>>): CallContext;
  /** The client's base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** The client's default headers (option `headers`). */
  readonly headers: Record<string, string> | undefined;
}

type Success = { json: unknown; text: string } | undefined;

/**
 * The JSON of a success and the text it was parsed from; `undefined` when the status or method
 * has no body. Synchronous when the timeout policy read the body (always, with the default
 * policies), so the common path costs no promise.
 */
function successJson(response: Response, context: CallContext): Success | Promise<Success> {
  if (NO_BODY_STATUS.has(response.status) || context.method === 'HEAD') return undefined;
  const text = bodyText(context);
  return text === undefined ? response.clone().text().then((read) => parseSuccess(response, context, read)) : parseSuccess(response, context, text);
}

function parseSuccess(response: Response, context: CallContext, text: string): Success {
  // Every success the API documents is a JSON document, so an empty body or a proxy's HTML page
  // answering 200 is a broken response too: without this check openapi-fetch throws a raw
  // SyntaxError for the page and the facade resolves `undefined` for the empty body.
  try {
    return { json: JSON.parse(text), text };
  } catch (cause) {
    throw new ResponseParseError({ status: response.status, method: context.method, path: context.path, headers: response.headers, body: text, cause });
  }
}

/**
 * Builds one client's pipeline. Both ways in make sure a successful response carries JSON (a
 * typed `ResponseParseError`, never a raw SyntaxError nor a silent `undefined`).
 */
export function createPipeline(config: PipelineConfig): Pipeline {
  const composed = composePolicies(createPolicies(config), fetchTransport(config.fetch, (text) => config.secrets.scrub(text)));
  const basePath = new URL(config.baseUrl).pathname.replace(/\/+$/, '') || '/';
  const scrub = (text: string): string => config.secrets.scrub(text);

  const pipeline: Pipeline = {
    baseUrl: config.baseUrl,
    headers: config.headers,
    context(operation, method, path, signal, requestOptions) {
      const options = readRequestOptions(requestOptions);
      const timeoutMs = options.timeoutMs ?? config.timeoutMs;
      return {
        operation,
        method,
        path,
        signal,
        timeoutMs,
        maxRetries: options.maxRetries ?? config.maxRetries,
        maxWaitMs: Math.min(config.maxRetryAfterMs, timeoutMs),
        idempotencyKey: options.idempotencyKey,
        attempt: 1,
        attemptSignal: undefined,
        credential: undefined,
        rateLimit: undefined,
        logger: config.logger,
        scrub,
      };
    },
    send(request, context) {
      const observe = config.observe;
      if (!observe) return composed(request, context);
      return composed(request, context).then(
        (response) => {
          observe(context);
          return response;
        },
        (error: unknown) => {
          observe(context);
          throw error;
        },
      );
    },
    async fetch(input: Request): Promise<Response> {
      const request = input as RequestWithOptions;
      const url = new URL(request.url);
      const operation = matchOperation(request.method, url.pathname, basePath);
      const context = pipeline.context(operation, request.method, operation?.path ?? url.pathname, request.signal, request);
      const body = request.body ? await request.arrayBuffer() : undefined;
      const response = await pipeline.send({ url, method: request.method, headers: request.headers, body }, context);
      // openapi-fetch reads an error body as text and parses it itself; a broken one still becomes
      // the status's ApiError (code HTTP_<status>) in the facade.
      if (!response.ok) return withBody(response, context, { text: bodyText(context) ?? '' });
      return withBody(response, context, await successJson(response, context));
    },
  };
  return pipeline;
}

const encoder = new TextEncoder();

/**
 * The query string as the low-level client builds it: openapi-fetch's own default serializer
 * (form style, exploded arrays, deepObject objects, undefined and null left out), so a facade
 * call and the same low-level call put the same URL on the wire.
 */
export const serializeQuery: (query: Record<string, unknown> | undefined) => string = createQuerySerializer();

/** A direct call of a known operation: see {@link createCall}. */
export type Call = (route: RouteInfo, input: CallInput, options: RequestOptions) => Promise<CallResult>;

/**
 * The facade's way into a pipeline: builds the request itself instead of letting openapi-fetch
 * build a `Request` that the pipeline takes apart again. What it puts on the wire is what the
 * low-level client sends for the same input: path parameters percent-encoded, the query
 * serialised like openapi-fetch's default serializer, a JSON body with its content type, the
 * client's default headers.
 */
export function createCall(pipeline: Pipeline): Call {
  return (route, input, requestOptions) => {
    try {
      return sendCall(pipeline, route, input, requestOptions);
    } catch (error) {
      return Promise.reject(error); // a bad option or input fails the call, never throws at the caller
    }
  };
}

/** One direct call; chained with `then` rather than `await`, since each await is a turn of the microtask queue per call. */
function sendCall(pipeline: Pipeline, route: RouteInfo, input: CallInput, requestOptions: RequestOptions): Promise<CallResult> {
  const context = pipeline.context(route, route.method, route.path, requestOptions.signal, requestOptions);
  const json = checkCallInput(route, input);
  const params = { ...(input.path ? { path: input.path } : {}), ...(input.query ? { query: input.query } : {}) };
  const url = new URL(createFinalURL(route.path, { baseUrl: pipeline.baseUrl, params, querySerializer: serializeQuery, pathSerializer: defaultPathSerializer }));
  let body: ArrayBuffer | undefined;
  if (json !== undefined) {
    const bytes = encoder.encode(json);
    body = bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
  }
  // openapi-fetch's merge, in its order: the body's content type, then the client's headers.
  const headers = mergeHeaders(body === undefined ? undefined : { 'Content-Type': 'application/json' }, pipeline.headers);
  return pipeline.send({ url, method: route.method, headers, body }, context).then((response) => {
    if (!response.ok) return errorBody(response, context).then((parsed) => ({ response, body: parsed, rateLimit: context.rateLimit }));
    const success = successJson(response, context);
    return success instanceof Promise
      ? success.then((read) => ({ response, body: read?.json, rateLimit: context.rateLimit }))
      : { response, body: success?.json, rateLimit: context.rateLimit };
  });
}

/** An error response's body as openapi-fetch reports it: JSON, else text; undefined when there is none. */
async function errorBody(response: Response, context: CallContext): Promise<unknown> {
  const length = response.headers.get('content-length');
  if (response.status === 204 || context.method === 'HEAD' || (length === '0' && !response.headers.get('transfer-encoding')?.includes('chunked'))) return undefined;
  const text = bodyText(context) ?? (await response.text());
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
