/**
 * A raw HTTP/1.1 exchange over a socket, for requests `fetch` refuses to send (lowercase or
 * unknown methods, absolute-form and `*` targets, dot segments, duplicate Content-Length,
 * invalid UTF-8…), with a small parser of the answer.
 */
import { connect } from 'node:net';

/** An answer read off the socket. */
export interface RawAnswer {
  readonly status: number;
  /** Header values by lower-case name (repeated headers joined with `, `). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as UTF-8 text ('' when none). */
  readonly body: string;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  readonly json: unknown;
}

/** Options of {@link rawExchange}. */
export interface RawOptions {
  /** The request is HEAD: the answer has headers only. @default false */
  readonly head?: boolean;
  /** Give up after this long. @default 5000 */
  readonly timeoutMs?: number;
}

function parse(buffer: Buffer, head: boolean): RawAnswer | undefined {
  let start = 0;
  // Skip interim answers (100 Continue).
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n', start);
    if (end === -1) return undefined;
    const lines = buffer.toString('latin1', start, end).split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
    if (!Number.isInteger(status)) throw new Error(`not an HTTP answer: ${JSON.stringify(lines[0])}`);
    if (status >= 100 && status < 200) {
      start = end + 4;
      continue;
    }
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    }
    const length = head || status === 204 || status === 304 ? 0 : Number(headers['content-length'] ?? Number.NaN);
    if (!Number.isFinite(length)) throw new Error(`answer ${status} has no Content-Length`);
    const bodyStart = end + 4;
    if (buffer.length < bodyStart + length) return undefined;
    const body = buffer.toString('utf8', bodyStart, bodyStart + length);
    let json: unknown;
    try {
      json = body === '' ? undefined : JSON.parse(body);
    } catch {
      json = undefined;
    }
    return { status, headers, body, json };
  }
}

/**
 * Sends `request` as is on a new connection and resolves with the first complete answer, or
 * undefined when the server closed the connection (or the time ran out) without one.
 */
export function rawExchange(port: number, request: string | Uint8Array, options: RawOptions = {}): Promise<RawAnswer | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    const finish = (answer: RawAnswer | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish(undefined), options.timeoutMs ?? 5000);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      try {
        const answer = parse(buffer, options.head ?? false);
        if (answer) finish(answer);
      } catch (error) {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      }
    });
    // The server may close while we still write (413): what it answered before counts.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      try {
        finish(parse(buffer, options.head ?? false));
      } catch (error) {
        reject(error);
      }
    });
    socket.write(request);
  });
}

/** A request head: the request line, `Host`, then the given headers, each line ended by CRLF. */
export function requestHead(method: string, target: string, headers: Readonly<Record<string, string>> = {}): string {
  return `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}\r\n`;
}
