import { ConfigurationError, ResponseParseError } from '../errors.js';
import type { InternalLogger, SecretRegistry } from '../internal/logger.js';
import { matchOperation } from '../internal/operation-matcher.js';
import type { RetryBudget } from '../internal/retry-budget.js';
import type { OAuthTokenManager } from '../oauth/token-manager.js';
import type { RateLimitInfo } from '../headers/rate-limit.js';
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
import type { CallContext, Policy } from './types.js';

/** Everything the pipeline needs, resolved from the client options. */
export interface PipelineConfig {
  baseUrl: string;
  /** True when no baseUrl was given and the key's prefix decides the server. */
  baseUrlFromKey: boolean;
  credentials: CredentialSource;
  authScheme: AuthScheme;
  oauth: OAuthTokenManager | undefined;
  stability: StabilityLevel;
  maxRetries: number;
  maxRetryAfterMs: number;
  timeoutMs: number;
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
}

/**
 * The policies, outermost first. The order is the design:
 *  1. stability    — refuse beta/internal operations the client did not opt into, before anything
 *  2. deprecation  — SunsetError before sending; one warning per deprecated operation
 *  3. idempotency  — one Idempotency-Key per logical call, so every attempt carries the same key
 *  4. retry        — attempts, backoff, Retry-After, retry budget; everything below runs per attempt
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
    retryPolicy({ maxRetryAfterMs: config.maxRetryAfterMs, budget: config.retryBudget }),
    credentialsPolicy(config.credentials, { url: config.baseUrl, fromKey: config.baseUrlFromKey }),
    rateLimitPolicy({ store: config.rateLimit.store, mode: config.rateLimit.mode }),
    timeoutPolicy(),
    logPolicy(),
    authPolicy({ scheme: config.authScheme, ...(config.oauth ? { oauth: config.oauth } : {}), onQueryScheme: config.onQueryScheme }),
  ];
}

/** Per-request options as openapi-fetch hands them over: copied onto the Request object. */
type RequestWithOptions = Request & Partial<Record<keyof RequestOptions | 'opsmergeResult', unknown>>;

function readRequestOptions(request: RequestWithOptions, config: PipelineConfig): { timeoutMs: number; maxRetries: number; idempotencyKey: string | false | undefined } {
  const { timeout, maxRetries, idempotencyKey } = request;
  if (timeout !== undefined && !(typeof timeout === 'number' && timeout > 0 && Number.isFinite(timeout))) {
    throw new ConfigurationError(`timeout must be a positive number of milliseconds, got ${String(timeout)}`, { option: 'timeout' });
  }
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && (maxRetries as number) >= 0)) {
    throw new ConfigurationError(`maxRetries must be a whole number ≥ 0, got ${String(maxRetries)}`, { option: 'maxRetries' });
  }
  if (idempotencyKey !== undefined && idempotencyKey !== false && !(typeof idempotencyKey === 'string' && /^[A-Za-z0-9_.:-]{8,255}$/.test(idempotencyKey))) {
    throw new ConfigurationError('idempotencyKey must be false or 8–255 characters of letters, digits and _ . : -', { option: 'idempotencyKey' });
  }
  return {
    timeoutMs: (timeout as number | undefined) ?? config.timeoutMs,
    maxRetries: (maxRetries as number | undefined) ?? config.maxRetries,
    idempotencyKey: idempotencyKey as string | false | undefined,
  };
}

// Statuses that have no body by definition (RFC 9110 §15.3.5, §15.3.6, §15.4.5).
const NO_BODY_STATUS = new Set([204, 205, 304]);

/**
 * Where the pipeline puts a successful facade call's parsed body and rate-limit state: the facade
 * passes one per call (option `opsmergeResult`), so nothing is parsed twice. Not a module-level
 * WeakMap keyed by response: its entries kept whole parsed pages alive through young-generation
 * GCs, which doubled the young generation during list walks (bench/results.md).
 */
export interface FacadeResult {
  json?: unknown;
  rateLimit?: RateLimitInfo | undefined;
}

/**
 * The `fetch` handed to openapi-fetch: reads the request body once, finds the operation, runs
 * the policies, and makes sure a successful response carries JSON (a typed
 * `ResponseParseError`, never a raw SyntaxError nor a silent `undefined`).
 */
export function createPipelineFetch(config: PipelineConfig): (request: Request) => Promise<Response> {
  const send = composePolicies(createPolicies(config), fetchTransport(config.fetch, (text) => config.secrets.scrub(text)));
  const basePath = new URL(config.baseUrl).pathname.replace(/\/+$/, '') || '/';
  return async (input: Request): Promise<Response> => {
    const request = input as RequestWithOptions;
    const url = new URL(request.url);
    const operation = matchOperation(request.method, url.pathname, basePath);
    const path = operation?.path ?? url.pathname;
    const options = readRequestOptions(request, config);
    const body = request.body ? await request.arrayBuffer() : undefined;
    const context: CallContext = {
      operation,
      method: request.method,
      path,
      signal: request.signal,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      idempotencyKey: options.idempotencyKey,
      attempt: 1,
      attemptSignal: undefined,
      credential: undefined,
      rateLimit: undefined,
      logger: config.logger,
      scrub: (text) => config.secrets.scrub(text),
    };
    let response: Response;
    try {
      response = await send({ url, method: request.method, headers: request.headers, body }, context);
    } finally {
      config.observe?.(context);
    }
    // A broken error body still becomes the status's ApiError (code HTTP_<status>) in the facade.
    if (!response.ok || NO_BODY_STATUS.has(response.status) || request.method === 'HEAD') return withBody(response, context);
    // Every success the API documents is a JSON document, so an empty body or a proxy's HTML page
    // answering 200 is a broken response too: without this check openapi-fetch throws a raw
    // SyntaxError for the page and the facade resolves `undefined` for the empty body.
    const text = bodyText(context) ?? (await response.clone().text());
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new ResponseParseError({ status: response.status, method: request.method, path, headers: response.headers, body: text, cause });
    }
    const result = request.opsmergeResult as FacadeResult | undefined;
    if (result === undefined) return withBody(response, context); // openapi-fetch parses it itself
    result.json = json;
    result.rateLimit = context.rateLimit;
    return response;
  };
}
