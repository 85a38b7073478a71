/**
 * Times a response states on the server's clock (`Retry-After` as an HTTP-date,
 * `X-RateLimit-Reset`), turned into the client's clock with the response's own `Date` header,
 * so that a client whose clock is off does not wait minutes too long, or not at all.
 *
 * Pure functions, no I/O.
 *
 * @packageDocumentation
 */
import { parseHttpDate, parseRetryAfter } from './retry-after.js';

/** What the parsers read from a response's headers: `Headers`, or anything with its `get`. */
export type HeaderReader = Pick<Headers, 'get'>;

/**
 * How far the client's clock may run ahead of a `Date` header and still count as in step with
 * the server: the header has whole seconds (up to 1 s behind the server), and it was written
 * before the response crossed the network (up to 1 s more is allowed for that).
 */
export const CLOCK_TOLERANCE_MS = 2000;

/**
 * The correction to add to the client's clock to read the server's: `0` when the response's
 * `Date` is absent, invalid, or in step with `nowMs` (the client's clock is at most
 * {@link CLOCK_TOLERANCE_MS} ahead of it and not behind it); otherwise `date − nowMs`, which takes
 * the server's time to be the `Date` itself.
 *
 * Taking the `Date` as the server's time errs on the long side: the server's true time is up to
 * a second (plus the response's time on the network) later, so a wait computed from it is at
 * most that much too long, never too short. Inside the tolerance nothing is corrected, so clocks
 * that are in step (NTP) wait exactly what the server asked.
 *
 * @param date - The `Date` header's value (an HTTP-date), or null when the response has none.
 * @param nowMs - The client's clock when the response arrived, in epoch milliseconds.
 * @returns Milliseconds to add to a client time to get the server's time.
 *
 * @example
 * ```ts
 * // The client's clock is 10 minutes ahead of the server's:
 * clockOffsetMs('Sun, 22 Nov 2026 09:00:00 GMT', Date.parse('2026-11-22T09:10:00.300Z')); // -600300
 * // In step (the Date header lags by its truncated fraction of a second):
 * clockOffsetMs('Sun, 22 Nov 2026 09:00:00 GMT', Date.parse('2026-11-22T09:00:00.900Z')); // 0
 * ```
 */
export function clockOffsetMs(date: string | null | undefined, nowMs: number): number {
  if (date == null) return 0;
  const serverMs = parseHttpDate(date, nowMs);
  if (serverMs === undefined) return 0;
  const ahead = nowMs - serverMs;
  return ahead >= 0 && ahead < CLOCK_TOLERANCE_MS ? 0 : serverMs - nowMs;
}

/**
 * The wait a response's `Retry-After` asks for, in milliseconds: delay-seconds as they are, an
 * HTTP-date measured on the server's clock (see {@link clockOffsetMs}). A client clock 10 minutes
 * off turns `Retry-After: <4 s after the Date header>` into 4 s, not 10 minutes nor no wait.
 *
 * @param headers - The response headers (`Retry-After`, and `Date` for an HTTP-date).
 * @param nowMs - The client's clock, in epoch milliseconds.
 * @returns Milliseconds to wait (≥ 0), or `undefined` without a valid `Retry-After`.
 *
 * @example
 * ```ts
 * const waitMs = retryAfterFromHeaders(response.headers, Date.now());
 * ```
 */
export function retryAfterFromHeaders(headers: HeaderReader, nowMs: number): number | undefined {
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  return parseRetryAfter(value, nowMs + clockOffsetMs(headers.get('date'), nowMs));
}
