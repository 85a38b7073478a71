/**
 * Serves the stateful mock over real HTTP with `node:http`: each incoming request becomes
 * a Fetch `Request`, MSW's `getResponse` resolves it against the handlers, and the Fetch
 * `Response` is written back. Node only (not re-exported from the browser-safe index).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import type { ClockMode } from './clock.js';
import { createMockApi, type MockApi } from './create-mock-api.js';
import { setClientAddress } from './network/client-address.js';
import { randomSecret } from './oauth/secrets.js';
import type { MockApiOptions } from './options.js';

/**
 * Options of {@link startMockServer}: where to listen, plus every {@link MockApiOptions} field
 * except `baseUrl`. As a sandbox, the HTTP mock follows real time unless told otherwise.
 */
export interface MockServerOptions extends Omit<MockApiOptions, 'baseUrl'> {
  /** Port; 0 picks a free one. @default 4010 */
  readonly port?: number;
  /**
   * When `port` is taken, listen on a free port instead of failing with `EADDRINUSE`
   * (`RunningMockServer.portFallback` then says so).
   * @default false
   */
  readonly portFallback?: boolean;
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** @default 'real-time' */
  readonly now?: Date | 'real-time';
  /** @default 'running' */
  readonly clock?: ClockMode;
  /** The control API's bearer token. @default a random `omctl_…` token */
  readonly controlToken?: string;
}

/** A running HTTP mock. */
export interface RunningMockServer {
  /** Base URL, e.g. `http://127.0.0.1:4010` (paths start with `/v1/`). */
  readonly url: string;
  /** The mock behind it (store, test key, scenarios, reset, OAuth clients, control token). */
  readonly api: MockApi;
  /** Whether the asked port was taken and a free one is used instead (`portFallback`). */
  readonly portFallback: boolean;
  /** Stops listening. */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

async function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of req) chunks.push(chunk as Uint8Array);
  if (chunks.length === 0) return undefined;
  return new Uint8Array(Buffer.concat(chunks));
}

/** node:http request → Fetch Request on the server's own base URL. */
async function toFetchRequest(req: IncomingMessage, baseUrl: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
  const init: RequestInit = body === undefined ? { method, headers } : { method, headers, body: body as BodyInit };
  return new Request(new URL(req.url ?? '/', baseUrl), init);
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  if (response.type === 'error') {
    // The `network-error` scenario: drop the connection without an answer.
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const body = Buffer.from(await response.arrayBuffer());
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * Starts the stateful mock on `host:port`.
 * @example
 * ```ts
 * const mock = await startMockServer({ port: 0, seed: 3 });
 * await fetch(`${mock.url}/v1/auth/me`, { headers: { Authorization: `Bearer ${mock.api.testKey}` } });
 * await mock.close();
 * ```
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const host = options.host ?? '127.0.0.1';
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => handle?.(req, res));
  let port: number;
  let portFallback = false;
  try {
    port = await listen(server, options.port ?? 4010, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || options.portFallback !== true) throw error;
    port = await listen(server, 0, host);
    portFallback = true;
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const { port: _port, host: _host, portFallback: _fallback, ...apiOptions } = options;
  const api = createMockApi({ now: 'real-time', clock: 'running', controlToken: randomSecret('omctl_', 32), ...apiOptions, baseUrl: url });
  const handlers = [...api.handlers];

  handle = (req, res) => {
    void (async () => {
      try {
        const request = await toFetchRequest(req, url);
        setClientAddress(request, req.socket.remoteAddress);
        const response = await getResponse(handlers, request);
        if (response) return await writeResponse(res, response);
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: `Nothing here: the API lives under ${url}/v1/` } }));
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'INTERNAL_ERROR', message: String(error) } }));
      }
    })();
  };

  return {
    url,
    api,
    portFallback,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
