import { describe, expect, it } from 'vitest';
import { operations } from '../../generated/operations.js';
import { call, useMockApi } from './helpers.js';

const { api } = useMockApi({ seed: 51 });

describe('deprecated operations', () => {
  it('send Deprecation as an RFC 9745 date of x-deprecated-at', async () => {
    const res = await call(api, 'alerts_listActive');
    expect(operations.alerts_listActive.deprecatedAt).toBe('2026-09-01');
    expect(res.headers.get('deprecation')).toBe(`@${Date.parse('2026-09-01T00:00:00Z') / 1000}`);
    expect(res.headers.get('deprecation')).toBe('@1788220800');
  });

  it('send Sunset as the HTTP-date of x-sunset', async () => {
    const res = await call(api, 'alerts_listActive');
    expect(res.headers.get('sunset')).toBe('Wed, 30 Jun 2027 00:00:00 GMT');
  });

  it('send Link with rel="deprecation" and rel="sunset"', async () => {
    const link = (await call(api, 'alerts_listActive')).headers.get('link') ?? '';
    expect(link).toMatch(/<https:\/\/[^>]+>; rel="deprecation"/);
    expect(link).toMatch(/<https:\/\/[^>]+>; rel="sunset"/);
  });

  it('keep the headers on errors too, so clients warn early', async () => {
    const res = await call(api, 'alerts_listActive', { key: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('deprecation')).toBe('@1788220800');
  });

  it('return the same items as the successor with status=active', async () => {
    const old = await call(api, 'alerts_listActive', { query: { per_page: 100 } });
    const successor = await call(api, 'alerts_list', { query: { status: 'active', per_page: 100 } });
    expect(old.body.data).toEqual(successor.body.data);
  });
});

describe('operations that are not deprecated', () => {
  it('send no deprecation headers', async () => {
    const res = await call(api, 'alerts_list');
    expect(res.headers.get('deprecation')).toBeNull();
    expect(res.headers.get('sunset')).toBeNull();
    expect(res.headers.get('link')).toBeNull();
  });
});
