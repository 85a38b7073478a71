/**
 * Property: whatever request reaches the HTTP mock — any method, a path built from the spec's
 * segments, dot segments and junk, any query, credentials or none, any body and framing — it
 * answers (never drops the connection), never with a 5xx, always as the spec documents for the
 * operation the request reaches or at protocol level, and never serves another route than the
 * raw path names. fast-check prints the seed and the shrunk request of a failure.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, type OperationInfo } from '../../generated/operations.js';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';
import { validateAnswer } from './http-answers.js';
import { rawExchange } from './raw-http.js';

let mock: RunningMockServer;
let port: number;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: 9, rateLimits: { default: { limit: 1_000_000 }, events: { limit: 1_000_000 } } });
  port = Number(new URL(mock.url).port);
});
afterAll(() => mock.close());

const ops = Object.values(operations) as OperationInfo[];
const SEGMENTS = [...new Set(ops.flatMap((op) => op.path.split('/')).filter((s) => s !== '' && !s.startsWith('{')))];
const JUNK_SEGMENTS = ['', '.', '..', '%2e', '%2E%2e', '.%2e', '%zz', '%', '%2F', '%00', 'agt_01HZX4C9P2', 'tkt_0000000000', 'cli_01HZX2A7K3', '*', 'A'.repeat(300)];

/** A path: a spec template with its parameters filled (valid-looking, junk or dot segments), or segments at random. */
const path = fc.oneof(
  fc.constantFrom(...new Set(ops.map((op) => op.path))).chain((template) =>
    fc.array(fc.constantFrom(...JUNK_SEGMENTS, 'x_1', 'agt_0000000000'), { minLength: 2, maxLength: 2 }).map((values) => {
      let i = 0;
      return template.replace(/\{[^}]+\}/g, () => values[i++]!);
    }),
  ),
  fc.array(fc.constantFrom(...SEGMENTS, ...JUNK_SEGMENTS), { minLength: 1, maxLength: 5 }).map((segments) => `/${segments.join('/')}`),
);

const method = fc.constantFrom('GET', 'GET', 'POST', 'POST', 'PATCH', 'DELETE', 'PUT', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'get', 'post', 'FOO');
const queryName = fc.constantFrom('page', 'per_page', 'status', 'q', 'since', 'client_id', 'api_key', 'stauts', 'x', '%zz', '');
const queryValue = fc.constantFrom('1', '0', '-1', '100', '101', 'online', 'open', '%zz', '', '2026-11-01T00:00:00Z', 'yesterday', 'a'.repeat(300));
const query = fc.array(fc.tuple(queryName, queryValue), { maxLength: 3 }).map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([n, v]) => `${n}=${v}`).join('&')}`));

const body = fc.oneof(
  fc.constant(''),
  fc.constantFrom('null', '[]', '{}', '"x"', '1e400', '{"subject":"a","subject":"b"}', '{"a":', '\ufeff{}', `{"x":${'['.repeat(200)}${']'.repeat(200)}}`),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.record({ subject: fc.string({ maxLength: 20 }), description: fc.string({ maxLength: 20 }), client_id: fc.constantFrom('cli_01HZX2A7K3', 'nope') }).map((v) => JSON.stringify(v)),
);

interface Case {
  readonly method: string;
  readonly target: string;
  readonly key: 'valid' | 'none' | 'junk';
  readonly contentType: string | undefined;
  readonly idempotencyKey: boolean;
  readonly body: string;
  readonly framing: 'length' | 'chunked' | 'invalid-utf8';
}

const request: fc.Arbitrary<Case> = fc.record({
  method,
  target: fc.tuple(path, query, fc.boolean()).map(([p, q, absolute]) => `${absolute ? 'http://127.0.0.1' : ''}${p}${q}`),
  key: fc.constantFrom('valid', 'valid', 'valid', 'none', 'junk'),
  contentType: fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/json; charset=utf-16'),
  idempotencyKey: fc.boolean(),
  body,
  framing: fc.constantFrom('length', 'length', 'chunked', 'invalid-utf8'),
});

function encode(c: Case, testKey: string): Buffer {
  const headers: string[] = ['Host: 127.0.0.1'];
  if (c.key === 'valid') headers.push(`Authorization: Bearer ${testKey}`);
  if (c.key === 'junk') headers.push('Authorization: Bearer om_test_junk');
  if (c.contentType) headers.push(`Content-Type: ${c.contentType}`);
  if (c.idempotencyKey) headers.push('Idempotency-Key: fuzz-key-000001');
  let payload = Buffer.from(c.body);
  if (c.framing === 'invalid-utf8' && payload.length > 0) payload = Buffer.concat([payload.subarray(0, 1), Buffer.from([0xc3, 0x28]), payload.subarray(1)]);
  if (c.framing === 'chunked' && payload.length > 0) {
    headers.push('Transfer-Encoding: chunked');
    payload = Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from('\r\n0\r\n\r\n')]);
  } else if (payload.length > 0) headers.push(`Content-Length: ${payload.length}`);
  return Buffer.concat([Buffer.from(`${c.method} ${c.target} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

const isDotSegment = (segment: string): boolean => {
  try {
    return ['.', '..'].includes(decodeURIComponent(segment));
  } catch {
    return false;
  }
};

describe('the HTTP mock under generated requests', () => {
  it('answers every request, never with a 5xx, as the spec documents, and never past a dot segment', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(request, async (c) => {
        const answer = await rawExchange(port, encode(c, mock.api.testKey), { head: c.method === 'HEAD' });
        expect(answer, 'the connection closed without an answer').toBeDefined();
        const { status, headers } = answer!;
        expect(status).toBeLessThan(500);
        expect(headers['x-request-id']).toMatch(/^req_[0-9a-f]{24}$/);
        const rawPath = c.target.replace(/^http:\/\/127\.0\.0\.1/, '').split('?')[0]!;
        expect(validateAnswer(c.method, rawPath, answer!).errors).toEqual([]);
        if (rawPath.split('/').some(isDotSegment)) expect(status === 404 || status === 400).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
