/**
 * How the conformance run sends: paced inside the key's rate limit by the SDK's store, waiting
 * out a 429's Retry-After (bounded), giving up on a server that does not answer, cutting off a
 * huge body, and reading a body that is not JSON without throwing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer } from '@opsmerge/mocks/server';
import { Silence } from '../../conformance/http/silence.js';
import { createTransport } from '../../conformance/http/transport.js';
import { endlessBody, tricklingBody } from './support/hostile.js';
import type { WireRequest } from '../../conformance/http/wire.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

/** A server on 127.0.0.1 answering each request with the next of `answers` (the last repeats). */
async function serve(answers: ((res: import('node:http').ServerResponse) => void)[]): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((_req, res) => answers[Math.min(hits++, answers.length - 1)]!(res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

const get = (url: string): WireRequest => ({ method: 'GET', url, headers: {}, credential: { kind: 'key', key: 'om_test_TransportTestKey000000000000000000' }, body: undefined });

describe('the conformance transport', () => {
  it('stays inside the rate limit the server reports: no 429, the requests spread over the windows', async () => {
    const mock = await startMockServer({ port: 0, seed: 4, rateLimits: { default: { limit: 4, windowMs: 1000 } } });
    try {
      const transport = createTransport();
      const started = Date.now();
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) {
        const exchange = await transport.send({ ...get(`${mock.url}/v1/agents`), credential: { kind: 'key', key: mock.api.testKey } }, 'default');
        statuses.push(exchange.response!.status, ...exchange.throttled.map((t) => t.status));
      }
      expect(statuses).toEqual(Array(10).fill(200));
      expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
      expect(transport.sent).toBe(10);
    } finally {
      await mock.close();
    }
  }, 30_000);

  it("waits out a 429's Retry-After and sends again, keeping the 429 to judge", async () => {
    const server = await serve([(res) => res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"error":{}}'), (res) => res.writeHead(200).end('{"data":1}')]);
    const started = Date.now();
    const exchange = await createTransport().send(get(server.url), 'default');
    expect(exchange.response?.status).toBe(200);
    expect(exchange.throttled.map((r) => r.status)).toEqual([429]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('gives up on a Retry-After longer than it may wait, and after two 429s in a row', async () => {
    const long = await serve([(res) => res.writeHead(429, { 'retry-after': '3600' }).end()]);
    const first = await createTransport().send(get(long.url), 'default');
    expect([first.response?.status, first.throttled.length, long.hits()]).toEqual([429, 0, 1]);
    const always = await serve([(res) => res.writeHead(429, { 'retry-after': '0' }).end()]);
    const second = await createTransport().send(get(always.url), 'default');
    expect([second.response?.status, second.throttled.length, always.hits()]).toEqual([429, 2, 3]);
  });

  it('reports a server that never answers as no answer, within its timeout', async () => {
    const silent = await serve([() => undefined]);
    const started = Date.now();
    const exchange = await createTransport({ timeoutMs: 300 }).send(get(silent.url), 'default');
    expect(exchange.response).toBeUndefined();
    expect(exchange.error).toBe('no answer within the timeout (0.3 s)');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('cuts a huge body off at its limit, and keeps a body that is not JSON as text', async () => {
    const huge = await serve([(res) => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"data":"${'x'.repeat(200_000)}"}`)]);
    const cut = await createTransport({ maxBodyBytes: 1000 }).send(get(huge.url), 'default');
    expect(cut.response?.text.length).toBe(1000);
    expect(cut.response?.jsonError).toBeDefined();
    const html = await serve([(res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>')]);
    const page = await createTransport().send(get(html.url), 'default');
    expect([page.response?.status, page.response?.json, page.response?.text]).toEqual([502, undefined, '<html>bad gateway</html>']);
  });

  it('stops reading an endless body at its limit, and says so', async () => {
    const endless = await serve([endlessBody]);
    const exchange = await createTransport({ maxBodyBytes: 256 * 1024, timeoutMs: 10_000 }).send(get(endless.url), 'default');
    expect(exchange.response?.text.length).toBe(256 * 1024);
    expect(exchange.response?.jsonError).toBe('the body goes on past 262144 bytes; the run read no more of it');
  });

  it('gives up on a body that trickles in slower than its timeout', async () => {
    const trickle = await serve([tricklingBody]);
    const started = Date.now();
    const exchange = await createTransport({ timeoutMs: 300 }).send(get(trickle.url), 'default');
    expect([exchange.response, exchange.error]).toEqual([undefined, 'no answer within the timeout (0.3 s)']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('sends nothing more once the shared Silence says the server stopped answering; an answer in between starts the count again', async () => {
    let silent = true;
    const server = await serve([(res) => (silent ? undefined : res.writeHead(200, { 'content-type': 'application/json' }).end('{}'))]);
    const silence = new Silence(2, 200);
    const transport = createTransport({ timeoutMs: 200, silence });
    expect((await transport.send(get(server.url), 'default')).error).toBe('no answer within the timeout (0.2 s)');
    silent = false;
    expect((await transport.send(get(server.url), 'default')).response?.status).toBe(200);
    silent = true;
    await transport.send(get(server.url), 'default');
    expect(silence.stopped).toBeUndefined();
    await transport.send(get(server.url), 'default');
    expect(server.hits()).toBe(4);
    const started = Date.now();
    const after = await transport.send(get(server.url), 'default');
    expect(after.error).toBe('not run: the server stopped answering (2 requests in a row got no answer within 0.2 s)');
    expect([server.hits(), transport.sent]).toEqual([4, 4]);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('does not count a refused connection as silence: it fails at once, no wait runs out', async () => {
    const silence = new Silence(1, 200);
    const exchange = await createTransport({ timeoutMs: 200, silence }).send(get('http://127.0.0.1:1'), 'default');
    expect(exchange.response).toBeUndefined();
    expect(silence.stopped).toBeUndefined();
  });

  it('sends no request the reported rate limit would hold back longer than it waits, and says why, at once', async () => {
    const resetInAYear = String(Math.floor(Date.now() / 1000) + 365 * 86_400);
    const server = await serve([(res) => res.writeHead(404, { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': resetInAYear }).end()]);
    const transport = createTransport({ maxRetryAfterMs: 5000 });
    expect((await transport.send(get(server.url), 'default')).response?.status).toBe(404);
    const started = Date.now();
    const held = await transport.send(get(server.url), 'default');
    expect(held.response).toBeUndefined();
    expect(held.notSent).toMatch(/^not sent: the rate limit the server reports leaves no request for 315\d{5} s \(X-RateLimit-Remaining 0 until X-RateLimit-Reset\), longer than the run waits \(5 s\)$/);
    expect(held.error).toBe(held.notSent);
    expect([server.hits(), transport.sent]).toEqual([1, 1]);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('follows no redirect: the 3xx is what the checks judge', async () => {
    const moved = await serve([(res) => res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end()]);
    const exchange = await createTransport().send(get(moved.url), 'default');
    expect(exchange.response?.status).toBe(302);
  });
});
