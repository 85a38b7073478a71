import { describe, expect, it } from 'vitest';
import { ApiError, ConfigurationError, ConnectionError, RedirectError, ResponseShapeError, ResponseTooLargeError, TimeoutError } from '../../src/index.js';
import * as sdk from '../../src/index.js';
import { FAILURES, describeError } from '../../cli/describe-error.js';
import { CliError, ExitCode } from '../../cli/exit-codes.js';

function apiError(status: number, code: string, message: string, options: { details?: unknown; headers?: Record<string, string> } = {}): ApiError {
  return ApiError.fromResponse({
    status,
    body: { error: { code, message, request_id: 'req_0123456789abcdef', ...(options.details === undefined ? {} : { details: options.details }) } },
    headers: new Headers(options.headers),
    method: 'GET',
    path: '/v1/agents',
    nowMs: 1_800_000_000_000,
  });
}

describe('describing failures', () => {
  it.each([
    [401, 'UNAUTHORIZED', ExitCode.auth],
    [401, 'KEY_ENVIRONMENT_MISMATCH', ExitCode.auth],
    [403, 'INSUFFICIENT_SCOPE', ExitCode.permission],
    [403, 'PLAN_LIMIT_REACHED', ExitCode.permission],
    [404, 'NOT_FOUND', ExitCode.notFound],
    [409, 'CONFLICT', ExitCode.other],
    [400, 'BAD_REQUEST', ExitCode.usage],
    [422, 'VALIDATION_FAILED', ExitCode.usage],
    [429, 'RATE_LIMITED', ExitCode.rateLimited],
    [500, 'INTERNAL_ERROR', ExitCode.server],
    [503, 'SERVICE_UNAVAILABLE', ExitCode.server],
    [418, 'TEAPOT', ExitCode.other],
  ])('maps %i %s to exit code %i', (status, code, exitCode) => {
    const failure = describeError(apiError(status, code, 'something'));
    expect(failure).toMatchObject({ exitCode, code, status, requestId: 'req_0123456789abcdef' });
    expect(failure.message).toContain(`${status} ${code}, request req_0123456789abcdef`);
  });

  it('names every missing scope from the details of INSUFFICIENT_SCOPE', () => {
    const failure = describeError(apiError(403, 'INSUFFICIENT_SCOPE', 'Missing scope', { details: [{ scope: 'agents:read', message: 'x' }, { scope: 'sites:read', message: 'y' }] }));
    expect(failure.message).toMatch(/^the API key lacks the scope agents:read, sites:read/);
    expect(failure.hint).toContain('--scopes agents:read,sites:read');
  });

  it('gives the wait of a 429 from Retry-After', () => {
    const failure = describeError(apiError(429, 'RATE_LIMITED', 'slow down', { headers: { 'retry-after': '42', 'x-ratelimit-limit': '300' } }));
    expect(failure).toMatchObject({ exitCode: ExitCode.rateLimited, retryAfterSeconds: 42 });
    expect(failure.message).toMatch(/^rate limited: retry after 42 s/);
    expect(failure.hint).toMatch(/^wait 42 s .*300 requests per window/);
  });

  it('lists the fields a 422 rejected', () => {
    const failure = describeError(apiError(422, 'VALIDATION_FAILED', 'invalid', { details: [{ field: '/name', message: 'must NOT be empty' }] }));
    expect(failure.message).toMatch(/^the API rejected the arguments: \/name must NOT be empty/);
  });

  it('maps client-side problems: a bad key to 3, a bad URL to 2, no connection or a timeout to 7', () => {
    expect(describeError(new ConfigurationError('The API key is malformed: it is short.', { option: 'apiKey' }))).toMatchObject({ exitCode: 3, code: 'INVALID_API_KEY', message: 'The API key is malformed: it is short' });
    expect(describeError(new ConfigurationError('baseUrl "x" is not an absolute URL.', { option: 'baseUrl' }))).toMatchObject({ exitCode: 2 });
    expect(describeError(new ConnectionError({ method: 'GET', path: '/v1/agents', mayHaveSucceeded: false }))).toMatchObject({ exitCode: 7, code: 'CONNECTION_FAILED' });
    expect(describeError(new TimeoutError({ method: 'GET', path: '/v1/agents', timeoutMs: 10, mayHaveSucceeded: false }))).toMatchObject({ exitCode: 7, code: 'TIMEOUT' });
  });

  it('keeps CLI errors as they are, and calls anything else unexpected (exit 1)', () => {
    expect(describeError(new CliError('no API key', { exitCode: ExitCode.auth, code: 'MISSING_API_KEY', hint: 'log in' }))).toEqual({ exitCode: 3, code: 'MISSING_API_KEY', message: 'no API key', hint: 'log in' });
    expect(describeError(new Error('boom'))).toMatchObject({ exitCode: 1, code: 'UNEXPECTED', message: 'unexpected error: boom' });
  });
});

describe('the table of SDK errors', () => {
  it('carries the body snippet of an answer that was not an error envelope', () => {
    const error = ApiError.fromResponse({ status: 502, body: '<html>Bad Gateway</html>', headers: new Headers(), method: 'GET', path: '/v1/agents' });
    expect(describeError(error)).toMatchObject({ exitCode: ExitCode.server, code: 'HTTP_502', bodySnippet: '<html>Bad Gateway</html>' });
  });

  it('calls an answer that is not the API (not the envelope, too large, a refused redirect) a server problem (exit 7) and names it', () => {
    const request = { method: 'GET', path: '/v1/agents', status: 200 };
    const shape = new ResponseShapeError({ ...request, operation: 'agents_list', headers: new Headers(), problem: '"data.items" as an array' });
    expect(describeError(shape)).toMatchObject({ exitCode: ExitCode.server, code: 'BAD_RESPONSE' });
    expect(describeError(shape).message).toContain('"data.items" as an array');
    const large = new ResponseTooLargeError({ ...request, requestId: 'req_1', limitBytes: 1024 });
    expect(describeError(large)).toMatchObject({ exitCode: ExitCode.server, code: 'RESPONSE_TOO_LARGE', status: 200, requestId: 'req_1' });
    const redirect = new RedirectError({ ...request, status: 302, location: 'https://other.example/v1/agents?page=2', reason: 'cross-origin' });
    expect(describeError(redirect)).toMatchObject({ exitCode: ExitCode.server, code: 'REDIRECT_REFUSED', status: 302 });
    expect(describeError(redirect).message).toContain('https://other.example/v1/agents?page=REDACTED');
    expect(describeError(redirect).hint).toContain('--base-url');
  });

  it('has an entry for every error class the SDK exports, and no other', () => {
    const exported = Object.entries(sdk)
      .filter(([, value]) => typeof value === 'function' && (value as { prototype?: unknown }).prototype instanceof Error)
      .map(([name]) => name);
    expect(exported).toContain('OAuthError');
    expect(Object.keys(FAILURES).sort()).toEqual(exported.sort());
  });

  it('describes an API error of an unknown subclass as its parent, and an error from another realm by its name', () => {
    class TeapotError extends ApiError {}
    const own = new TeapotError({ status: 418, code: 'TEAPOT', message: 'short and stout', method: 'GET', path: '/v1/agents' });
    expect(describeError(own)).toMatchObject({ exitCode: ExitCode.other, code: 'TEAPOT', message: 'the API answered short and stout (418 TEAPOT)' });
    const foreign = { name: 'NotFoundError', status: 404, code: 'NOT_FOUND', message: '404 NOT_FOUND on GET /v1/agents/x: gone', requestId: undefined };
    expect(describeError(foreign)).toMatchObject({ exitCode: ExitCode.notFound, code: 'NOT_FOUND' });
  });
});
