/** A signal that follows several, and how to let go of them. */
export interface CombinedSignal {
  /** Aborts, with that signal's reason, as soon as any of the signals does. */
  readonly signal: AbortSignal;
  /** Removes what the fallback added to the signals; call it once the signal is no longer needed. */
  release(): void;
}

const nothing = (): void => undefined;

/**
 * Combines signals (`undefined` ones are left out; one signal is returned as it is):
 * `AbortSignal.any` where the runtime has it, else (Vercel's edge-runtime, Safari before 17.4)
 * an `AbortController` with a listener on each signal, removed on `release()` or on the first
 * abort, so a long-lived signal does not keep every combination made from it.
 */
export function anySignal(given: ReadonlyArray<AbortSignal | undefined>): CombinedSignal {
  const signals = given.filter((signal): signal is AbortSignal => signal !== undefined);
  if (signals.length === 1) return { signal: signals[0]!, release: nothing };
  const native = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
  if (typeof native === 'function') return { signal: native.call(AbortSignal, [...signals]), release: nothing };
  const controller = new AbortController();
  const aborted = signals.find((signal) => signal.aborted);
  if (aborted) {
    controller.abort(aborted.reason);
    return { signal: controller.signal, release: nothing };
  }
  const release = (): void => {
    for (const signal of signals) signal.removeEventListener('abort', onAbort);
  };
  function onAbort(this: AbortSignal): void {
    release();
    controller.abort(this.reason);
  }
  for (const signal of signals) signal.addEventListener('abort', onAbort);
  return { signal: controller.signal, release };
}
