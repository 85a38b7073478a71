/**
 * The HTTP mock (mocks/node-server.ts) under requests a property-based tester, another
 * language's client or a hostile peer sends: every class gets a documented answer (never a
 * 5xx, never a dropped socket), in the error envelope with `X-Request-Id` where it is an error.
 * Sent over raw sockets, since `fetch` refuses most of these.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';
import { BODY_LIMIT_BYTES, HEADER_LIMIT_BYTES, JSON_DEPTH_LIMIT } from '../../mocks/pipeline/limits.js';
import { validateAnswer } from './http-answers.js';
import { rawExchange, requestHead, type RawAnswer } from './raw-http.js';

let mock: RunningMockServer;
let port: number;
let auth: Record<string, string>;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: 5, rateLimits: { default: { limit: 100_000 } } });
  port = Number(new URL(mock.url).port);
  auth = { Authorization: `Bearer ${mock.api.testKey}` };
});
afterAll(() => mock.close());

/**
 * Sends a raw request and checks the answer is documented for what was asked: for its
 * operation, or (`protocol`: refused by the HTTP layer before routing) at protocol level.
 */
async function send(method: string, target: string, headers: Record<string, string> = {}, body: string | Uint8Array = '', protocol = false): Promise<RawAnswer> {
  const head = requestHead(method, target, headers);
  const answer = await rawExchange(port, typeof body === 'string' ? head + body : Buffer.concat([Buffer.from(head), body]), { head: method === 'HEAD' });
  const shown = `${method} ${target.slice(0, 60)}`;
  expect(answer, `${shown}: the server closed the connection without an answer`).toBeDefined();
  const path = target.replace(/^https?:\/\/[^/]*/, '').split('?')[0]!;
  expect(validateAnswer(method, path, answer!, protocol).errors, shown).toEqual([]);
  expect(answer!.status, shown).toBeLessThan(500);
  return answer!;
}

/** {@link send} for a request the HTTP layer refuses before routing. */
const refused = (method: string, target: string, headers: Record<string, string> = {}, body: string | Uint8Array = '') => send(method, target, headers, body, true);

const json = (headers: Record<string, string> = {}) => ({ ...auth, 'Content-Type': 'application/json', ...headers });
const sized = (text: string, headers: Record<string, string> = {}) => ({ ...json(headers), 'Content-Length': String(Buffer.byteLength(text)) });
const ticket = (clientId: string) => JSON.stringify({ subject: 'From a raw socket', description: 'Robustness', client_id: clientId });

describe('methods', () => {
  it('answers a method the path does not have with 405, Allow and the envelope: TRACE, PUT, WebDAV, lowercase, unknown', async () => {
    for (const method of ['TRACE', 'PUT', 'PROPFIND', 'PATCH', 'get', 'Get', 'FOO', 'M-SEARCH']) {
      const answer = await send(method, '/v1/agents', auth);
      expect(answer.status, method).toBe(405);
      expect(answer.headers['allow']).toBe('GET, HEAD, OPTIONS');
      expect(answer.json).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED', request_id: answer.headers['x-request-id'] } });
    }
    expect((await send('DELETE', '/v1/events/trigger', auth)).headers['allow']).toBe('OPTIONS, POST');
    expect((await send('HEAD', '/v1/events/trigger', auth)).status).toBe(405);
  });

  it('answers CONNECT with 405: the mock is not a proxy', async () => {
    const answer = await send('CONNECT', 'example.com:443', auth);
    expect(answer.status).toBe(405);
    expect(answer.headers['allow']).toBe('DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT');
  });

  it('answers OPTIONS with 204 and Allow, without credentials; OPTIONS * names every method', async () => {
    const path = await send('OPTIONS', '/v1/tickets/tkt_01HZX9A1B2');
    expect(path.status).toBe(204);
    expect(path.headers['allow']).toBe('DELETE, GET, HEAD, OPTIONS, PATCH');
    const star = await send('OPTIONS', '*');
    expect(star.status).toBe(204);
    expect(star.headers['allow']).toBe('DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT');
    expect((await send('GET', '*', auth)).status).toBe(400);
  });

  it('answers HEAD like GET, with the same status and Content-Length and no body', async () => {
    const get = await send('GET', '/v1/agents?per_page=3', auth);
    const head = await send('HEAD', '/v1/agents?per_page=3', auth);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(get.body)));
    expect(head.body).toBe('');
    expect((await send('HEAD', '/v1/agents')).status).toBe(401);
  });
});

describe('request targets', () => {
  it('serves an absolute-form target by its path, and refuses other schemes and authority-form with 400', async () => {
    const absolute = await send('GET', `http://127.0.0.1:${port}/v1/agents?per_page=1`, auth);
    expect(absolute.status).toBe(200);
    expect((absolute.json as { data: { per_page: number } }).data.per_page).toBe(1);
    expect((await send('GET', 'http://elsewhere.example', auth)).status).toBe(404);
    expect((await send('GET', 'ftp://127.0.0.1/v1/agents', auth)).status).toBe(400);
    expect((await send('GET', '127.0.0.1:80', auth)).status).toBe(400);
  });

  it('never lets a dot segment, in any spelling, reach another route', async () => {
    for (const target of ['/v1/agents/../api-keys', '/v1/agents/%2e%2e/api-keys', '/v1/agents/%2E%2E/api-keys', '/v1/agents/.%2e/api-keys', '/v1/x/../../v1/api-keys', '/v1/./agents', '/v1/agents/.']) {
      const answer = await send('GET', target, auth);
      expect(answer.status, target).toBe(404);
      expect(answer.body).not.toContain('key_');
    }
  });

  it('answers 404 for empty segments and trailing slashes, and for invalid percent-encoding in the path', async () => {
    for (const target of ['//', '/v1//agents', '/v1/agents/', '/', '/v1', '/v1/agents/%zz', '/v1/agents/%']) {
      expect((await send('GET', target, auth)).status, target).toBe(404);
    }
  });

  it('reads invalid percent-encoding in the query as the characters sent (422 from the schema, not a crash)', async () => {
    const answer = await send('GET', '/v1/agents?status=%zz', auth);
    expect(answer.status).toBe(422);
    expect(answer.json).toMatchObject({ error: { details: [{ field: 'status' }] } });
  });

  it('answers 400 in the envelope for a NUL, a space or raw non-ASCII bytes in the target', async () => {
    for (const target of ['/v1/ag\u0000ents', '/v1/agents/agt x', '/v1/agents/\u00e9']) {
      const answer = await refused('GET', target, auth);
      expect(answer.status, JSON.stringify(target)).toBe(400);
    }
  });

  it('answers an over-long id with 422 naming the parameter, and a target over the header limit with 431', async () => {
    const long = await send('GET', `/v1/agents/agt_${'A'.repeat(8000)}`, auth);
    expect(long.status).toBe(422);
    expect(long.json).toMatchObject({ error: { details: [{ field: 'agent_id' }] } });
    const tooLong = await refused('GET', `/v1/agents/agt_${'A'.repeat(HEADER_LIMIT_BYTES)}`, auth);
    expect(tooLong.status).toBe(431);
    expect(tooLong.json).toMatchObject({ error: { code: 'REQUEST_HEADERS_TOO_LARGE' } });
  });
});

describe('headers', () => {
  it('answers malformed framing with 400 in the envelope: duplicate Content-Length, Transfer-Encoding with Content-Length, a bad chunk', async () => {
    const dup = await refused('POST', '/v1/tickets', { ...json(), 'Content-Length': '2', 'content-length': '3' }, '{}');
    expect(dup.status).toBe(400);
    expect((dup.json as { error: { message: string } }).error.message).toMatch(/Content-Length/);
    expect((await refused('POST', '/v1/tickets', { ...json(), 'Content-Length': '2', 'Transfer-Encoding': 'chunked' }, '2\r\n{}\r\n0\r\n\r\n')).status).toBe(400);
    expect((await refused('POST', '/v1/tickets', { ...json(), 'Transfer-Encoding': 'chunked' }, 'zz\r\n{}\r\n0\r\n\r\n')).status).toBe(400);
    expect((await refused('GET', '/v1/agents', { ...auth, 'Bad Header': 'x' })).status).toBe(400);
  });

  it('answers headers over the limit with 431 in the envelope', async () => {
    const answer = await refused('GET', '/v1/agents', { ...auth, 'X-Big': 'a'.repeat(HEADER_LIMIT_BYTES) });
    expect(answer.status).toBe(431);
  });

  it('answers a body sent as another media type or charset with 400 naming it', async () => {
    for (const type of ['text/plain', ';;;', 'application/json; charset=utf-16', 'application/json; charset=iso-8859-1']) {
      const answer = await send('POST', '/v1/tickets', sized('{}', { 'Content-Type': type }), '{}');
      expect(answer.status, type).toBe(400);
    }
  });

  it('answers Expect: 100-continue with 100 for a body within the limit, and with 413 alone for a larger one', async () => {
    const clientId = mock.api.store.data.clients[0]!.id;
    const body = ticket(clientId);
    const ok = await send('POST', '/v1/tickets', sized(body, { Expect: '100-continue' }), body);
    expect(ok.status).toBe(201);
    const tooLarge = await send('POST', '/v1/tickets', { ...json(), Expect: '100-continue', 'Content-Length': String(BODY_LIMIT_BYTES + 1) });
    expect(tooLarge.status).toBe(413);
    expect((await send('GET', '/v1/agents', { ...auth, Expect: 'something-else' })).status).toBe(200);
  });
});

describe('bodies', () => {
  it('answers empty, null, array and off-schema bodies with 422, huge numbers included', async () => {
    for (const body of ['', 'null', '[]', '"text"', '{"subject": 1e400}', '{"subject":"s","description":"d","client_id":"cli_01HZX2A7K3","priority":123456789012345678901234567890}']) {
      const answer = await send('POST', '/v1/tickets', sized(body), body);
      expect(answer.status, body).toBe(422);
    }
  });

  it(`answers nesting past ${JSON_DEPTH_LIMIT} levels with 400, with or without an Idempotency-Key`, async () => {
    const deep = `{"subject":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    for (const headers of [{}, { 'Idempotency-Key': 'deep-nesting-0001' }]) {
      const answer = await send('POST', '/v1/tickets', sized(deep, headers), deep);
      expect(answer.status).toBe(400);
      expect((answer.json as { error: { message: string } }).error.message).toMatch(/deeper than 64 levels/);
    }
    // Deep but schema-free places (an event's custom details) are held to the same limit.
    const event = `{"service_id":"svc_01HZXB1C2D","summary":"s","severity":"critical","custom_details":${'{"a":'.repeat(200)}1${'}'.repeat(200)}}`;
    expect((await send('POST', '/v1/events/trigger', sized(event, { 'Idempotency-Key': 'deep-nesting-0002' }), event)).status).toBe(400);
  });

  it('answers repeated keys and invalid UTF-8 with 400, and accepts a byte order mark', async () => {
    const clientId = mock.api.store.data.clients[0]!.id;
    const dup = `{"subject":"a","subject":"b","description":"d","client_id":"${clientId}"}`;
    expect((await send('POST', '/v1/tickets', sized(dup), dup)).status).toBe(400);
    const invalid = Buffer.concat([Buffer.from('{"subject":"'), Buffer.from([0xff, 0xfe]), Buffer.from(`","description":"d","client_id":"${clientId}"}`)]);
    const answer = await send('POST', '/v1/tickets', { ...json(), 'Content-Length': String(invalid.length) }, invalid);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('not valid UTF-8');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ticket(clientId))]);
    expect((await send('POST', '/v1/tickets', { ...json(), 'Content-Length': String(bom.length) }, bom)).status).toBe(201);
  });

  it('answers a body cut short by the client (half-closed connection) with 400, and serves the next connection', async () => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.end(requestHead('POST', '/v1/tickets', { ...json(), 'Content-Length': '1000' }) + '{"subject":');
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 400 /);
    expect(received).toContain('"code":"BAD_REQUEST"');
    expect((await send('GET', '/v1/auth/me', auth)).status).toBe(200);
  });

  it('refuses a Content-Length over the limit at once, without reading the body', async () => {
    const answer = await send('POST', '/v1/tickets', { ...json(), 'Content-Length': String(50 * 1024 * 1024) }, '{"subject":');
    expect(answer.status).toBe(413);
    expect(answer.json).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(answer.headers['connection']).toBe('close');
  });

  it('stops reading a chunked body once it crosses the limit, answers 413 and closes the connection', async () => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let written = 0;
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined); // the server closes while we still write
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(requestHead('POST', '/v1/tickets', { ...json(), 'Transfer-Encoding': 'chunked' }));
    const chunk = Buffer.from(`10000\r\n${'a'.repeat(0x10000)}\r\n`);
    const total = 50 * 1024 * 1024;
    while (written < total && !socket.destroyed && received === '') {
      written += chunk.length;
      if (!socket.write(chunk)) await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), closed]);
    }
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(received).toContain('PAYLOAD_TOO_LARGE');
    // The 50 MB were never all sent: the server stopped reading after the limit (plus socket buffers).
    expect(written).toBeLessThan(total / 2);
  });

  it('ignores a body sent to an operation that takes none, and closes the connection after the answer', async () => {
    const answer = await send('GET', '/v1/auth/me', { ...auth, 'Content-Length': '5' }, 'hello');
    expect(answer.status).toBe(200);
    expect(answer.headers['connection']).toBe('close');
  });
});

describe('request ids', () => {
  it('sends an X-Request-Id on every answer, equal to error.request_id, unique across two mock instances', async () => {
    const other = await startMockServer({ port: 0, seed: 5 });
    try {
      const otherPort = Number(new URL(other.url).port);
      const ids = new Set<string>();
      for (let i = 0; i < 20; i++) {
        for (const p of [port, otherPort]) {
          const answer = await rawExchange(p, requestHead('GET', '/v1/agents'));
          expect((answer?.json as { error: { request_id: string } }).error.request_id).toBe(answer?.headers['x-request-id']);
          ids.add(answer!.headers['x-request-id']!);
        }
      }
      expect(ids.size).toBe(40);
    } finally {
      await other.close();
    }
  });
});
