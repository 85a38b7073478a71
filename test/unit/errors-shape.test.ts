/**
 * The exact shape of every error class: own enumerable keys, `toJSON()` keys in order
 * (undefined values included), the serialised dates and headers, and the typed `toJSON()`
 * of each class. One `toJSON` implementation serves all classes, so this pins what each
 * class used to spell out by hand.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ApiError,
  ConfigurationError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  OpsMergeError,
  RateLimitError,
  ResponseParseError,
  SunsetError,
  TimeoutError,
  type ApiErrorJSON,
  type ConfigurationErrorJSON,
  type ConnectionErrorJSON,
  type OpsMergeErrorJSON,
  type RateLimitErrorJSON,
  type ResponseParseErrorJSON,
  type SunsetErrorJSON,
  type TimeoutErrorJSON,
} from '../../src/errors/index.js';

const REQUEST = { method: 'get', path: '/v1/agents?page=2' };

describe('error shapes', () => {
  it('OpsMergeError: name, message, and cause only when there is one', () => {
    const error = new OpsMergeError('plain');
    expect(Object.keys(error)).toEqual([]);
    expect(Object.keys(error.toJSON())).toEqual(['name', 'message']);
    expect(new OpsMergeError('x', { cause: 'why' }).toJSON()).toStrictEqual({ name: 'OpsMergeError', message: 'x', cause: { name: 'string', message: 'why' } });
  });

  it('ApiError: the response fields in order, headers redacted and not enumerable', () => {
    const error = new ApiError({ status: 418, code: 'TEAPOT', message: '', ...REQUEST, headers: new Headers({ 'x-request-id': 'req_1', cookie: 'c' }), cause: new Error('inner') });
    expect(error.message).toBe('418 TEAPOT on GET /v1/agents');
    expect(Object.keys(error)).toEqual(['status', 'code', 'requestId', 'details', 'method', 'path']);
    const json = error.toJSON();
    expect(Object.keys(json)).toEqual(['name', 'message', 'cause', 'status', 'code', 'requestId', 'details', 'method', 'path', 'headers', 'bodySnippet']);
    expect(json).toStrictEqual({
      name: 'ApiError',
      message: '418 TEAPOT on GET /v1/agents',
      cause: { name: 'Error', message: 'inner' },
      status: 418,
      code: 'TEAPOT',
      requestId: undefined,
      details: undefined,
      method: 'GET',
      path: '/v1/agents',
      headers: { cookie: 'REDACTED', 'x-request-id': 'req_1' },
      bodySnippet: undefined,
    });
    expect(new ApiError({ status: 400, code: 'X', message: 'm', ...REQUEST }).toJSON().headers).toStrictEqual({});
  });

  it('keeps details as JSON shows them: a copy, a date as its ISO string', () => {
    const details = [{ field: '/name', message: 'must NOT be empty', at: new Date(0) }];
    const error = new NotFoundError({ status: 404, code: 'NOT_FOUND', message: 'x', ...REQUEST, details });
    expect(error.details).toEqual([{ field: '/name', message: 'must NOT be empty', at: '1970-01-01T00:00:00.000Z' }]);
    expect(error.details).not.toBe(details);
    expect(error.toJSON().details).toEqual(error.details);
  });

  it('RateLimitError: the ApiError fields, then the rate-limit ones, resetAt as ISO 8601', () => {
    const full = new RateLimitError({ status: 429, code: 'RATE_LIMITED', message: 'x', ...REQUEST, retryAfterMs: 2_000, resetAt: new Date(Date.UTC(2026, 0, 1)), limit: 300, remaining: 0 });
    expect(Object.keys(full)).toEqual(['status', 'code', 'requestId', 'details', 'method', 'path', 'retryAfterMs', 'resetAt', 'limit', 'remaining']);
    expect(full.toJSON()).toMatchObject({ retryAfterMs: 2_000, resetAt: '2026-01-01T00:00:00.000Z', limit: 300, remaining: 0 });
    const bare = new RateLimitError({ status: 429, code: 'RATE_LIMITED', message: 'x', ...REQUEST });
    expect(Object.keys(bare.toJSON()).slice(-4)).toEqual(['retryAfterMs', 'resetAt', 'limit', 'remaining']);
    expect(bare.toJSON()).toMatchObject({ retryAfterMs: undefined, resetAt: undefined, limit: undefined, remaining: undefined });
  });

  it('InternalServerError has exactly the ApiError fields', () => {
    const error = new InternalServerError({ status: 503, code: 'SERVICE_UNAVAILABLE', message: 'x', ...REQUEST });
    expect(Object.keys(error.toJSON())).toEqual(['name', 'message', 'status', 'code', 'requestId', 'details', 'method', 'path', 'headers', 'bodySnippet']);
  });

  it('ResponseParseError, ConnectionError, TimeoutError, ConfigurationError and SunsetError: their fields in order', () => {
    const parse = new ResponseParseError({ status: 200, ...REQUEST, headers: new Headers({ 'x-request-id': 'req_2' }), body: '<html>' });
    expect(parse.message).toBe('200 on GET /v1/agents (request req_2): the response body is not valid JSON (content-type: none)');
    expect(parse.toJSON()).toStrictEqual({ name: 'ResponseParseError', message: parse.message, status: 200, requestId: 'req_2', contentType: undefined, bodySnippet: '<html>', method: 'GET', path: '/v1/agents' });
    expect(Object.keys(parse.toJSON())).toEqual(['name', 'message', 'status', 'requestId', 'contentType', 'bodySnippet', 'method', 'path']);

    const connection = new ConnectionError({ ...REQUEST, mayHaveSucceeded: false, status: 200, requestId: 'req_3' });
    expect(connection.message).toBe('Connection failed on GET /v1/agents');
    expect(connection.toJSON()).toStrictEqual({ name: 'ConnectionError', message: connection.message, method: 'GET', path: '/v1/agents', mayHaveSucceeded: false, status: 200, requestId: 'req_3' });
    expect(Object.keys(connection.toJSON())).toEqual(['name', 'message', 'method', 'path', 'mayHaveSucceeded', 'status', 'requestId']);

    const timeout = new TimeoutError({ timeoutMs: 10, ...REQUEST });
    expect(Object.keys(timeout)).toEqual(['timeoutMs', 'method', 'path', 'mayHaveSucceeded']);
    expect(timeout.toJSON()).toStrictEqual({ name: 'TimeoutError', message: 'Timed out after 10 ms on GET /v1/agents', timeoutMs: 10, method: 'GET', path: '/v1/agents', mayHaveSucceeded: undefined });
    expect(Object.keys(timeout.toJSON())).toEqual(['name', 'message', 'timeoutMs', 'method', 'path', 'mayHaveSucceeded']);
    expect(new TimeoutError({ timeoutMs: 10, ...REQUEST, mayHaveSucceeded: false }).message).toBe('Timed out after 10 ms on GET /v1/agents');

    const configuration = new ConfigurationError('bad', { option: 'retry.maxRetries' });
    expect(configuration.toJSON()).toStrictEqual({ name: 'ConfigurationError', message: 'Invalid option "retry.maxRetries": bad', option: 'retry.maxRetries' });

    const sunset = new SunsetError({ operation: 'alerts_listActive', sunsetAt: new Date(0) });
    expect(sunset.toJSON()).toStrictEqual({ name: 'SunsetError', message: 'alerts_listActive reached its sunset on 1970-01-01T00:00:00.000Z', operation: 'alerts_listActive', sunsetAt: '1970-01-01T00:00:00.000Z', successor: undefined });
    expect(Object.keys(sunset.toJSON())).toEqual(['name', 'message', 'operation', 'sunsetAt', 'successor']);
  });

  it('a subclass declared outside the SDK gets its parent toJSON, and nothing it adds', () => {
    class OwnError extends ApiError {
      extra = 'not shown';
    }
    const error = new OwnError({ status: 400, code: 'X', message: 'x', ...REQUEST });
    expect(Object.keys(error.toJSON())).toEqual(['name', 'message', 'status', 'code', 'requestId', 'details', 'method', 'path', 'headers', 'bodySnippet']);
    expect(error.toJSON().name).toBe('ApiError');
  });

  it('types each toJSON() with its class JSON interface', () => {
    expectTypeOf(new OpsMergeError('x').toJSON()).toEqualTypeOf<OpsMergeErrorJSON>();
    expectTypeOf<ReturnType<ApiError['toJSON']>>().toEqualTypeOf<ApiErrorJSON>();
    expectTypeOf<ReturnType<NotFoundError['toJSON']>>().toEqualTypeOf<ApiErrorJSON>();
    expectTypeOf<ReturnType<RateLimitError['toJSON']>>().toEqualTypeOf<RateLimitErrorJSON>();
    expectTypeOf<ReturnType<ResponseParseError['toJSON']>>().toEqualTypeOf<ResponseParseErrorJSON>();
    expectTypeOf<ReturnType<ConnectionError['toJSON']>>().toEqualTypeOf<ConnectionErrorJSON>();
    expectTypeOf<ReturnType<TimeoutError['toJSON']>>().toEqualTypeOf<TimeoutErrorJSON>();
    expectTypeOf<ReturnType<ConfigurationError['toJSON']>>().toEqualTypeOf<ConfigurationErrorJSON>();
    expectTypeOf<ReturnType<SunsetError['toJSON']>>().toEqualTypeOf<SunsetErrorJSON>();
  });
});
