/**
 * The bench's API server, run as its own process (`fork`): `GET /v1/auth/me`, a paginated
 * `GET /v1/agents` with a configurable latency per page, and the API's per-key fixed-window
 * rate limit with `X-RateLimit-*` headers and 429 + `Retry-After`. Configured over IPC.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { agentsPage, errorBody, ME } from './fixtures.js';
import { FixedWindow } from './fixed-window.js';
import { GENEROUS_LIMIT, type ControlMessage, type ServerConfig, type ServerMessage, type ServerStats } from './protocol.js';

const ME_BODY = Buffer.from(JSON.stringify(ME));
const JSON_TYPE = 'application/json; charset=utf-8';

let config: ServerConfig = { listTotal: 20_000, pageLatencyMs: 5, rateLimit: null };
let window = new FixedWindow(GENEROUS_LIMIT.limit, GENEROUS_LIMIT.windowMs);
let pages = new Map<string, Buffer>();
let requests = 0;
let byStatus: Record<number, number> = {};
let firstRequestAt: number | undefined;
let requestCounter = 0;
let connections = 0;

function send(res: ServerResponse, status: number, body: Buffer, headers: Record<string, string>): void {
  byStatus[status] = (byStatus[status] ?? 0) + 1;
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': String(body.length), ...headers });
  res.end(body);
}

function authorized(req: IncomingMessage): boolean {
  const auth = req.headers.authorization;
  return (auth !== undefined && /^(Bearer|Api-Key) om_(test|live)_/.test(auth)) || typeof req.headers['x-api-key'] === 'string';
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const now = Date.now();
  requests++;
  firstRequestAt ??= now;
  const requestId = `req_${(++requestCounter).toString(16).padStart(24, '0')}`;
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const route = req.method === 'GET' ? url.pathname : '';
  if (route !== '/v1/auth/me' && route !== '/v1/agents') {
    send(res, 404, errorBody('NOT_FOUND', `No route for ${req.method} ${url.pathname}`, requestId), { 'X-Request-Id': requestId });
    return;
  }
  if (!authorized(req)) {
    send(res, 401, errorBody('UNAUTHENTICATED', 'Missing or malformed API key', requestId), { 'X-Request-Id': requestId });
    return;
  }
  const budget = window.take(now);
  const headers: Record<string, string> = {
    'X-Request-Id': requestId,
    'X-RateLimit-Limit': String(window.limit),
    'X-RateLimit-Remaining': String(budget.remaining),
    'X-RateLimit-Reset': String(Math.ceil(budget.resetMs / 1000)),
  };
  if (!budget.ok) {
    // RFC 9110 §10.2.3: delay-seconds, rounded up so a client that obeys it lands in the new window.
    headers['Retry-After'] = String(Math.max(1, Math.ceil((budget.resetMs - now) / 1000)));
    send(res, 429, errorBody('RATE_LIMITED', 'API key rate limit exceeded', requestId), headers);
    return;
  }
  if (route === '/v1/auth/me') {
    send(res, 200, ME_BODY, headers);
    return;
  }
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 50) || 50));
  const key = `${page}:${perPage}`;
  let body = pages.get(key);
  if (!body) pages.set(key, (body = agentsPage(config.listTotal, page, perPage)));
  const reply = body;
  setTimeout(() => send(res, 200, reply, headers), config.pageLatencyMs);
}

function stats(): ServerStats {
  return { requests, connections, byStatus, firstRequestAt, windows: [...window.acceptedPerWindow], windowMs: window.windowMs };
}

function reset(): void {
  const limit = config.rateLimit ?? GENEROUS_LIMIT;
  window = new FixedWindow(limit.limit, limit.windowMs);
  requests = 0;
  connections = 0;
  byStatus = {};
  firstRequestAt = undefined;
}

const server = createServer({ keepAliveTimeout: 65_000 }, handle);
server.on('connection', () => connections++);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'listening', port } satisfies ServerMessage);
});

process.on('message', (message: ControlMessage) => {
  if (message.type === 'configure') {
    config = message.config;
    pages = new Map();
    reset();
  } else if (message.type === 'reset') {
    reset();
  }
  process.send?.({ type: 'ack', id: message.id, ...(message.type === 'stats' ? { stats: stats() } : {}) } satisfies ServerMessage);
});
process.on('disconnect', () => process.exit(0));
