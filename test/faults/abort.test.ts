import { describe, expect, it } from 'vitest';
import { faults } from './fault-server.js';
import { faultClient, rejectionOf, until, useFaultServer } from './helpers.js';

// The criterion: an abort ends the call within 10 ms, whatever it was waiting for.
const ABORT_BOUND_MS = 10;

const server = useFaultServer();

interface AbortOutcome {
  error: unknown;
  /** Milliseconds from `abort()` to the call's end, the fastest of the trials. */
  elapsedMs: number;
  /** Whether every trial ended before the next macrotask: no timer or I/O awaited after the abort. */
  sameTask: boolean;
}

/**
 * Starts the call, aborts once `ready()` holds (by default: once the server has the request), and measures how long the call takes to end.
 *
 * Two measures: whether the call ended before any timer could run (deterministic: after an
 * abort nothing may wait for a timer or the network), and the wall-clock time, the fastest of
 * `trials` — on a loaded machine one measurement can include the OS preempting the process.
 */
async function abortWhen(call: (signal: AbortSignal) => Promise<unknown>, ready?: () => boolean, trials = 3): Promise<AbortOutcome> {
  const outcome: AbortOutcome = { error: undefined, elapsedMs: Number.POSITIVE_INFINITY, sameTask: true };
  for (let trial = 0; trial < trials; trial++) {
    const controller = new AbortController();
    const sent = server.requests.length;
    const settled = rejectionOf(call(controller.signal));
    // By default: once the server has the request.
    await until(ready ?? (() => server.requests.length > sent));
    await new Promise((resolve) => setTimeout(resolve, 20)); // let it settle into the wait
    const aborted = performance.now();
    const nextTask = new Promise<'next task'>((resolve) => setTimeout(() => resolve('next task'), 0));
    controller.abort();
    const first = await Promise.race([settled.then(() => 'call' as const), nextTask]);
    outcome.error = await settled;
    outcome.elapsedMs = Math.min(outcome.elapsedMs, performance.now() - aborted);
    outcome.sameTask &&= first === 'call';
  }
  return outcome;
}

describe('abort', () => {
  it('ends a call stalled on a server that never answers within 10 ms', async () => {
    server.respond(faults.stall());
    const client = faultClient(server, { timeout: 60_000 });
    const { error, elapsedMs, sameTask } = await abortWhen((signal) => client.auth.me({ signal }));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(sameTask).toBe(true);
    expect(elapsedMs).toBeLessThan(ABORT_BOUND_MS);
    expect(server.requests).toHaveLength(3); // one per trial: an aborted call is not retried
  });

  it('ends a call stalled in the middle of the response body within 10 ms', async () => {
    server.respond((_req, res, { id }) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': id, 'content-length': '100' });
      res.write('{"data":');
    });
    const client = faultClient(server, { timeout: 60_000 });
    const { error, elapsedMs, sameTask } = await abortWhen((signal) => client.auth.me({ signal }));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(sameTask).toBe(true);
    expect(elapsedMs).toBeLessThan(ABORT_BOUND_MS);
  });

  it('ends a call waiting out a 30 s Retry-After backoff within 10 ms', async () => {
    server.respond(faults.status(503, { 'retry-after': '30' }));
    const client = faultClient(server);
    const { error, elapsedMs, sameTask } = await abortWhen((signal) => client.auth.me({ signal }));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(sameTask).toBe(true);
    expect(elapsedMs).toBeLessThan(ABORT_BOUND_MS);
    expect(server.requests).toHaveLength(3); // one per trial: the backoff never ended in a retry
  });

  it('ends a call waiting for the rate-limit window to reset within 10 ms', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 60);
    server.respond(faults.ok({ 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }));
    const client = faultClient(server);
    await client.auth.me();
    const { error, elapsedMs, sameTask } = await abortWhen((signal) => client.auth.me({ signal }), () => true);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(sameTask).toBe(true);
    expect(elapsedMs).toBeLessThan(ABORT_BOUND_MS);
    expect(server.requests).toHaveLength(1);
  });

  it("rejects with the caller's reason when one is given", async () => {
    server.respond(faults.stall());
    const client = faultClient(server);
    const controller = new AbortController();
    const call = rejectionOf(client.auth.me({ signal: controller.signal }));
    await until(() => server.requests.length === 1);
    const reason = new Error('shutting down');
    controller.abort(reason);
    expect(await call).toBe(reason);
  });
});
