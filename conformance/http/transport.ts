/**
 * How the generated cases reach the server: a plain `fetch` of exactly the bytes a case
 * describes, paced inside the key's rate limit by the SDK's own rate-limit store.
 *
 * Why not the SDK's client: its job is to refuse bad input before any I/O (arguments are checked
 * against the spec) and to smooth over what the server does (retries on 5xx, automatic
 * `Idempotency-Key`s, JSON-only bodies). A conformance run needs the opposite — malformed JSON,
 * wrong types, no key, undocumented methods, sent as they are and judged as they come back — and
 * a curl line that repeats them byte for byte. So the run sends through this transport, and only
 * borrows what keeps it a good citizen: the SDK's {@link MemoryRateLimitStore} (the same pacing a
 * client applies: the lowest `X-RateLimit-Remaining` of the window minus the requests in flight),
 * fed from the `X-RateLimit-*` headers of every answer, one budget per credential and rate-limit
 * group; and a bounded wait on `Retry-After` when a 429 comes anyway.
 */
import { MemoryRateLimitStore, type RateLimitStore, type RateLimitWindow } from '@opsmerge/sdk';
import { readTextAtMost, type BodyText } from '@opsmerge/mocks/validate';
import { formatSeconds, isTimeout, type Silence } from './silence.js';
import { headersToSend, type WireRequest } from './wire.js';

/** A response as the checks see it: status, headers and the body text (parsed when it is JSON). */
export interface ReceivedResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body; undefined when empty or not JSON. */
  readonly json: unknown;
  /** Why the body is not JSON, when it is not empty and does not parse. */
  readonly jsonError: string | undefined;
}

/** A request and what came back: its response, or why none did. */
export interface Exchange {
  readonly request: WireRequest;
  /** The final response; undefined when none came (connection refused or reset, timeout). */
  readonly response: ReceivedResponse | undefined;
  /** Why no response came. */
  readonly error: string | undefined;
  /** 429 answers waited out before the final response (each is judged too). */
  readonly throttled: readonly ReceivedResponse[];
  /** Why the request was not sent at all (the server had stopped answering, or its rate limit would hold the request back too long): nothing to judge. */
  readonly notSent?: string;
}

/** Options of {@link createTransport}. */
export interface TransportOptions {
  /** The fetch to call. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Where the rate-limit budget lives. @default a new MemoryRateLimitStore */
  readonly store?: RateLimitStore;
  /** Longest wait for one answer, headers and body. @default 30000 */
  readonly timeoutMs?: number;
  /** Longest body read; the rest is cut off. @default 10 MiB */
  readonly maxBodyBytes?: number;
  /**
   * Shared with the rest of the run: told whether each request got an answer in time; once it
   * says the server stopped answering, {@link Transport.send} sends nothing more and returns that
   * reason as the exchange's error. @default none: every request is sent
   */
  readonly silence?: Silence;
  /**
   * Longest wait honoured: a `Retry-After` longer than this ends the retries, and a request the
   * rate limit the server reports would hold back longer than this is not sent (its exchange
   * says why). @default 60000
   */
  readonly maxRetryAfterMs?: number;
  /** 429 answers waited out per request before the last one is returned. @default 2 */
  readonly maxThrottleRetries?: number;
}

/** Sends requests, paced. */
export interface Transport {
  /** Sends one request in the budget of (`credential`, `group`). */
  send(request: WireRequest, group: string): Promise<Exchange>;
  /** Requests sent so far (429 retries included). */
  readonly sent: number;
  /** Why nothing more is sent (the server stopped answering); undefined while requests go out. */
  readonly stopped: string | undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function integerHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  return raw !== null && /^\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

/** The rate-limit window an answer reports (`X-RateLimit-*`, reset in epoch seconds), if well-formed. */
export function windowOf(headers: Headers): RateLimitWindow | undefined {
  const limit = integerHeader(headers, 'x-ratelimit-limit');
  const remaining = integerHeader(headers, 'x-ratelimit-remaining');
  const reset = integerHeader(headers, 'x-ratelimit-reset');
  if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
  return { limit, remaining: Math.min(remaining, limit), resetAt: reset * 1000 };
}

function received(status: number, headers: Headers, { text, truncated }: BodyText, maxBytes: number): ReceivedResponse {
  if (truncated) return { status, headers, text, json: undefined, jsonError: `the body goes on past ${maxBytes} bytes; the run read no more of it` };
  if (text.trim() === '') return { status, headers, text, json: undefined, jsonError: undefined };
  try {
    return { status, headers, text, json: JSON.parse(text) as unknown, jsonError: undefined };
  } catch (error) {
    return { status, headers, text, json: undefined, jsonError: error instanceof Error ? error.message : String(error) };
  }
}

function describeError(error: unknown, timeoutMs: number): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within the timeout (${formatSeconds(timeoutMs)})`;
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}

/** A request the server's rate limit would hold back longer than the run waits: not sent. */
class HeldBack extends Error {
  constructor(waitMs: number, maxWaitMs: number) {
    super(`not sent: the rate limit the server reports leaves no request for ${Math.ceil(waitMs / 1000)} s (X-RateLimit-Remaining 0 until X-RateLimit-Reset), longer than the run waits (${formatSeconds(maxWaitMs)})`);
    this.name = 'HeldBack';
  }
}

/** Creates a transport; see {@link TransportOptions}. */
export function createTransport(options: TransportOptions = {}): Transport {
  const store = options.store ?? new MemoryRateLimitStore();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const maxThrottleRetries = options.maxThrottleRetries ?? 2;
  let sent = 0;

  const bucketOf = (request: WireRequest, group: string): string => {
    const c = request.credential;
    return `${c.kind === 'key' || c.kind === 'other-key' ? c.key.slice(-8) : c.kind}:${group}`;
  };

  async function once(request: WireRequest, bucket: string): Promise<ReceivedResponse> {
    const waitUntil = Date.now() + maxRetryAfterMs;
    let reservation = await store.reserve(bucket, Date.now());
    while (!reservation.ok) {
      // A server may report a window that resets in a year: that is a refusal, not a wait.
      if (Date.now() + reservation.retryInMs > waitUntil) throw new HeldBack(reservation.retryInMs, maxRetryAfterMs);
      await sleep(reservation.retryInMs);
      reservation = await store.reserve(bucket, Date.now());
    }
    let window: RateLimitWindow | undefined;
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      sent += 1;
      const response = await (options.fetch ?? globalThis.fetch)(request.url, {
        method: request.method,
        headers: headersToSend(request),
        ...(request.body === undefined ? {} : { body: request.body }),
        redirect: 'manual',
        signal,
      });
      window = windowOf(response.headers);
      const answer = received(response.status, response.headers, await readTextAtMost(response, maxBodyBytes), maxBodyBytes);
      options.silence?.answered();
      return answer;
    } catch (error) {
      if (isTimeout(error, signal)) options.silence?.unanswered();
      throw error;
    } finally {
      await store.release(bucket, reservation.ticket, window, Date.now());
    }
  }

  return {
    get sent() {
      return sent;
    },
    get stopped() {
      return options.silence?.stopped;
    },
    async send(request, group) {
      const stopped = options.silence?.stopped;
      if (stopped !== undefined) return { request, response: undefined, error: stopped, throttled: [], notSent: stopped };
      const bucket = bucketOf(request, group);
      const throttled: ReceivedResponse[] = [];
      try {
        for (;;) {
          const response = await once(request, bucket);
          const retryAfter = integerHeader(response.headers, 'retry-after');
          if (response.status !== 429 || throttled.length >= maxThrottleRetries || retryAfter === undefined || retryAfter * 1000 > maxRetryAfterMs) {
            return { request, response, error: undefined, throttled };
          }
          throttled.push(response);
          await sleep(Math.max(retryAfter * 1000, 50));
        }
      } catch (error) {
        if (error instanceof HeldBack) return { request, response: undefined, error: error.message, throttled, notSent: error.message };
        return { request, response: undefined, error: describeError(error, timeoutMs), throttled };
      }
    },
  };
}
