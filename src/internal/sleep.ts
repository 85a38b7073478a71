/**
 * An abortable timer.
 *
 * @packageDocumentation
 */

// HTML's timer steps (and Node's setTimeout) store the delay as a signed 32-bit integer:
// a longer delay overflows and fires at once, so long sleeps are chained in chunks.
const MAX_TIMER_MS = 2 ** 31 - 1;

function abortReason(signal: AbortSignal): unknown {
  // Runtimes older than the `reason` property leave it undefined; reject with what a
  // modern runtime would have put there.
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/**
 * Waits `ms` milliseconds, unless `signal` aborts first.
 *
 * On abort the promise rejects at once with `signal.reason` (so a timeout signal
 * rejects with its `TimeoutError`, a user's `abort(reason)` with that reason), and the
 * timer and the abort listener are both removed, so nothing keeps the process alive
 * and nothing leaks on a long-lived signal. An already-aborted signal rejects
 * immediately without starting a timer. Negative or `NaN` delays count as 0.
 *
 * @param ms - Milliseconds to wait.
 * @param signal - Optional signal that cancels the wait.
 * @returns A promise that resolves after `ms`, or rejects with `signal.reason`.
 *
 * @example
 * ```ts
 * await sleep(retryAfterMs, options.signal); // a retry wait the caller can cancel
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<void>((resolve, reject) => {
    let remaining = ms > 0 ? ms : 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };

    const arm = (): void => {
      const chunk = Math.min(remaining, MAX_TIMER_MS);
      remaining -= chunk;
      timer = setTimeout(() => {
        if (remaining > 0) {
          arm();
          return;
        }
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, chunk);
    };

    signal?.addEventListener('abort', onAbort, { once: true });
    arm();
  });
}
