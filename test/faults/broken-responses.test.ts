import { describe, expect, it, vi } from 'vitest';
import { ConnectionError, InternalServerError, isOpsMergeError, ResponseParseError, TimeoutError } from '../../src/index.js';
import { faults, me, type Fault } from './fault-server.js';
import { faultClient, rejectionOf, useFaultServer } from './helpers.js';

const server = useFaultServer();

interface Case {
  name: string;
  fault: () => Fault;
  error: new (...args: never[]) => Error;
  /** Fields the error must carry; `requestId: true` means the id of the response on the wire. */
  fields: Record<string, unknown>;
  /** When no status line arrived, there is no status or request id to carry: the message names what happened. */
  message?: RegExp;
}

// One row per broken response. Where the status line arrived, the error carries the status and
// the request id; where nothing arrived, it says whether the request may have reached the server.
const cases: Case[] = [
  { name: 'a reset before the request body is read', fault: faults.resetBeforeBody, error: ConnectionError, fields: { mayHaveSucceeded: true }, message: /other side closed/ },
  { name: 'a reset after the request body, before any answer', fault: faults.resetAfterBody, error: ConnectionError, fields: { mayHaveSucceeded: true }, message: /other side closed/ },
  { name: 'a reset in the middle of the response body', fault: () => faults.resetMidResponse(200), error: ConnectionError, fields: { mayHaveSucceeded: true, status: 200, requestId: true }, message: /body of the 200 response \(request req_fault\d+\)/ },
  { name: 'a body shorter than its Content-Length', fault: () => faults.truncated(200), error: ConnectionError, fields: { mayHaveSucceeded: true, status: 200, requestId: true }, message: /body of the 200 response \(request req_fault\d+\)/ },
  { name: 'a stalled response', fault: faults.stall, error: TimeoutError, fields: { timeoutMs: 150 } },
  { name: 'malformed JSON', fault: () => faults.malformedJson(200), error: ResponseParseError, fields: { status: 200, requestId: true, contentType: 'application/json' } },
  { name: "a proxy's HTML 502 page", fault: () => faults.html(502), error: InternalServerError, fields: { status: 502, code: 'HTTP_502', requestId: true } },
  { name: 'an HTML page answering 200', fault: () => faults.html(200), error: ResponseParseError, fields: { status: 200, requestId: true, contentType: 'text/html; charset=utf-8' } },
  { name: 'an empty 200 body (Content-Length: 0)', fault: () => faults.empty(200), error: ResponseParseError, fields: { status: 200, requestId: true, bodySnippet: '' } },
  { name: 'an empty 200 body (chunked)', fault: () => faults.empty(200, 'chunked'), error: ResponseParseError, fields: { status: 200, requestId: true, bodySnippet: '' } },
  { name: 'an empty 503 body', fault: () => faults.empty(503), error: InternalServerError, fields: { status: 503, code: 'HTTP_503', requestId: true } },
];

function expected(row: Case): Record<string, unknown> {
  const id = server.requests.at(-1)?.requestId;
  return Object.fromEntries(Object.entries(row.fields).map(([k, v]) => [k, k === 'requestId' ? id : v]));
}

describe('each broken response becomes its typed error', () => {
  it.each(cases)('$name → $error.name', async (row) => {
    server.respond(row.fault());
    const error = await rejectionOf(faultClient(server, { maxRetries: 0, timeout: 150 }).auth.me());
    expect(error).toBeInstanceOf(row.error);
    expect(error).toMatchObject({ name: row.error.name, method: 'GET', path: '/v1/auth/me', ...expected(row) });
    if (row.message) expect((error as Error).message).toMatch(row.message);
    expect(server.requests).toHaveLength(1);
  });

  it.each(cases)('never surfaces a raw SyntaxError or TypeError through the low-level client: $name', async (row) => {
    server.respond(row.fault());
    const outcome = await faultClient(server, { maxRetries: 0, timeout: 150 })
      .GET('/v1/auth/me')
      .then((result) => ({ result }), (error: unknown) => ({ error }));
    if ('error' in outcome) {
      expect(isOpsMergeError(outcome.error)).toBe(true);
      expect(outcome.error).toBeInstanceOf(row.error);
    } else {
      // openapi-fetch's contract for an error status: `{ error, response }`, never data.
      expect(outcome.result.response.ok).toBe(false);
      expect(outcome.result.data).toBeUndefined();
      expect(outcome.result.response.headers.get('x-request-id')).toBe(server.requests[0]!.requestId);
    }
  });

  it('names a different class for each way a response can break', () => {
    const byKind = new Set(cases.map((c) => c.error.name));
    expect([...byKind].sort()).toEqual(['ConnectionError', 'InternalServerError', 'ResponseParseError', 'TimeoutError']);
  });
});

describe('a GET recovers from transient breakage', () => {
  it.each([
    ['a reset before the body', faults.resetBeforeBody],
    ['a reset mid-body', () => faults.resetMidResponse(200)],
    ['a truncated body', () => faults.truncated(200)],
    ['a stall', faults.stall],
  ] as const)('retries after %s and succeeds', async (_name, fault) => {
    vi.spyOn(Math, 'random').mockReturnValue(0); // no backoff wait; the count is what matters
    server.respond(fault(), faults.ok());
    const data = await faultClient(server, { timeout: 150 }).auth.me();
    expect(data).toEqual(me.data);
    expect(server.requests).toHaveLength(2);
  });
});
