/** Shared bits of the fault-injection suite: the test key, a client per test, small waits. */
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { createClient, MemoryRateLimitStore, type ClientOptions, type OpsMergeClient } from '../../src/index.js';
import { startFaultServer, type FaultServer } from './fault-server.js';

/** A sandbox key: `om_test_` + 32 alphanumerics. */
export const KEY = 'om_test_F4uLtS9xQ2mV7bN1cR8zK3pW6yH0dJ5a';

/** A client of the fault server with its own rate-limit store, so tests never share a budget. */
export function faultClient(server: Pick<FaultServer, 'url'>, options: ClientOptions = {}): OpsMergeClient {
  return createClient({ apiKey: KEY, baseUrl: server.url, rateLimit: { store: new MemoryRateLimitStore() }, logLevel: 'off', ...options });
}

/**
 * The fault server of a test file: started before its tests and closed after them, with every
 * mock (`Math.random`, timers) restored after each test. Call it at module level; the object it
 * returns reads through to the server once it has started.
 */
export function useFaultServer(): FaultServer {
  let started: FaultServer | undefined;
  const running = (): FaultServer => {
    if (!started) throw new Error('the fault server is not started yet: use it inside a test or hook');
    return started;
  };
  beforeAll(async () => {
    started = await startFaultServer();
  });
  afterAll(() => started?.close());
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return {
    get url() {
      return running().url;
    },
    get requests() {
      return running().requests;
    },
    respond: (...queue) => running().respond(...queue),
    close: () => running().close(),
  };
}

/** The rejection of a promise, or `undefined` when it resolves. */
export async function rejectionOf(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Polls `condition` every millisecond until it holds; fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** The trigger body `POST /v1/events/trigger` takes. */
export const trigger = { service_id: 'svc_01HZX7K2M3', summary: 'Disk C: above 95% on NW-DC01', severity: 'critical', source: 'NW-DC01' } as const;

/** What `POST /v1/events/trigger` answers. */
export const accepted = { data: { status: 'accepted', dedup_key: 'disk-c-nw-dc01', incident_id: 'inc_01HZX8A1B2', message: 'Event processed' } };
