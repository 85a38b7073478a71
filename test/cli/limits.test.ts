import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';
import { against, json, runCli } from './helpers.js';

let tiny: RunningMockServer;
let paced: RunningMockServer;
let short: RunningMockServer;
let failing: RunningMockServer;
beforeAll(async () => {
  // Two requests a minute: the third must fail at once with the wait, not sleep for a minute.
  tiny = await startMockServer({ port: 0, seed: 15, rateLimits: { default: { limit: 2, windowMs: 60_000 } } });
  // The same, for a list walk whose third page the CLI's own pacing would hold for a minute.
  paced = await startMockServer({ port: 0, seed: 17, rateLimits: { default: { limit: 2, windowMs: 60_000 } } });
  // One request per 3 seconds: a walk waits out a window of up to 4 s (reset in whole seconds).
  short = await startMockServer({ port: 0, seed: 18, rateLimits: { default: { limit: 1, windowMs: 3_000 } } });
  failing = await startMockServer({ port: 0, seed: 16 });
});
afterAll(async () => {
  await Promise.all([tiny.close(), paced.close(), short.close(), failing.close()]);
});

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
}

describe.concurrent('rate limits and server failures', { timeout: 60_000 }, () => {
  it('exits 6 naming the wait when the key is over its rate limit', async () => {
    const auth = against(tiny, tiny.api.testKey);
    expect((await runCli(['whoami', ...auth])).code).toBe(0);
    expect((await runCli(['whoami', ...auth])).code).toBe(0);
    const started = Date.now();
    const text = await runCli(['whoami', ...auth]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(text.code).toBe(6);
    expect(text.stderr).toMatch(/^error: rate limited: retry after \d+ s \(429 RATE_LIMITED.*Fix: wait \d+ s .*and run the command again; the key may send 2 requests per window\.$/m);
    const asJson = await runCli(['whoami', '--json', ...auth]);
    expect(asJson.code).toBe(6);
    expect(json(asJson.stderr)).toMatchObject({ error: { code: 'RATE_LIMITED', status: 429, exit_code: 6, retry_after_seconds: expect.any(Number) } });
  });

  it('exits 6 for the mock\'s rate-limited scenario with a long Retry-After', async () => {
    const off = failing.api.scenario('rate-limited', { retryAfterSeconds: 30, operations: ['agents_list'] });
    try {
      const { code, stderr } = await runCli(['agents', 'list', '--json', ...against(failing, failing.api.testKey)]);
      expect(code).toBe(6);
      expect(json(stderr)).toMatchObject({ error: { code: 'RATE_LIMITED', retry_after_seconds: 30 } });
    } finally {
      off();
    }
  });

  it('exits 7 when the API fails', async () => {
    const off = failing.api.scenario('outage', { operations: ['tickets_list'] });
    try {
      const { code, stderr } = await runCli(['tickets', 'list', ...against(failing, failing.api.testKey)]);
      expect(code).toBe(7);
      expect(stderr).toMatch(/^error: the API failed: .*\(503 SERVICE_UNAVAILABLE.*Fix: try again later/m);
    } finally {
      off();
    }
  });

  it('exits 7 when the server cannot be reached', async () => {
    const port = await closedPort();
    const { code, stderr } = await runCli(['whoami', '--base-url', `http://127.0.0.1:${port}`, '--api-key', failing.api.testKey]);
    expect(code).toBe(7);
    expect(stderr).toMatch(/Fix: check --base-url and your network/);
    expect(stderr).not.toContain(failing.api.testKey);
  });
});

// One at a time: each runs a command that waits, or would have waited, on the rate limit.
describe('the CLI\'s own waits', () => {
  it('exits 6 at once, naming the wait, when its own pacing would hold a list walk longer than 5 s', async () => {
    const started = Date.now();
    const { code, stdout, stderr } = await runCli(['tickets', 'list', '--all', '--per-page', '1', '--limit', '5', '--json', ...against(paced, paced.api.testKey)]);
    // Far less than the minute its pacing would have waited (process start-up is slow on a loaded machine).
    expect(Date.now() - started).toBeLessThan(40_000);
    expect(code).toBe(6);
    expect(stdout).toBe('');
    const { error } = json(stderr.split('\n').filter((line) => line.startsWith('{')).join('')) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, exit_code: 6 });
    expect(error['retry_after_seconds']).toBeGreaterThan(50);
    expect(error['request_id']).toBeUndefined(); // refused before sending: the server never saw a third request
  }, 90_000);

  it('says on stderr when it waits more than a second for the rate-limit window, then goes on', async () => {
    const { code, stdout, stderr } = await runCli(['tickets', 'list', '--all', '--per-page', '1', '--limit', '2', '--ndjson', ...against(short, short.api.testKey)]);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(2);
    expect(stderr).toMatch(/^note: waiting [2-5] s for the API key's rate-limit window to reset$/m);
  }, 90_000);
});
