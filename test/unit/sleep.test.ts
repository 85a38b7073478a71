import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sleep } from '../../src/internal/sleep.js';

/** Tracks whether a promise has settled without awaiting it. */
function track(promise: Promise<void>): { readonly state: 'pending' | 'resolved' | 'rejected'; readonly reason: unknown } {
  const result = { state: 'pending' as 'pending' | 'resolved' | 'rejected', reason: undefined as unknown };
  promise.then(
    () => {
      result.state = 'resolved';
    },
    (reason: unknown) => {
      result.state = 'rejected';
      result.reason = reason;
    },
  );
  return result;
}

describe('sleep', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after exactly ms milliseconds and not a millisecond earlier', async () => {
    const result = track(sleep(1000));
    await vi.advanceTimersByTimeAsync(999);
    expect(result.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(result.state).toBe('resolved');
  });

  it('treats 0, negative and NaN delays as an immediate timer', async () => {
    for (const ms of [0, -5, Number.NaN]) {
      const result = track(sleep(ms));
      await vi.advanceTimersByTimeAsync(0);
      expect(result.state).toBe('resolved');
    }
  });

  it('rejects with signal.reason within the same tick as the abort', async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const promise = sleep(60_000, controller.signal);
    const result = track(promise);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(reason);
    // No timer advance: only the microtask that delivers the rejection.
    await Promise.resolve();
    expect(result.state).toBe('rejected');
    expect(result.reason).toBe(reason);
    await expect(promise).rejects.toBe(reason);
  });

  it('clears its timer when aborted, so nothing is left to fire', async () => {
    const controller = new AbortController();
    const promise = sleep(60_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects immediately, without a timer, when the signal is already aborted', async () => {
    const reason = new Error('already gone');
    const result = track(sleep(1000, AbortSignal.abort(reason)));
    expect(vi.getTimerCount()).toBe(0);
    await Promise.resolve();
    expect(result.state).toBe('rejected');
    expect(result.reason).toBe(reason);
  });

  it('removes its abort listener once the delay has passed', async () => {
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const promise = sleep(100, controller.signal);
    await vi.advanceTimersByTimeAsync(100);
    await expect(promise).resolves.toBeUndefined();
    expect(add).toHaveBeenCalledTimes(1);
    expect(remove).toHaveBeenCalledWith('abort', add.mock.calls[0]?.[1]);
    // A later abort has nothing to reject any more.
    controller.abort();
  });

  it('ignores an abort that comes after it resolved', async () => {
    const controller = new AbortController();
    const promise = sleep(5, controller.signal);
    await vi.advanceTimersByTimeAsync(5);
    controller.abort();
    await expect(promise).resolves.toBeUndefined();
  });

  it('waits past the 2^31−1 ms limit of setTimeout instead of firing at once', async () => {
    const longer = 2 ** 31 + 1000;
    const result = track(sleep(longer));
    await vi.advanceTimersByTimeAsync(2 ** 31 - 1);
    expect(result.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(1000);
    expect(result.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(result.state).toBe('resolved');
  });

  it('rejects with the TimeoutError of an AbortSignal.timeout()', async () => {
    // AbortSignal.timeout() runs on the runtime's own clock, which fake timers do not drive.
    vi.useRealTimers();
    const started = performance.now();
    await expect(sleep(10_000, AbortSignal.timeout(20))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
