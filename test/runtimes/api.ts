/**
 * The local API the runtime matrix talks to: the stateful mock's handlers (`@opsmerge/mocks`,
 * answered through msw's `getResponse`, no interception) behind a Node HTTP server on
 * 127.0.0.1 that adds what a browser needs and two faults the scenario provokes:
 *
 * - CORS for any origin, allowing and exposing exactly the headers docs/runtimes.md names;
 *   a preflight (OPTIONS) answers 204 and is logged with the headers it asked for.
 * - The first GET of an existing agent answers 503 `SERVICE_UNAVAILABLE` with `Retry-After: 0`.
 * - A list of agents for the client `SLOW_CLIENT_ID` is never answered (the abort check).
 *
 * Every request is logged, so the test can check what reached the server, not only what the
 * runtime reported.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import { createMockApi, type MockApi } from '@opsmerge/mocks';
import { SLOW_CLIENT_ID } from './scenario.js';

/** The headers a browser may send to the API, and may read from its answers (docs/runtimes.md). */
export const CORS = {
  allowHeaders: ['Authorization', 'Idempotency-Key', 'Content-Type'],
  exposeHeaders: ['X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After', 'Deprecation', 'Sunset', 'Link'],
  allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
} as const;

/** One request as the server saw it. */
export interface LoggedRequest {
  readonly method: string;
  /** Path and query. */
  readonly url: string;
  readonly origin: string | null;
  readonly authorization: boolean;
  readonly idempotencyKey: boolean;
  readonly contentType: string | null;
  /** `Access-Control-Request-Headers` of a preflight, lower-cased and sorted. */
  readonly preflightHeaders: readonly string[];
  /** The status answered; null while pending or when never answered. */
  status: number | null;
}

export interface RuntimeApi {
  readonly url: string;
  readonly mock: MockApi;
  readonly log: readonly LoggedRequest[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts the API on a free loopback port. */
export async function startRuntimeApi(): Promise<RuntimeApi> {
  const mock = createMockApi({ baseUrl: '*' });
  const log: LoggedRequest[] = [];
  const served = new Set<string>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin ?? null;
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      url: url.pathname + url.search,
      origin,
      authorization: req.headers.authorization !== undefined,
      idempotencyKey: req.headers['idempotency-key'] !== undefined,
      contentType: req.headers['content-type'] ?? null,
      preflightHeaders: String(req.headers['access-control-request-headers'] ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean)
        .sort(),
      status: null,
    };
    log.push(entry);
    const cors: Record<string, string> = origin === null ? {} : { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': CORS.exposeHeaders.join(', '), Vary: 'Origin' };
    const send = (status: number, headers: Record<string, string>, body?: Uint8Array | string): void => {
      entry.status = status;
      res.writeHead(status, { ...headers, ...cors });
      res.end(body);
    };

    if (req.method === 'OPTIONS') {
      send(204, { 'Access-Control-Allow-Methods': CORS.allowMethods.join(', '), 'Access-Control-Allow-Headers': CORS.allowHeaders.join(', '), 'Access-Control-Max-Age': '600' });
      return;
    }
    if (url.pathname === '/v1/agents' && url.searchParams.get('client_id') === SLOW_CLIENT_ID) return; // never answered
    const agent = /^\/v1\/agents\/([^/]+)$/.exec(url.pathname)?.[1];
    if (req.method === 'GET' && agent !== undefined && mock.store.data.agents.some((a) => a.id === agent) && !served.has(agent)) {
      served.add(agent);
      const requestId = `req_runtime_${log.length}`;
      send(503, { 'Content-Type': 'application/json', 'Retry-After': '0', 'X-Request-Id': requestId }, JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'Try again.', request_id: requestId } }));
      return;
    }

    void (async () => {
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const request = new Request(`http://127.0.0.1${url.pathname}${url.search}`, { method: req.method ?? 'GET', headers, ...(body && body.length > 0 ? { body: new Uint8Array(body) } : {}) });
      const response = (await getResponse([...mock.handlers], request)) ?? new Response('{"error":{"code":"NOT_FOUND","message":"No such route."}}', { status: 404, headers: { 'Content-Type': 'application/json' } });
      send(response.status, Object.fromEntries(response.headers), new Uint8Array(await response.arrayBuffer()));
    })().catch((error: unknown) => send(500, { 'Content-Type': 'text/plain' }, String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    mock,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
