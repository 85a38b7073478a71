import { describe, expect, it } from 'vitest';
import { assertValidResponse, validateFetchResponse, validateProtocolResponse, validateResponse } from '../../mocks/validate.js';

const headers = { 'X-Request-Id': 'req_7f3c2a91b0d44e1f8a6c5d21', 'X-RateLimit-Limit': '300', 'X-RateLimit-Remaining': '299', 'X-RateLimit-Reset': '1795689600', 'Content-Type': 'application/json' };
const page = { data: { items: [], total: 0, page: 1, per_page: 50 } };

describe('validateResponse', () => {
  it('accepts a response that matches the spec', () => {
    expect(validateResponse('agents_list', { status: 200, headers, body: page })).toEqual({ valid: true, errors: [] });
  });

  it('reports a status the operation does not declare', () => {
    expect(validateResponse('agents_list', { status: 418, headers, body: page }).errors[0]).toMatch(/status 418 is not declared/);
  });

  it('reports missing and malformed required headers', () => {
    const { 'X-Request-Id': _id, ...noId } = headers;
    expect(validateResponse('agents_list', { status: 200, headers: noId, body: page }).errors).toEqual(['agents_list 200: header X-Request-Id is missing']);
    const bad = validateResponse('agents_list', { status: 200, headers: { ...headers, 'X-RateLimit-Remaining': '-1' }, body: page });
    expect(bad.errors[0]).toMatch(/header X-RateLimit-Remaining/);
  });

  it('reports bodies that break the schema, including extra properties', () => {
    const result = validateResponse('agents_list', { status: 200, headers, body: { data: { ...page.data, items: [{ id: 'agt_1' }], extra: true } } });
    expect(result.valid).toBe(false);
    expect(result.errors.some((e) => e.includes('(extra)'))).toBe(true);
    expect(result.errors.some((e) => e.includes('/data/items/0'))).toBe(true);
  });

  it('checks error bodies against the Error schema and their request id against X-Request-Id', () => {
    const body = { error: { code: 'NOT_FOUND', message: 'No such resource', request_id: 'req_000000000000000000000000' } };
    expect(validateResponse('agents_get', { status: 404, headers, body }).errors).toEqual([
      'agents_get 404: error.request_id req_000000000000000000000000 differs from X-Request-Id req_7f3c2a91b0d44e1f8a6c5d21',
    ]);
    expect(validateResponse('agents_get', { status: 404, headers, body: { error: { code: 'NOPE', message: 'x', request_id: headers['X-Request-Id'] } } }).valid).toBe(false);
  });

  it('requires Retry-After on 429 and 503', () => {
    const body = { error: { code: 'RATE_LIMITED', message: 'slow down', request_id: headers['X-Request-Id'] } };
    expect(validateResponse('agents_list', { status: 429, headers, body }).errors).toEqual(['agents_list 429: header Retry-After is missing']);
    expect(validateResponse('agents_list', { status: 429, headers: { ...headers, 'Retry-After': '3' }, body }).valid).toBe(true);
  });

  it('reads fetch responses without consuming them, and reports bodies that are not JSON', async () => {
    const response = new Response(JSON.stringify(page), { status: 200, headers });
    expect((await validateFetchResponse('agents_list', response)).valid).toBe(true);
    expect(await response.json()).toEqual(page);
    const broken = await validateFetchResponse('agents_list', new Response('{"data": {', { status: 200, headers }));
    expect(broken.errors[0]).toMatch(/not valid JSON/);
  });

  it('throws with every problem listed from assertValidResponse', () => {
    expect(() => assertValidResponse('agents_list', { status: 200, headers: {}, body: {} })).toThrow(/header X-Request-Id is missing[\s\S]*must have required property 'data'/);
  });
});

describe('validateProtocolResponse', () => {
  const requestId = headers['X-Request-Id'];
  const envelope = (code: string) => ({ error: { code, message: 'x', request_id: requestId } });

  it('accepts a 405 with Allow, a 204 to OPTIONS with Allow, and the HTTP layer\'s errors in the envelope', () => {
    expect(validateProtocolResponse({ status: 405, headers: { ...headers, Allow: 'GET, HEAD, OPTIONS' }, body: envelope('METHOD_NOT_ALLOWED') })).toEqual({ valid: true, errors: [] });
    expect(validateProtocolResponse({ status: 204, headers: { ...headers, Allow: 'GET, HEAD, OPTIONS' }, body: undefined }).valid).toBe(true);
    for (const [status, code] of [[400, 'BAD_REQUEST'], [404, 'NOT_FOUND'], [408, 'REQUEST_TIMEOUT'], [413, 'PAYLOAD_TOO_LARGE'], [431, 'REQUEST_HEADERS_TOO_LARGE']] as const) {
      expect(validateProtocolResponse({ status, headers, body: envelope(code) }).errors, code).toEqual([]);
    }
  });

  it('reports a missing Allow, a code of another status, a mismatched request id and a status no protocol answer has', () => {
    expect(validateProtocolResponse({ status: 405, headers, body: envelope('METHOD_NOT_ALLOWED') }).errors).toEqual(['(no operation) 405: header Allow is missing']);
    expect(validateProtocolResponse({ status: 404, headers, body: envelope('BAD_REQUEST') }).errors).toEqual(['(no operation) 404: error code BAD_REQUEST belongs to status 400']);
    expect(validateProtocolResponse({ status: 400, headers, body: { error: { code: 'BAD_REQUEST', message: 'x', request_id: 'req_000000000000000000000000' } } }).errors[0]).toMatch(/differs from X-Request-Id/);
    expect(validateProtocolResponse({ status: 500, headers, body: envelope('INTERNAL_ERROR') }).errors[0]).toMatch(/status 500 is not a protocol-level answer/);
  });

  it('reports a missing X-Request-Id or X-RateLimit header, and a body that is not the envelope', () => {
    const { 'X-Request-Id': _id, 'X-RateLimit-Reset': _reset, ...rest } = headers;
    const result = validateProtocolResponse({ status: 404, headers: rest, body: { message: 'nope' } });
    expect(result.errors).toEqual(
      expect.arrayContaining(['(no operation) 404: header X-Request-Id is missing', '(no operation) 404: header X-RateLimit-Reset is missing or not a whole number', expect.stringMatching(/body must have required property 'error'/)]),
    );
  });
});
