/**
 * A real HTTP server on 127.0.0.1 that misbehaves on demand, for the fault-injection suite.
 *
 * Each request takes the next {@link Fault} from the queue given to `respond()`; the last one
 * repeats. Every request is logged (method, path, headers, body, arrival time) so tests assert
 * on what went over the wire, not on mocks.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Readable, pipeline } from 'node:stream';
import { createBrotliCompress, createGzip } from 'node:zlib';

/** One request as the server received it. */
export interface WireRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** `performance.now()` when the request headers arrived. */
  at: number;
  /** `Date.now()` when the request headers arrived (to compare with HTTP-dates). */
  wallAt: number;
  /** The `X-Request-Id` the server answered (or would have answered) this request with. */
  requestId: string;
}

/** What a fault gets besides the request and response: the request id to send, and the body. */
export interface FaultContext {
  readonly id: string;
  body(): Promise<string>;
}

/** What the server does with one request. */
export type Fault = (req: IncomingMessage, res: ServerResponse, ctx: FaultContext) => void | Promise<void>;

let counter = 0;
function nextRequestId(): string {
  counter++;
  return `req_fault${String(counter).padStart(15, '0')}`;
}

/** The body of `GET /v1/auth/me`. */
export const me = { data: { organisation: { id: 'org_01HZX0A1B2', name: 'Northwind', plan: 'growth' }, key: null, environment: 'sandbox', rate_limit: { limit: 300, remaining: 299, reset: 1795689600 } } };

/** The faults the suite needs. Every answer carries an `X-Request-Id` unless said otherwise. */
export const faults = {
  /** 200 with the `auth.me` body, plus extra headers. */
  ok(headers: Record<string, string> = {}): Fault {
    return faults.json(200, me, headers);
  },
  /** A JSON body with this status. */
  json(status: number, body: unknown, headers: Record<string, string> = {}): Fault {
    return (_req, res, { id }) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': id, ...headers }).end(JSON.stringify(body));
    };
  },
  /** An API error envelope with this status. */
  status(status: number, headers: Record<string, string> = {}): Fault {
    return (_req, res, { id }) => {
      const body = JSON.stringify({ error: { code: status === 429 ? 'RATE_LIMITED' : `HTTP_${status}`, message: `status ${status}`, request_id: id } });
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': id, ...headers }).end(body);
    };
  },
  /** Destroys the socket as soon as the request line arrives, before reading the request body. */
  resetBeforeBody(): Fault {
    return (req) => {
      req.socket.destroy();
    };
  },
  /** Reads the whole request body, then destroys the socket: the server got it all, the client gets nothing. */
  resetAfterBody(): Fault {
    return async (req, _res, { body }) => {
      await body();
      req.socket.destroy();
    };
  },
  /** Sends the status line and headers and part of the body, then destroys the socket. */
  resetMidResponse(status = 200): Fault {
    return (req, res, { id }) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': id, 'content-length': '400' });
      res.write('{"data":{"organisation":');
      setTimeout(() => req.socket.destroy(), 5);
    };
  },
  /** Never answers. */
  stall(): Fault {
    return () => undefined;
  },
  /** Sends headers with `Content-Length` larger than the body, then ends the connection cleanly. */
  truncated(status = 200): Fault {
    return (req, _res, { id }) => {
      const head = `HTTP/1.1 ${status} OK\r\ncontent-type: application/json\r\nx-request-id: ${id}\r\ncontent-length: 500\r\nconnection: close\r\n\r\n`;
      // Write on the raw socket: node:http refuses to end a response shorter than its Content-Length.
      req.socket.end(`${head}{"data":{"organisation":{"id":"org_01HZX0A1B2"`);
    };
  },
  /** 200 with a body that claims to be JSON and is not. */
  malformedJson(status = 200): Fault {
    return (_req, res, { id }) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': id }).end('{"data": {"organisation": ');
    };
  },
  /** A proxy's HTML error page. */
  html(status = 502, headers: Record<string, string> = {}): Fault {
    return (_req, res, { id }) => {
      res
        .writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'x-request-id': id, ...headers })
        .end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>');
    };
  },
  /** This status with a JSON content type and no body at all (`chunked` selects a zero-chunk body instead of `Content-Length: 0`). */
  empty(status = 200, framing: 'content-length' | 'chunked' = 'content-length'): Fault {
    return (_req, res, { id }) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': id };
      if (framing === 'chunked') headers['transfer-encoding'] = 'chunked';
      else headers['content-length'] = '0';
      res.writeHead(status, headers).end();
    };
  },
  /**
   * A body streamed as fast as the client reads it: `head`, then `chunk` again and again up to
   * `total` bytes (before compression), or without end. With `encoding`, compressed on the fly
   * (`Content-Encoding` set): a stream of zeros then inflates by about 1000× on the client — a
   * compression bomb. `sent` counts the bytes that left the server (after compression), so a test
   * can tell the client stopped reading.
   */
  stream(options: { status?: number; total?: number; encoding?: 'gzip' | 'br'; head?: string; chunk?: Buffer; sent?: { bytes: number } }): Fault {
    return (_req, res, { id }) => {
      const { status = 200, total = Infinity, encoding, head = '', chunk = Buffer.alloc(64 * 1024, 0x20), sent } = options;
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': id };
      if (encoding) headers['content-encoding'] = encoding;
      else if (Number.isFinite(total)) headers['content-length'] = String(total);
      res.writeHead(status, headers);
      let produced = 0;
      const source = new Readable({
        read() {
          if (produced >= total) return void this.push(null);
          const next = produced === 0 && head !== '' ? Buffer.from(head) : chunk;
          const piece = next.subarray(0, Math.min(next.length, total - produced));
          produced += piece.length;
          this.push(piece);
        },
      });
      const out = encoding === 'gzip' ? createGzip() : encoding === 'br' ? createBrotliCompress() : undefined;
      if (sent) (out ?? source).on('data', (piece: Buffer) => (sent.bytes += piece.length));
      const done = (): void => undefined; // the client hanging up ends the pipeline: expected
      if (out) pipeline(source, out, res, done);
      else pipeline(source, res, done);
    };
  },
  /** A redirect to `location`, which may be a function of the request (to echo its query string). */
  redirect(status: number, location: string | ((req: IncomingMessage) => string)): Fault {
    return (req, res, { id }) => {
      res.writeHead(status, { location: typeof location === 'string' ? location : location(req), 'x-request-id': id }).end();
    };
  },
} satisfies Record<string, (...args: never[]) => Fault>;

/** A running fault server. */
export interface FaultServer {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Every request received since the last `respond()`. */
  readonly requests: WireRequest[];
  /** Sets what the next requests get, in order; the last fault repeats. Clears the log. */
  respond(...queue: Fault[]): void;
  /** Closes the server and every connection still open (stalled ones included). */
  close(): Promise<void>;
}

/** Starts a fault server on a free loopback port; over TLS when given a key and certificate. */
export async function startFaultServer(options: { tls?: { key: string; cert: string } } = {}): Promise<FaultServer> {
  let queue: Fault[] = [faults.ok()];
  const requests: WireRequest[] = [];
  const listener: RequestListener = (req, res) => {
    const at = performance.now();
    const wallAt = Date.now();
    const id = nextRequestId();
    let text: Promise<string> | undefined;
    const body = (): Promise<string> =>
      (text ??= new Promise((resolve) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
      }));
    const entry: WireRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: '', at, wallAt, requestId: id };
    requests.push(entry);
    void body().then((b) => (entry.body = b));
    const fault = queue.length > 1 ? queue.shift()! : queue[0]!;
    void fault(req, res, { id, body });
  };
  const server: Server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    respond(...next: Fault[]) {
      if (next.length === 0) throw new Error('respond() needs at least one fault');
      queue = next;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
