/**
 * The request pipeline of one client: which policies run, **in which order** (start here), and
 * the low-level way in (`fetch`, handed to openapi-fetch). The facade's way in is
 * `direct-call.ts`; what happens to a response body is `response-body.ts`.
 *
 * @packageDocumentation
 */
import { readRequestOptions } from '../check-options.js';
import type { InternalLogger, SecretRegistry } from '../internal/logger.js';
import { matchOperation } from '../internal/operation-matcher.js';
import type { RetryBudget } from '../internal/retry-budget.js';
import type { AuthScheme, DeprecationNotice, RequestOptions, StabilityLevel } from '../options.js';
import type { RateLimitStore } from '../rate-limit/store.js';
import type { RouteInfo } from '../../generated/routes.js';
import { authPolicy } from './auth.js';
import { withBody } from './buffered-response.js';
import { composePolicies } from './compose.js';
import { credentialsPolicy, type CredentialSource } from './credentials.js';
import { deprecationPolicy } from './deprecation.js';
import { checkEnvelope } from './envelope.js';
import { fetchTransport } from './fetch.js';
import { idempotencyPolicy } from './idempotency.js';
import { logPolicy } from './log.js';
import { rateLimitPolicy } from './rate-limit.js';
import { bodyText, successBody } from './response-body.js';
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
  /** The most bytes of a success's body a call reads (`maxResponseBytes`). */
  maxResponseBytes: number;
  /** Follow a redirect to another origin, without credentials (`followCrossOriginRedirects`). */
  followCrossOriginRedirects: boolean;
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
 *  7. timeout      — a deadline per attempt, covering headers and body
 *  8. log          — one debug line per attempt, allow-listed headers only, never credentials
 *  9. auth         — innermost: sign the attempt; follow same-origin redirects, refuse the rest
 * and then the terminal step (`fetch.ts`): one `fetch`, and the body read within its byte limit.
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
    authPolicy({
      scheme: config.authScheme,
      ...(config.credentials.unauthorized ? { unauthorized: config.credentials.unauthorized } : {}),
      onQueryScheme: config.onQueryScheme,
      followCrossOriginRedirects: config.followCrossOriginRedirects,
    }),
  ];
}

/** Per-request options as openapi-fetch hands them over: copied onto the Request object. */
type RequestWithOptions = Request & Partial<Record<keyof RequestOptions, unknown>>;

/**
 * One client's pipeline: the policies composed once. Entered through `fetch` (openapi-fetch's
 * low-level calls) or, for the facade, through `createCall` (direct-call.ts), which builds the
 * request itself; kept apart so the core entry's bundle does not carry the facade's entry.
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

/**
 * Builds one client's pipeline. Both ways in make sure a successful response carries the
 * documented JSON envelope (a typed `ResponseParseError` or `ResponseShapeError`, never a raw
 * SyntaxError, a TypeError nor a silent `undefined`).
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
        maxResponseBytes: options.maxResponseBytes ?? config.maxResponseBytes,
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
      if (!response.ok) return withBody(response, { text: bodyText(response) });
      const success = successBody(response, context);
      if (success && operation) checkEnvelope(operation, response, success.json);
      return withBody(response, success);
    },
  };
  return pipeline;
}
