/**
 * Serves the stateful mock over real HTTP with `node:http`. Node only (not re-exported from
 * the browser-safe index).
 *
 * Each request, in order:
 * 1. its target is read as sent (request-target.ts): a path (origin-form), an absolute URL (its
 *    path is used), or `*` (only with `OPTIONS`); anything else is 400 `BAD_REQUEST`, and
 *    CONNECT is 405 (this is not a proxy);
 * 2. a {@link ServerRoute} whose prefix the raw path starts with answers it;
 * 3. otherwise the router (handlers/router.ts) matches the raw path — never a normalised one,
 *    so `/v1/agents/../api-keys` is 404, not the key list — and answers 404, 405 with `Allow`,
 *    204 to `OPTIONS`, or runs the operation.
 *
 * A body is read only for an operation that takes one, and never past 1 MiB: a larger
 * `Content-Length` is refused at once, a chunked body as soon as it crosses the limit (413
 * `PAYLOAD_TOO_LARGE`, connection closed). Errors of Node's own HTTP parser (malformed
 * requests, over-long headers, timeouts) are answered in the same envelope with an
 * `X-Request-Id`, unless the peer is already gone.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ErrorCode } from '@opsmerge/sdk';
import { createMockRuntime, type MockApi } from './create-mock-api.js';
import type { Router } from './handlers/router.js';
import type { MockApiOptions } from './options.js';
import { jsonText } from './pipeline/json-response.js';
import { BODY_LIMIT_BYTES, HEADER_LIMIT_BYTES } from './pipeline/limits.js';
import type { MockRequest } from './pipeline/mock-request.js';
import { allowedMethods } from './pipeline/protocol.js';
import { parseRequestTarget } from './request-target.js';

/** The client end of a request's connection, for routes that care (IP allow-lists, logs). */
export interface ClientConnection {
  /** The peer's IP address (IPv4, or IPv6 such as `::1`), as the socket reports it. */
  readonly remoteAddress: string | undefined;
  /** The peer's port. */
  readonly remotePort: number | undefined;
}

/**
 * A route the HTTP server answers before the API's `/v1/` operations (an OAuth server, a
 * control API…). Its requests get the same target parsing, body limit and error envelope.
 */
export interface ServerRoute {
  /** Raw path prefix the route serves, e.g. `/oauth/`; matched as sent, before any normalisation. */
  readonly prefix: string;
  /**
   * Answers a request. Its body is read (up to the limit) for every method except `GET`, `HEAD`
   * and `OPTIONS`. Its URL is on the server's origin, with the path as `URL` normalises it:
   * the route was chosen on the raw path.
   */
  handle(request: Request, connection: ClientConnection): Response | Promise<Response>;
}

/** Options of {@link startMockServer}: where to listen, plus every {@link MockApiOptions} field except `baseUrl`. */
export interface MockServerOptions extends Omit<MockApiOptions, 'baseUrl'> {
  /** Port; 0 picks a free one. When the port is taken, a free port is used instead. @default 4010 */
  readonly port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** Routes answered before the API's operations, first match wins. @default [] */
  readonly routes?: readonly ServerRoute[];
}

/** A running HTTP mock. */
export interface RunningMockServer {
  /** Base URL, e.g. `http://127.0.0.1:4010` (paths start with `/v1/`). */
  readonly url: string;
  /** The mock behind it (store, test key, scenarios, reset). */
  readonly api: MockApi;
  /** Stops listening. */
  close(): Promise<void>;
}

/** Every method some path of the API answers, for `OPTIONS *` and CONNECT's 405. */
const SERVER_METHODS = allowedMethods(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

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

const TOO_LARGE = Symbol('too large');

/** Reads a body up to `limit` bytes; past it, stops reading and resolves {@link TOO_LARGE}. */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData).off('end', onEnd).off('error', reject).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        req.pause();
        resolve(TOO_LARGE);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onClose = () => {
      done();
      reject(new Error('the client closed the connection before the body ended'));
    };
    req.on('data', onData).on('end', onEnd).on('error', reject).on('close', onClose);
  });
}

/** Whether the request announces a body (RFC 9112 §6.3). */
function announcesBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** Header values by lower-case name, repeated ones joined with `, ` as Fetch joins them. */
function headerMap(req: IncomingMessage): Map<string, string> {
  const headers = new Map<string, string>();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const before = headers.get(name);
    headers.set(name, before === undefined ? raw[i + 1]! : `${before}, ${raw[i + 1]!}`);
  }
  return headers;
}

/** The request as the pipeline reads it (see pipeline/mock-request.ts); `url` keeps the raw path. */
function mockRequest(req: IncomingMessage, method: string, url: string, body: Uint8Array | undefined): MockRequest {
  const headers = headerMap(req);
  return {
    url,
    method,
    headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
    arrayBuffer: async () => (body === undefined ? new ArrayBuffer(0) : (body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer)),
  };
}

function flatHeaders(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return headers;
}

/** Writes a Fetch `Response`; `close` ends the connection after it (a body was left unread). */
async function writeResponse(res: ServerResponse, response: Response, close: boolean): Promise<void> {
  if (response.type === 'error') {
    // The `network-error` scenario: drop the connection without an answer.
    res.socket?.destroy();
    return;
  }
  const headers = flatHeaders(response);
  const body = jsonText(response) ?? (response.body === null ? undefined : new Uint8Array(await response.arrayBuffer()));
  if (body !== undefined) headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  if (close) headers['connection'] = 'close';
  if (res.destroyed || res.headersSent) return;
  res.writeHead(response.status, headers);
  res.end(body);
}

/** A response written straight to a socket (where Node's parser gave up, so there is no `ServerResponse`), then the connection closed. */
async function writeRaw(socket: Socket, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  let head = `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}\r\n`;
  response.headers.forEach((value, name) => (head += `${name}: ${value}\r\n`));
  head += `Content-Length: ${body.length}\r\nConnection: close\r\nDate: ${new Date().toUTCString()}\r\n\r\n`;
  if (socket.writable) socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
  else socket.destroy();
}

/** The request line of a raw packet (`METHOD target HTTP/1.x`), when it has one. */
function requestLine(packet: Buffer | undefined): { method: string; target: string } | undefined {
  const line = packet?.toString('latin1', 0, Math.min(packet.length, HEADER_LIMIT_BYTES)).split(/\r?\n/, 1)[0];
  const match = line === undefined ? null : /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\/\d\.\d$/.exec(line);
  return match ? { method: match[1]!, target: match[2]! } : undefined;
}

/** The answer to an error of Node's HTTP parser (the `clientError` event). */
function parserErrorAnswer(router: Router, error: NodeJS.ErrnoException & { rawPacket?: Buffer; reason?: string }): Response {
  const fail = (code: ErrorCode, message: string) => router.error(code, message);
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return fail('REQUEST_HEADERS_TOO_LARGE', `The request line and headers together are over ${HEADER_LIMIT_BYTES / 1024} KiB`);
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return fail('REQUEST_TIMEOUT', 'The request did not arrive in time');
    case 'HPE_INVALID_METHOD': {
      // A well-formed request with a method Node's parser does not know (`get`, `FOO`): routed, so 404 or 405.
      const line = requestLine(error.rawPacket);
      const target = line && parseRequestTarget(line.target);
      const routed = target && 'path' in target ? router.route(line.method, target.path).response : undefined;
      if (routed) return routed;
    }
  }
  return fail('BAD_REQUEST', `Malformed HTTP request: ${error.reason ?? error.code ?? error.message}`);
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
  const server = createServer({ maxHeaderSize: HEADER_LIMIT_BYTES }, (req, res) => handle?.(req, res));
  let port: number;
  try {
    port = await listen(server, options.port ?? 4010, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    port = await listen(server, 0, host);
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const { port: _port, host: _host, routes = [], ...apiOptions } = options;
  const { api, router } = createMockRuntime({ ...apiOptions, baseUrl: url });
  const origin = new URL(url);

  /** The request as a Fetch `Request` on the server's origin (for server routes, which were chosen on the raw path). */
  const toRequest = (req: IncomingMessage, method: string, path: string, search: string, body: Uint8Array | undefined): Request => {
    const requestUrl = new URL(origin);
    requestUrl.pathname = path;
    requestUrl.search = search;
    const headers = new Headers([...headerMap(req)]);
    return new Request(requestUrl, body === undefined ? { method, headers } : { method, headers, body: body as BodyInit });
  };

  /** Reads the body within the limit: undefined when none was announced, TOO_LARGE past the limit (nothing more is read). */
  const bodyWithin = async (req: IncomingMessage, res: ServerResponse): Promise<Uint8Array | undefined | typeof TOO_LARGE> => {
    if (!announcesBody(req)) return undefined;
    if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT_BYTES) return TOO_LARGE;
    if (/^100-continue$/i.test(req.headers.expect ?? '')) res.writeContinue();
    return readBody(req, BODY_LIMIT_BYTES);
  };

  /** The answer, and whether to close the connection after it (a body was left unread). */
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<{ response: Response; close: boolean }> => {
    const method = req.method ?? 'GET';
    const target = parseRequestTarget(req.url ?? '');
    const unread = announcesBody(req);
    if ('invalid' in target) return { response: router.error('BAD_REQUEST', target.invalid), close: unread };
    if ('asterisk' in target) {
      const response = method === 'OPTIONS' ? router.options(SERVER_METHODS) : router.error('BAD_REQUEST', `* is a request target of OPTIONS only, not of ${method}`);
      return { response, close: unread };
    }
    const { path, search } = target;
    const serverRoute = routes.find((r) => path.startsWith(r.prefix));
    const routed = serverRoute ? undefined : router.route(method, path);
    if (routed?.response) return { response: routed.response, close: unread };
    const wantsBody = serverRoute ? !['GET', 'HEAD', 'OPTIONS'].includes(method) : routed!.operation.body !== 'none' && method !== 'HEAD';
    const body = wantsBody ? await bodyWithin(req, res) : undefined;
    if (body === TOO_LARGE) return { response: router.error('PAYLOAD_TOO_LARGE', `The request body is over the limit of ${BODY_LIMIT_BYTES} bytes`), close: true };
    const response = serverRoute
      ? await serverRoute.handle(toRequest(req, method, path, search, body), { remoteAddress: req.socket.remoteAddress, remotePort: req.socket.remotePort })
      : // The path matched a template: it starts with /v1/ and holds no dot or empty segment, so it joins the origin as is.
        await routed!.run(mockRequest(req, method, `${url}${path}${search}`, body));
    return { response, close: !wantsBody && unread };
  };

  // The answer in progress on each connection: a parser error after its headers went out can only drop the connection.
  const inProgress = new WeakMap<Socket, ServerResponse>();
  handle = (req, res) => {
    inProgress.set(req.socket, res);
    res.once('close', () => {
      if (inProgress.get(req.socket) === res) inProgress.delete(req.socket);
    });
    void (async () => {
      let answered: { response: Response; close: boolean };
      try {
        answered = await answer(req, res);
      } catch (error) {
        // The client went away mid-body: nobody to answer.
        if (req.destroyed || res.destroyed) return;
        answered = { response: router.error('INTERNAL_ERROR', `Something went wrong on the mock's side: ${error instanceof Error ? error.message : String(error)}`), close: true };
      }
      await writeResponse(res, answered.response, answered.close);
    })();
  };

  // `Expect: 100-continue` is answered by `bodyWithin` (or a 413 without it); other expectations are ignored (RFC 9110 §10.1.1 allows it).
  server.on('checkContinue', (req, res) => handle?.(req, res));
  server.on('checkExpectation', (req, res) => handle?.(req, res));
  server.on('connect', (_req: IncomingMessage, socket: Socket) => {
    void writeRaw(socket, router.error('METHOD_NOT_ALLOWED', 'CONNECT is not served: this is not a proxy', { Allow: SERVER_METHODS }));
  });
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer; reason?: string }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || !socket.writable || inProgress.get(socket)?.headersSent) {
      socket.destroy();
      return;
    }
    void writeRaw(socket, parserErrorAnswer(router, error));
  });

  return {
    url,
    api,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
