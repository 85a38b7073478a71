/**
 * A caller's `AbortSignal` from another realm (an iframe, a `vm` context, jsdom) or a polyfill
 * passes the SDK's check (a boolean `aborted` and an `addEventListener` method) but not the
 * platform's own APIs (`new Request({ signal })`, `AbortSignal.any`), which want this realm's
 * class. Such a signal is followed through a native one.
 *
 * @internal
 * @packageDocumentation
 */

/** What the SDK accepts as a signal: `AbortSignal`'s shape, from any realm. */
export interface SignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener?(type: 'abort', listener: () => void): void;
}

/** A native signal that aborts when `signal` does, and a function to stop following it. */
export interface AdoptedSignal {
  readonly signal: AbortSignal;
  /** Stops following the caller's signal (call it when the call settles). */
  readonly release: () => void;
}

const noop = (): void => undefined;

/**
 * `signal` itself when it is this realm's `AbortSignal`; else a native signal that follows it
 * (aborted at once when it already is, with its `reason`).
 */
export function adoptSignal(signal: SignalLike): AdoptedSignal {
  if (signal instanceof AbortSignal) return { signal, release: noop };
  const controller = new AbortController();
  if (signal.aborted) {
    controller.abort(signal.reason);
    return { signal: controller.signal, release: noop };
  }
  const onAbort = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, release: () => signal.removeEventListener?.('abort', onAbort) };
}
