import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError, ConnectionError, OpsMergeError, RateLimitError, isApiError, isOpsMergeError } from '../../src/errors/index.js';
import { OAuthError } from '../../src/oauth/errors.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const apiKey = fc
  .tuple(fc.constantFrom('om_live_', 'om_test_'), fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 32, maxLength: 32 }))
  .map(([prefix, rest]) => prefix + rest);
const words = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ':', '=', '"', '/', '?', '&') });
const headerName = fc.stringMatching(/^x-[a-z]{1,10}$/);

describe('error classes properties', () => {
  it('serialise any details and any cause without throwing, to a bounded text', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true }), fc.anything({ withBigInt: true, withNullPrototype: true }), (details, cause) => {
        const errors = [
          new ApiError({ status: 422, code: 'VALIDATION_FAILED', message: 'x', method: 'POST', path: '/v1/tickets', details, cause }),
          new RateLimitError({ status: 429, code: 'RATE_LIMITED', message: 'x', method: 'GET', path: '/', details, cause }),
          new ConnectionError({ method: 'GET', path: '/', mayHaveSucceeded: true, cause }),
          new OAuthError('OAuth token request failed', { error: 'invalid_grant', cause }),
          new OpsMergeError('x', { cause: details }),
        ];
        for (const error of errors) {
          expect(JSON.stringify(error).length).toBeLessThan(200_000);
          expect(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }).length).toBeLessThan(400_000);
        }
      }),
    );
  });


  it('build an ApiError for every error status and body, and never throw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), fc.anything(), (status, body) => {
        const error = ApiError.fromResponse({ status, body, headers: new Headers(), method: 'GET', path: '/v1/agents' });
        expect(isApiError(error)).toBe(true);
        expect(error.status).toBe(status);
        expect(error.message.startsWith(`${status} `)).toBe(true);
        expect(() => JSON.stringify(error)).not.toThrow();
      }),
    );
  });

  it('never show an API key from the message, the path, the headers or the cause chain', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 400, max: 599 }),
        apiKey,
        words,
        headerName,
        fc.nat({ max: 4 }),
        (status, key, text, secretHeader, depth) => {
          let cause: unknown = Object.assign(new Error(`${text} ${key} ${text}`), { config: { headers: { authorization: `Bearer ${key}` } } });
          for (let i = 0; i < depth; i += 1) cause = new Error(`wrap ${i}`, { cause });
          const errors = [
            ApiError.fromResponse({
              status,
              body: { error: { code: 'UNAUTHORIZED', message: `${text}${key}`, request_id: 'req_1' } },
              headers: new Headers({ [secretHeader]: key, 'x-api-key': key }),
              method: 'GET',
              path: `/v1/agents?api_key=${key}`,
            }),
            new ConnectionError({ method: 'POST', path: `/v1/tickets?token=${key}`, mayHaveSucceeded: true, cause }),
          ];
          for (const error of errors) {
            expect(isOpsMergeError(error)).toBe(true);
            expect(error.message).not.toContain(key);
            expect(JSON.stringify(error)).not.toContain(key);
            expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toContain(key);
          }
        },
      ),
    );
  });
});
