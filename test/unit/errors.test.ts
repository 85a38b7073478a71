import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { exposedText } from '../support/exposed-text.js';
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  OpsMergeError,
  PermissionDeniedError,
  RateLimitError,
  ResponseParseError,
  SunsetError,
  TimeoutError,
  UnprocessableEntityError,
  isApiError,
  isAuthenticationError,
  isBadRequestError,
  isConfigurationError,
  isConflictError,
  isConnectionError,
  isInternalServerError,
  isNotFoundError,
  isOpsMergeError,
  isPermissionDeniedError,
  isRateLimitError,
  isResponseParseError,
  isSunsetError,
  isTimeoutError,
  isUnprocessableEntityError,
} from '../../src/errors/index.js';

const KEY = 'om_live_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a';
const OAUTH_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJl';
const REQUEST_ID = 'req_7f3c2a91b0d44e1f8a6c5d21';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

function envelope(code: string, message: string, extra: Record<string, unknown> = {}): unknown {
  return { error: { code, message, request_id: REQUEST_ID, ...extra } };
}

function fromResponse(status: number, body: unknown, headers: Record<string, string> = {}, path = '/v1/agents'): ApiError {
  return ApiError.fromResponse({ status, body, headers: new Headers(headers), method: 'GET', path, nowMs: NOW });
}

describe('ApiError.fromResponse', () => {
  it.each([
    [400, BadRequestError, 'BAD_REQUEST'],
    [401, AuthenticationError, 'UNAUTHORIZED'],
    [403, PermissionDeniedError, 'INSUFFICIENT_SCOPE'],
    [404, NotFoundError, 'NOT_FOUND'],
    [409, ConflictError, 'CONFLICT'],
    [422, UnprocessableEntityError, 'VALIDATION_FAILED'],
    [429, RateLimitError, 'RATE_LIMITED'],
    [500, InternalServerError, 'INTERNAL_ERROR'],
    [502, InternalServerError, 'INTERNAL_ERROR'],
    [503, InternalServerError, 'SERVICE_UNAVAILABLE'],
  ])('builds the %i subclass', (status, ErrorClass, code) => {
    const error = fromResponse(status, envelope(code, 'message'));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(OpsMergeError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
  });

  it.each([[402], [405], [410], [418], [451]])('builds a plain ApiError for the other 4xx status %i', (status) => {
    const error = fromResponse(status, envelope('FORBIDDEN', 'nope'));
    expect(Object.getPrototypeOf(error)).toBe(ApiError.prototype);
    expect(error.name).toBe('ApiError');
  });

  it('reads the envelope into code, request id and details, and formats the message', () => {
    const details = [{ field: '/name', message: 'must NOT have more than 100 characters' }];
    const error = fromResponse(401, envelope('KEY_REVOKED', 'This API key was revoked', { details }), {}, '/v1/auth/me');
    expect(error.message).toBe(`401 KEY_REVOKED on GET /v1/auth/me (request ${REQUEST_ID}): This API key was revoked`);
    expect(error.requestId).toBe(REQUEST_ID);
    expect(error.details).toEqual(details);
    expect(error.method).toBe('GET');
    expect(error.path).toBe('/v1/auth/me');
  });

  it('takes the request id from X-Request-Id when the body has none', () => {
    const error = fromResponse(404, { error: { code: 'NOT_FOUND', message: 'No such agent' } }, { 'X-Request-Id': 'req_from_header' });
    expect(error.requestId).toBe('req_from_header');
    expect(error.message).toBe('404 NOT_FOUND on GET /v1/agents (request req_from_header): No such agent');
  });

  it('leaves the parenthesis out when there is no request id at all', () => {
    const error = fromResponse(404, { error: { code: 'NOT_FOUND', message: 'No such agent' } });
    expect(error.requestId).toBeUndefined();
    expect(error.message).toBe('404 NOT_FOUND on GET /v1/agents: No such agent');
  });

  it.each([
    ['an HTML page', '<html><body>Bad Gateway</body></html>', 'not an OpsMerge error envelope', '<html><body>Bad Gateway</body></html>'],
    ['no body', undefined, 'empty', ''],
    ['an empty text', '', 'empty', ''],
    ['null', null, 'not an OpsMerge error envelope', 'null'],
    ['an object without an error envelope', { message: 'Bad gateway' }, 'not an OpsMerge error envelope', '{"message":"Bad gateway"}'],
    ['an envelope without a code', { error: { message: 'x' } }, 'not an OpsMerge error envelope', '{"error":{"message":"x"}}'],
    ['an array', [1, 2], 'not an OpsMerge error envelope', '[1,2]'],
  ])('uses HTTP_<status> as the code when the body is %s, and keeps a snippet of it', (_, body, said, snippet) => {
    const error = fromResponse(502, body, { 'x-request-id': REQUEST_ID });
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.code).toBe('HTTP_502');
    expect(error.message).toBe(`502 HTTP_502 on GET /v1/agents (request ${REQUEST_ID}): the response body was ${said}`);
    expect(error.bodySnippet).toBe(snippet);
    expect(error.toJSON().bodySnippet).toBe(snippet);
  });

  it('keeps no snippet for an error envelope', () => {
    expect(fromResponse(404, envelope('NOT_FOUND', 'No such agent')).bodySnippet).toBeUndefined();
  });

  it('parses an envelope that arrives as JSON text', () => {
    expect(fromResponse(409, JSON.stringify(envelope('ALREADY_REVOKED', 'Already revoked'))).code).toBe('ALREADY_REVOKED');
  });

  it('keeps unknown codes from a newer server', () => {
    expect(fromResponse(403, envelope('SOMETHING_NEW', 'x')).code).toBe('SOMETHING_NEW');
  });

  it('never puts the query string in the path or the message', () => {
    const error = fromResponse(401, envelope('UNAUTHORIZED', 'Unknown key'), {}, `/v1/agents?api_key=${KEY}&page=2`);
    expect(error.path).toBe('/v1/agents');
    expect(error.message).not.toContain(KEY);
    expect(error.message).not.toContain('?');
  });

  it('upper-cases the method', () => {
    expect(ApiError.fromResponse({ status: 404, body: undefined, headers: new Headers(), method: 'delete', path: '/v1/x' }).method).toBe('DELETE');
  });

  it('scrubs an API key the server echoed into its message', () => {
    const error = fromResponse(401, envelope('KEY_ENVIRONMENT_MISMATCH', `Key ${KEY} is a production key`));
    expect(error.message).not.toContain(KEY);
    expect(error.message).toContain('REDACTED');
  });
});

describe('UnprocessableEntityError', () => {
  const validation = (details: unknown, message = 'The request is invalid') =>
    fromResponse(422, { error: { code: 'VALIDATION_FAILED', message, request_id: REQUEST_ID, details } });

  it('names the first validation reason of details in the message, and how many more there are', () => {
    expect(validation([{ field: '/client_id', message: 'no such client' }]).message).toBe(
      `422 VALIDATION_FAILED on GET /v1/agents (request ${REQUEST_ID}): The request is invalid: /client_id no such client`,
    );
    expect(validation([{ field: '/client_id', message: 'no such client' }, { field: '/subject', message: 'must NOT be empty' }]).message).toMatch(
      /: The request is invalid: \/client_id no such client \(and 1 more\)$/,
    );
    expect(validation([{ message: 'request body is required' }], '').message).toBe(`422 VALIDATION_FAILED on GET /v1/agents (request ${REQUEST_ID}): request body is required`);
  });

  it.each([
    ['no details', undefined],
    ['an empty list', []],
    ['details that are not a list', { field: '/a', message: 'x' }],
    ['a first detail without a message', [{ field: '/a' }, { field: '/b', message: 'y' }]],
    ['a first detail that is not an object', ['/a is wrong']],
  ])('keeps the server message alone for %s', (_, details) => {
    expect(validation(details).message).toBe(`422 VALIDATION_FAILED on GET /v1/agents (request ${REQUEST_ID}): The request is invalid`);
  });

  it('bounds and scrubs the reason', () => {
    const error = validation([{ field: `/${'f'.repeat(500)}`, message: `bad key ${KEY} ${'m'.repeat(5000)}` }]);
    expect(error.message).not.toContain(KEY);
    expect(error.message.length).toBeLessThan(600);
    expect(error.message).toContain('bad key REDACTED');
  });
});

describe('serialising an error never throws and is bounded', () => {
  function nested(depth: number): unknown {
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i += 1) value = { next: value };
    return value;
  }
  const circular: Record<string, unknown> = { a: 1 };
  circular['self'] = circular;
  const hostile = {
    get boom(): never {
      throw new Error('getter');
    },
    json: {
      toJSON(): never {
        throw new Error('toJSON');
      },
    },
    big: 12345678901234567890n,
  };
  const detailsCases = [
    ['100,000 levels deep', nested(100_000)],
    ['circular', circular],
    ['with a throwing getter, a throwing toJSON and a BigInt', hostile],
    ['a huge array', Array.from({ length: 1_000_000 }, (_, i) => ({ i }))],
    ['a huge string', 'x'.repeat(10_000_000)],
  ] as const;
  const builders = [
    ['ApiError', (details: unknown) => new ApiError({ status: 400, code: 'BAD_REQUEST', message: 'x', method: 'GET', path: '/', details })],
    ['RateLimitError', (details: unknown) => new RateLimitError({ status: 429, code: 'RATE_LIMITED', message: 'x', method: 'GET', path: '/', details, retryAfterMs: 1000 })],
    ['ConnectionError (as a cause)', (details: unknown) => new ConnectionError({ method: 'GET', path: '/', mayHaveSucceeded: false, cause: Object.assign(new Error('inner'), { details }) })],
    ['OpsMergeError (with the value as its cause)', (details: unknown) => new OpsMergeError('x', { cause: details })],
  ] as const;
  const cases = builders.flatMap(([name, build]) => detailsCases.map(([what, details]) => ({ name, what, build: () => build(details) })));

  it.each(cases)('$name with details $what: JSON.stringify and util.inspect give a bounded text', ({ build }) => {
    const error = build();
    const json = JSON.stringify(error);
    expect(json.length).toBeLessThan(200_000);
    expect(JSON.parse(json)).toMatchObject({ name: error.name });
    const shown = inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true });
    expect(shown.length).toBeLessThan(400_000);
    expect(shown).toContain(error.name);
  });

  it('shows the truncated form of a too-deep value, not nothing', () => {
    const error = new ApiError({ status: 400, code: 'BAD_REQUEST', message: 'x', method: 'GET', path: '/', details: nested(100_000) });
    expect(JSON.stringify(error)).toContain('[nested too deep]');
    expect(JSON.stringify(error.details)).toContain('[nested too deep]');
  });

  it('keeps an error whose cause has throwing getters printable', () => {
    const cause = new Proxy(new Error('x'), {
      get() {
        throw new Error('trap');
      },
    });
    const error = new ConnectionError({ method: 'GET', path: '/', mayHaveSucceeded: false, cause });
    expect(() => JSON.stringify(error)).not.toThrow();
    expect(() => inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toThrow();
  });
});

describe('RateLimitError', () => {
  it('reads Retry-After and the rate-limit headers, and says how long to wait', () => {
    const error = fromResponse(429, envelope('RATE_LIMITED', 'API key rate limit exceeded'), {
      'Retry-After': '12',
      'X-RateLimit-Limit': '300',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(NOW / 1000 + 12),
    });
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toBe(`429 RATE_LIMITED on GET /v1/agents (request ${REQUEST_ID}): retry after 12 s`);
    expect(error).toMatchObject({ retryAfterMs: 12_000, limit: 300, remaining: 0, resetAt: new Date(NOW + 12_000) });
  });

  it('reads an HTTP-date Retry-After relative to nowMs', () => {
    const error = fromResponse(429, envelope('QUOTA_EXCEEDED', 'Daily quota spent'), { 'Retry-After': new Date(NOW + 90_000).toUTCString() });
    expect((error as RateLimitError).retryAfterMs).toBe(90_000);
    expect(error.message).toMatch(/: retry after 90 s$/);
  });

  it('rounds a partial second up', () => {
    expect(new RateLimitError({ status: 429, code: 'RATE_LIMITED', message: 'x', method: 'GET', path: '/v1/a', retryAfterMs: 1_500 }).message).toBe(
      '429 RATE_LIMITED on GET /v1/a: retry after 2 s',
    );
  });

  it('falls back to the time until the reset when Retry-After is missing', () => {
    const error = fromResponse(429, envelope('RATE_LIMITED', 'x'), { 'X-RateLimit-Reset': String(NOW / 1000 + 30) }) as RateLimitError;
    expect(error.retryAfterMs).toBe(30_000);
  });

  it('keeps the server message and no suffix when the wait is unknown', () => {
    const error = fromResponse(429, envelope('RATE_LIMITED', 'API key rate limit exceeded'), { 'Retry-After': 'soon' }) as RateLimitError;
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.message).toBe(`429 RATE_LIMITED on GET /v1/agents (request ${REQUEST_ID}): API key rate limit exceeded`);
  });
});

describe('errors without a response', () => {
  it('ConnectionError names the request, the cause and whether a write may have happened', () => {
    const cause = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    const error = new ConnectionError({ method: 'post', path: '/v1/tickets?x=1', mayHaveSucceeded: true, cause });
    expect(error.message).toBe('Connection failed on POST /v1/tickets: fetch failed: read ECONNRESET (the request may have reached the server)');
    expect(error).toMatchObject({ name: 'ConnectionError', method: 'POST', path: '/v1/tickets', mayHaveSucceeded: true });
    expect(error.cause).toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { name: 'Error', message: 'read ECONNRESET', code: 'ECONNRESET' } });
  });

  it('ConnectionError hides the query parameters a cause quotes in a URL, as a log line would', () => {
    const cause = new TypeError('request to https://app.opsmerge.cloud/api/v1/agents?page=2&password=hunter2 failed, reason: socket hang up');
    const error = new ConnectionError({ method: 'GET', path: '/v1/agents', mayHaveSucceeded: false, cause });
    expect(error.message).toContain('/v1/agents?page=2&password=REDACTED failed');
    expect(exposedText(error)).not.toContain('hunter2');
  });

  it('TimeoutError carries the timeout and, for a write, mayHaveSucceeded', () => {
    const read = new TimeoutError({ timeoutMs: 30_000, method: 'GET', path: '/v1/agents' });
    expect(read.message).toBe('Timed out after 30000 ms on GET /v1/agents');
    expect(read.mayHaveSucceeded).toBeUndefined();
    const write = new TimeoutError({ timeoutMs: 5_000, method: 'POST', path: '/v1/tickets', mayHaveSucceeded: true });
    expect(write.message).toBe('Timed out after 5000 ms on POST /v1/tickets (the request may have reached the server)');
    expect(write.mayHaveSucceeded).toBe(true);
  });

  it('hides the password and the unlisted query parameters of a URL a message quotes', () => {
    const error = new ConfigurationError('baseUrl "https://user:hunter2@api.example/v1?tenant=acme&page=1" is not allowed', { option: 'baseUrl' });
    expect(error.message).toBe('baseUrl "https://user:REDACTED@api.example/v1?tenant=REDACTED&page=1" is not allowed');
  });

  it('ConfigurationError always names the option', () => {
    expect(new ConfigurationError('must be a positive number, got -1', { option: 'timeoutMs' }).message).toBe(
      'Invalid option "timeoutMs": must be a positive number, got -1',
    );
    const named = new ConfigurationError('baseUrl "x" is not an absolute URL.', { option: 'baseUrl' });
    expect(named.message).toBe('baseUrl "x" is not an absolute URL.');
    expect(named.option).toBe('baseUrl');
  });

  it('SunsetError names the operation, the date and the successor', () => {
    const error = new SunsetError({ operation: 'alerts_listActive', sunsetAt: new Date('2027-06-30T00:00:00Z'), successor: 'alerts_list' });
    expect(error.message).toBe('alerts_listActive reached its sunset on 2027-06-30T00:00:00.000Z; use alerts_list instead');
    expect(error.successor).toBe('alerts_list');
    expect(new SunsetError({ operation: 'x_get', sunsetAt: new Date(0) }).message).toBe('x_get reached its sunset on 1970-01-01T00:00:00.000Z');
  });

  it('ResponseParseError carries status, request id, content type and a scrubbed, short body snippet', () => {
    const body = `<html>${'x'.repeat(190)}${KEY}${'y'.repeat(500)}</html>`;
    const error = new ResponseParseError({
      status: 502,
      method: 'GET',
      path: '/v1/agents',
      headers: new Headers({ 'content-type': 'text/html', 'x-request-id': REQUEST_ID }),
      body,
      cause: new SyntaxError('Unexpected token <'),
    });
    expect(error.message).toBe(`502 on GET /v1/agents (request ${REQUEST_ID}): the response body is not valid JSON (content-type: text/html)`);
    expect(error).toMatchObject({ status: 502, requestId: REQUEST_ID, contentType: 'text/html' });
    // The key straddles the 200-character cut: it is redacted whole before the cut.
    expect(error.bodySnippet).toBe(`<html>${'x'.repeat(190)}REDA`);
  });

  it('ResponseParseError scrubs the secrets it is given', () => {
    const error = new ResponseParseError({ status: 200, method: 'GET', path: '/', headers: new Headers(), body: 'token=opaque-oauth-token', secrets: ['opaque-oauth-token'] });
    expect(error.bodySnippet).toBe('token=REDACTED');
    expect(error.contentType).toBeUndefined();
  });

  it('keeps a copy of the cause on every class, ES2022 style', () => {
    const cause = new Error('root');
    const errors = [
      new OpsMergeError('x', { cause }),
      new ApiError({ status: 400, code: 'BAD_REQUEST', message: 'x', method: 'GET', path: '/', cause }),
      new ConnectionError({ method: 'GET', path: '/', mayHaveSucceeded: false, cause }),
      new TimeoutError({ timeoutMs: 1, method: 'GET', path: '/', cause }),
      new ConfigurationError('x', { option: 'x', cause }),
      new SunsetError({ operation: 'x', sunsetAt: new Date(0), cause }),
      new ResponseParseError({ status: 200, method: 'GET', path: '/', headers: new Headers(), body: '', cause }),
    ];
    for (const error of errors) {
      expect(error.cause).toBeInstanceOf(Error);
      expect(error.cause).toMatchObject({ name: 'Error', message: 'root' });
    }
    expect(Object.hasOwn(new OpsMergeError('x'), 'cause')).toBe(false);
  });

  it('starts the stack with the class name and message', () => {
    const error = fromResponse(404, envelope('NOT_FOUND', 'No such agent'));
    expect(error.stack?.split('\n')[0]).toBe(`NotFoundError: ${error.message}`);
  });
});

describe('type guards', () => {
  const cases = [
    [isApiError, new ApiError({ status: 418, code: 'X', message: 'x', method: 'GET', path: '/' })],
    [isBadRequestError, fromResponse(400, undefined)],
    [isAuthenticationError, fromResponse(401, undefined)],
    [isPermissionDeniedError, fromResponse(403, undefined)],
    [isNotFoundError, fromResponse(404, undefined)],
    [isConflictError, fromResponse(409, undefined)],
    [isUnprocessableEntityError, fromResponse(422, undefined)],
    [isRateLimitError, fromResponse(429, undefined)],
    [isInternalServerError, fromResponse(500, undefined)],
    [isResponseParseError, new ResponseParseError({ status: 200, method: 'GET', path: '/', headers: new Headers(), body: '' })],
    [isConnectionError, new ConnectionError({ method: 'GET', path: '/', mayHaveSucceeded: false })],
    [isTimeoutError, new TimeoutError({ timeoutMs: 1, method: 'GET', path: '/' })],
    [isConfigurationError, new ConfigurationError('x', { option: 'x' })],
    [isSunsetError, new SunsetError({ operation: 'x', sunsetAt: new Date(0) })],
  ] as const;

  it.each(cases.map(([guard, error]) => [guard.name, guard, error] as const))('%s recognises its own class, and isOpsMergeError recognises it too', (_, guard, error) => {
    expect(guard(error)).toBe(true);
    expect(isOpsMergeError(error)).toBe(true);
    for (const [other, otherError] of cases) {
      if (otherError !== error && !(guard === isApiError && isApiError(otherError))) expect(guard(otherError)).toBe(false);
    }
  });

  it('recognise errors from another realm by name, as plain objects with the right shape', () => {
    // What an error thrown by a second copy of the SDK (an iframe, a worker, a duplicated bundle) looks like here.
    const foreignRateLimit = { name: 'RateLimitError', message: '429 …', status: 429, code: 'RATE_LIMITED' };
    expect(isRateLimitError(foreignRateLimit)).toBe(true);
    expect(isApiError(foreignRateLimit)).toBe(true);
    expect(isOpsMergeError(foreignRateLimit)).toBe(true);
    expect(isAuthenticationError(foreignRateLimit)).toBe(false);
    expect(isAuthenticationError({ name: 'AuthenticationError', message: '', status: 401 })).toBe(true);
    expect(isConnectionError({ name: 'ConnectionError', message: '', mayHaveSucceeded: false })).toBe(true);
    expect(isTimeoutError({ name: 'TimeoutError', message: '', timeoutMs: 100 })).toBe(true);
    expect(isConfigurationError({ name: 'ConfigurationError', message: '', option: 'x' })).toBe(true);
    expect(isSunsetError({ name: 'SunsetError', message: '' })).toBe(true);
    expect(isOpsMergeError({ name: 'OpsMergeError', message: '' })).toBe(true);
  });

  it('do not mistake the DOMException TimeoutError of AbortSignal.timeout() for the SDK one', () => {
    const domTimeout = new DOMException('The operation timed out.', 'TimeoutError');
    expect(isTimeoutError(domTimeout)).toBe(false);
    expect(isOpsMergeError(domTimeout)).toBe(false);
  });

  it('reject an API error name without a numeric status, other errors and non-objects', () => {
    expect(isApiError({ name: 'ApiError', message: 'x' })).toBe(false);
    expect(isOpsMergeError(new Error('x'))).toBe(false);
    expect(isOpsMergeError(new TypeError('x'))).toBe(false);
    for (const value of [null, undefined, 'RateLimitError', 429, {}]) expect(isRateLimitError(value)).toBe(false);
  });
});

describe('toJSON', () => {
  it('returns only the safe fields, with headers redacted by the allow-list', () => {
    const error = fromResponse(401, envelope('KEY_REVOKED', 'This API key was revoked'), {
      'Set-Cookie': 'session=abc',
      'X-Request-Id': REQUEST_ID,
      'Content-Type': 'application/json',
    });
    expect(error.toJSON()).toEqual({
      name: 'AuthenticationError',
      message: `401 KEY_REVOKED on GET /v1/agents (request ${REQUEST_ID}): This API key was revoked`,
      status: 401,
      code: 'KEY_REVOKED',
      requestId: REQUEST_ID,
      details: undefined,
      method: 'GET',
      path: '/v1/agents',
      headers: { 'set-cookie': 'REDACTED', 'x-request-id': REQUEST_ID, 'content-type': 'application/json' },
    });
  });

  it('adds the rate-limit fields of a RateLimitError', () => {
    const error = fromResponse(429, envelope('RATE_LIMITED', 'x'), { 'Retry-After': '5', 'X-RateLimit-Limit': '300', 'X-RateLimit-Reset': String(NOW / 1000) });
    expect(error.toJSON()).toMatchObject({ retryAfterMs: 5_000, limit: 300, resetAt: new Date(NOW).toISOString() });
  });

  it('keeps the response headers out of the enumerable keys', () => {
    const error = fromResponse(404, undefined, { 'X-Request-Id': REQUEST_ID });
    expect(Object.keys(error)).not.toContain('headers');
    expect(error.headers.get('x-request-id')).toBe(REQUEST_ID);
  });
});

describe('secrets in the cause chain', () => {
  /** A cause chain as an HTTP library may produce it: the request, headers and all, hangs off the error. */
  function leakyCause(): Error {
    const socketError = Object.assign(new Error('socket hang up'), {
      code: 'ECONNRESET',
      config: { headers: { Authorization: `Bearer ${KEY}` } },
      request: new Request('https://app.opsmerge.cloud/api/v1/agents', { headers: { Authorization: `Bearer ${OAUTH_TOKEN}`, 'X-API-Key': KEY } }),
    });
    return Object.assign(new TypeError(`fetch failed for Authorization: Bearer ${OAUTH_TOKEN}`, { cause: socketError }), {
      headers: new Headers({ authorization: `Api-Key ${KEY}` }),
      options: { headers: [['authorization', `Bearer ${OAUTH_TOKEN}`]] },
    });
  }

  const built = [
    ['ConnectionError', () => new ConnectionError({ method: 'GET', path: '/v1/agents', mayHaveSucceeded: false, cause: leakyCause() })],
    ['TimeoutError', () => new TimeoutError({ timeoutMs: 1000, method: 'POST', path: '/v1/tickets', mayHaveSucceeded: true, cause: leakyCause() })],
    [
      'ApiError',
      () =>
        new AuthenticationError({
          status: 401,
          code: 'UNAUTHORIZED',
          message: 'Unknown key',
          method: 'GET',
          path: '/v1/auth/me',
          headers: new Headers({ 'WWW-Authenticate': 'Bearer realm="opsmerge"', 'Set-Cookie': `s=${KEY}` }),
          cause: leakyCause(),
        }),
    ],
    ['a wrapped SDK error', () => new OpsMergeError('outer', { cause: new ConnectionError({ method: 'GET', path: '/', mayHaveSucceeded: false, cause: leakyCause() }) })],
  ] as const;

  it.each(built)('util.inspect of a %s at any depth never shows the credentials', (_, build) => {
    const text = inspect(build(), { depth: Number.POSITIVE_INFINITY, showHidden: false });
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(OAUTH_TOKEN);
    expect(text).toContain('REDACTED');
    // The useful parts of the chain are still there.
    expect(text).toContain('socket hang up');
    expect(text).toContain('ECONNRESET');
  });

  it.each(built)('JSON.stringify of a %s never shows the credentials', (_, build) => {
    const text = JSON.stringify(build());
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(OAUTH_TOKEN);
    expect(text).toContain('socket hang up');
  });

  it('keeps a scrubbed copy of the cause chain, never the original: name, message, code and stack', () => {
    const cause = leakyCause();
    const kept = new ConnectionError({ method: 'GET', path: '/', mayHaveSucceeded: false, cause }).cause as Error & { cause: Error & { code: string } };
    expect(kept).not.toBe(cause);
    expect(kept).toMatchObject({ name: 'TypeError', message: 'fetch failed for Authorization: Bearer REDACTED' });
    expect(kept.cause).toMatchObject({ name: 'Error', message: 'socket hang up', code: 'ECONNRESET' });
    expect(Object.keys(kept.cause)).toEqual(['code']);
    expect(kept.cause.stack).toContain('socket hang up');
    expect(exposedText(kept)).not.toContain(KEY);
    expect(exposedText(kept)).not.toContain(OAUTH_TOKEN);
  });

  it('survives a cause chain that loops back on itself', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    Object.assign(a, { cause: b });
    const error = new ConnectionError({ method: 'GET', path: '/', mayHaveSucceeded: false, cause: a });
    expect(JSON.stringify(error)).toContain('"message":"b"');
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).toContain('Connection failed');
  });

  it('names a non-error cause by its type without showing its fields', () => {
    const request = new Request('https://app.opsmerge.cloud/api/v1/agents', { headers: { Authorization: `Bearer ${KEY}` } });
    const error = new ConnectionError({ method: 'GET', path: '/', mayHaveSucceeded: false, cause: request });
    expect(error.toJSON().cause).toEqual({ name: 'Request', message: '' });
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain(KEY);
  });
});
