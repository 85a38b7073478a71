/**
 * A conformance run against a server that misbehaves at the HTTP level — down, hanging, sending
 * an endless body, trickling it, going silent half-way — ends in bounded time and memory, says
 * what happened, and never waits out a timeout per contract and case once the server has
 * stopped answering.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerNotAnsweringError, runConformance } from '../../conformance/run-conformance.js';
import { endlessBody, tricklingBody } from './support/hostile.js';

const KEY = 'om_test_HostileServerTestKey000000000000';
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

/** A server on 127.0.0.1; `handle` gets each request and its number (0-based). */
async function serve(handle: Handler): Promise<{ url: string; requests: () => number }> {
  let n = 0;
  const server = createServer((req, res) => handle(req, res, n++));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => n };
}

const hang: Handler = () => undefined;

const endless: Handler = (_req, res) => endlessBody(res);
const trickle: Handler = (_req, res) => tricklingBody(res);

/** Answers like a server that knows nothing (404 with the envelope), so every part of a run has something to judge. */
const notFound: Handler = (_req, res) => {
  res.writeHead(404, { 'content-type': 'application/json', 'x-request-id': 'req_1' }).end('{"error":{"code":"NOT_FOUND","message":"no","request_id":"req_1"}}');
};

const run = (url: string, more: Partial<Parameters<typeof runConformance>[0]> = {}) =>
  runConformance({ baseUrl: url, apiKey: KEY, seed: 1, budget: { kind: 'cases', cases: 2 }, requestTimeoutMs: 300, operations: ['agents_list', 'agents_get'], ...more });

describe('a conformance run against a hostile server', () => {
  it.each([
    ['never answers', hang, /did not answer GET \/v1\/auth\/me: no answer within the timeout \(0\.3 s\)$/],
    ['sends headers, then trickles its body slower than the timeout', trickle, /did not answer GET \/v1\/auth\/me: no answer within the timeout \(0\.3 s\)$/],
    ['resets every connection', (req: IncomingMessage) => req.socket.destroy(), /did not answer GET \/v1\/auth\/me: fetch failed/],
  ] as const)('stops at its first request when the server %s, and says why', async (_what, handler, message) => {
    const server = await serve(handler);
    const started = Date.now();
    const error = await run(server.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerNotAnsweringError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(KEY);
    expect(server.requests()).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops at its first request when nothing listens on the port', async () => {
    const error = await run('http://127.0.0.1:1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerNotAnsweringError);
    expect((error as Error).message).toMatch(/^http:\/\/127\.0\.0\.1:1 did not answer GET \/v1\/auth\/me: fetch failed/);
  });

  it('reports a server that goes silent half-way, sending nothing more after 3 requests in a row got no answer', async () => {
    // Answers the first 5 requests (the first request, then the first contracts), then never again.
    const server = await serve((req, res, n) => (n < 5 ? notFound(req, res, n) : undefined));
    const started = Date.now();
    const report = await run(server.url);
    const seconds = (Date.now() - started) / 1000;
    const reason = 'not run: the server stopped answering (3 requests in a row got no answer within 0.3 s)';
    expect(report.passed).toBe(false);
    const rows = report.scenarios!.operations;
    expect(rows.some((r) => r.verdict === 'FAIL')).toBe(true);
    expect(rows.filter((r) => r.reasons.includes(reason)).length).toBeGreaterThan(10);
    const selected = report.generated!.operations.filter((op) => op.operationId === 'agents_list' || op.operationId === 'agents_get');
    expect(Object.fromEntries(selected.map((op) => [op.operationId, op.notRun.not_a_server_error]))).toEqual({ agents_get: reason, agents_list: reason });
    expect(server.requests()).toBe(5 + 3);
    expect(seconds).toBeLessThan(30);
  }, 60_000);

  it('ends, without a busy wait, when the server reports a rate limit that resets in a year', async () => {
    const resetInAYear = String(Math.floor(Date.now() / 1000) + 365 * 86_400);
    const server = await serve((_req, res) => res.writeHead(404, { 'content-type': 'application/json', 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': resetInAYear }).end('{}'));
    const started = Date.now();
    const report = await run(server.url, { scenarios: false });
    expect(report.passed).toBe(false);
    const reasons = report.generated!.operations.filter((op) => op.operationId === 'agents_list').map((op) => op.notRun.positive_data_acceptance);
    expect(reasons).toEqual([expect.stringMatching(/^not sent: the rate limit the server reports leaves no request for \d+ s .*longer than the run waits \(60 s\)$/)]);
    expect(server.requests()).toBeLessThan(10);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('reads no more than 10 MiB of an endless body, reports it, and goes on to the end', async () => {
    const server = await serve(endless);
    const before = process.memoryUsage().rss;
    const report = await run(server.url, { requestTimeoutMs: 10_000 });
    expect(report.passed).toBe(false);
    const texts = JSON.stringify(report);
    expect(texts).toContain('body is longer than 10485760 bytes; not validated');
    expect(texts).toContain('the body goes on past 10485760 bytes; the run read no more of it');
    expect(process.memoryUsage().rss - before).toBeLessThan(512 * 1024 * 1024);
  }, 120_000);
});
