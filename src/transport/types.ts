import type { RouteInfo } from '../../generated/routes.js';
import type { RateLimitInfo } from '../headers/rate-limit.js';
import type { InternalLogger } from '../internal/logger.js';

/** The credential of one attempt. `id` names its rate-limit budget without revealing it. */
export interface ResolvedCredential {
  readonly kind: 'key' | 'oauth';
  readonly value: string;
  readonly id: string;
}

/**
 * A request as it moves through the pipeline. The body is read once, up front, so every
 * attempt can send it again (a `Request` body can be consumed only once).
 */
export interface OutgoingRequest {
  url: URL;
  method: string;
  headers: Headers;
  body: ArrayBuffer | undefined;
}

/** What the policies know about one logical call (all its attempts). */
export interface CallContext {
  /** The operation, from the routes table; undefined for a path the spec does not know. */
  readonly operation: RouteInfo | undefined;
  readonly method: string;
  /** Path template (`/v1/agents/{agent_id}`) when known, else the URL path. Never has a query. */
  readonly path: string;
  /** The caller's signal; aborting it ends the call at once. */
  readonly signal: AbortSignal | undefined;
  /** Per-attempt timeout (ms). */
  readonly timeoutMs: number;
  /** Retries allowed for this call. */
  readonly maxRetries: number;
  /**
   * The longest wait before an attempt (ms): `maxRetryAfter`, or `timeoutMs` when shorter. A
   * longer pacing wait or `Retry-After` throws `RateLimitError` instead (transport/waits.ts).
   */
  readonly maxWaitMs: number;
  /** `false` when the caller opted out of an idempotency key, else the caller's key if any. */
  readonly idempotencyKey: string | false | undefined;
  /** 1 for the first attempt. */
  attempt: number;
  /**
   * Set by the retry policy when the next attempt goes at the time a `Retry-After` named: the
   * rate-limit policy then sends it without pacing, since the server's word beats a later reset.
   */
  retryAfterHonoured?: boolean;
  /** Signal of the current attempt (caller's signal + the attempt's timeout). */
  attemptSignal: AbortSignal | undefined;
  /** The credential of the current attempt (set by the credentials policy). */
  credential: ResolvedCredential | undefined;
  /** Rate-limit state read from the last response. */
  rateLimit: RateLimitInfo | undefined;
  /** The most bytes of a success's body this call reads (`maxResponseBytes`). */
  readonly maxResponseBytes: number;
  readonly logger: InternalLogger;
  /** Replaces known secrets in a text (for error messages built from underlying errors). */
  readonly scrub: (text: string) => string;
}

/** Sends a request further down the pipeline. */
export type Next = (request: OutgoingRequest, context: CallContext) => Promise<Response>;

/**
 * One cross-cutting concern of the transport (auth, retry, timeout…). A policy may change the
 * request, call `next` zero or more times, and change or replace the response. The response it
 * gets from `next` has its body read already (see `response-body.ts`): status and headers are
 * what a policy looks at. How a policy stays cheap: see `composePolicies`.
 */
export interface Policy {
  readonly name: string;
  send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response>;
}
