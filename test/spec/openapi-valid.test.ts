import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { operations } from '../../generated/operations.js';
import { spec, specOperations } from '../support/spec.js';

describe('the bundled spec', () => {
  it('validates as OpenAPI 3.1 with an independent validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(spec));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has at least 45 operations, 4 beta, 2 internal and 1 deprecated with a sunset', () => {
    const rows = Object.values(operations);
    expect(rows.length).toBeGreaterThanOrEqual(45);
    expect(rows.filter((r) => r.stability === 'beta').length).toBeGreaterThanOrEqual(4);
    expect(rows.filter((r) => r.stability === 'internal').length).toBeGreaterThanOrEqual(2);
    const deprecated = rows.filter((r) => r.deprecated && r.sunset && r.successor && r.stability === 'stable');
    expect(deprecated.length).toBeGreaterThanOrEqual(1);
    for (const op of deprecated) expect(Object.keys(operations)).toContain(op.successor);
  });

  it('has a unique operationId on every operation, matching the operations table', () => {
    const ids = specOperations().map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(operations).sort());
  });

  it('declares the four API-key schemes and OAuth 2.0 with PKCE, and both servers', () => {
    const components = spec.components as Record<string, Record<string, Record<string, unknown>>>;
    const schemes = components.securitySchemes!;
    expect(schemes.BearerKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.ApiKeyAuthorization).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
    expect(schemes.XApiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(schemes.QueryApiKey).toMatchObject({ type: 'apiKey', in: 'query', name: 'api_key' });
    expect(schemes.OAuth2).toMatchObject({ type: 'oauth2', flows: { authorizationCode: { 'x-pkce': 'S256' } } });
    expect((spec.servers as Array<{ url: string }>).map((s) => s.url)).toEqual([
      'https://app.opsmerge.cloud/api',
      'https://sandbox.opsmerge.cloud/api',
    ]);
  });

  it('describes every error code of the catalogue', () => {
    const errorCode = (spec.components as Record<string, Record<string, Record<string, unknown>>>).schemas!.ErrorCode!;
    const codes = errorCode.enum as string[];
    const described = errorCode['x-enumDescriptions'] as Record<string, string>;
    expect(codes).toEqual(expect.arrayContaining(['UNAUTHORIZED', 'KEY_REVOKED', 'KEY_EXPIRED', 'KEY_ENVIRONMENT_MISMATCH', 'INSUFFICIENT_SCOPE', 'ALREADY_REVOKED', 'PLAN_LIMIT_REACHED', 'RATE_LIMITED', 'VALIDATION_FAILED']));
    expect(codes.filter((c) => !described[c])).toEqual([]);
  });
});
