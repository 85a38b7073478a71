/**
 * A local stand-in for the API's per-key rate limit on a time-scaled minute: `limit` requests per
 * window of `windowS` seconds, windows aligned on whole seconds of the epoch, so the
 * `X-RateLimit-Reset` header (epoch seconds) is exact. Answers `GET /v1/auth/me`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server saw. */
export interface LimitedApiStats {
  /** Requests received. */
  requests: number;
  /** Requests answered 429. */
  rejected: number;
  /** Requests accepted, by window index (`floor(epoch s / windowS)`). */
  acceptedByWindow: Map<number, number>;
}

/** A running rate-limited server. */
export interface LimitedApi {
  readonly url: string;
  readonly limit: number;
  readonly windowS: number;
  stats(): LimitedApiStats;
  close(): Promise<void>;
}

const me = { data: { organisation: { id: 'org_01HZX0A1B2', name: 'Northwind', plan: 'growth' }, key: null, environment: 'sandbox', rate_limit: null } };

/**
 * Starts the server on a free loopback port; `jitterMs` delays each 200 by a random 0–jitterMs ms;
 * the first `gatewayErrors` requests get a gateway's 502, without rate-limit headers and not counted.
 */
export async function startLimitedApi(options: { limit: number; windowS: number; jitterMs?: number; gatewayErrors?: number }): Promise<LimitedApi> {
  const { limit, windowS, jitterMs = 0 } = options;
  let gatewayErrors = options.gatewayErrors ?? 0;
  if (!Number.isInteger(windowS) || windowS < 2) throw new RangeError('windowS must be a whole number ≥ 2 (X-RateLimit-Reset has a resolution of one second)');
  const stats: LimitedApiStats = { requests: 0, rejected: 0, acceptedByWindow: new Map() };
  let counter = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    if (req.url === '/warm-up') {
      // Not an API call: lets a worker load its HTTP stack before the clock starts.
      res.writeHead(204).end();
      return;
    }
    if (gatewayErrors > 0) {
      gatewayErrors--;
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    const nowMs = Date.now();
    const index = Math.floor(nowMs / 1000 / windowS);
    const resetS = (index + 1) * windowS;
    const used = stats.acceptedByWindow.get(index) ?? 0;
    stats.requests++;
    const id = `req_fleet${String(++counter).padStart(15, '0')}`;
    const headers = { 'content-type': 'application/json', 'x-request-id': id, 'x-ratelimit-limit': String(limit), 'x-ratelimit-reset': String(resetS) };
    if (used >= limit) {
      stats.rejected++;
      const retryAfter = Math.max(1, Math.ceil(resetS - nowMs / 1000));
      res.writeHead(429, { ...headers, 'x-ratelimit-remaining': '0', 'retry-after': String(retryAfter) });
      res.end(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'API key rate limit exceeded', request_id: id } }));
      return;
    }
    stats.acceptedByWindow.set(index, used + 1);
    const answer = (): void => void res.writeHead(200, { ...headers, 'x-ratelimit-remaining': String(limit - used - 1) }).end(JSON.stringify(me));
    // With jitter, answers overtake each other, as they do between real clients and servers.
    if (jitterMs > 0) setTimeout(answer, Math.random() * jitterMs);
    else answer();
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    limit,
    windowS,
    stats: () => ({ ...stats, acceptedByWindow: new Map(stats.acceptedByWindow) }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
