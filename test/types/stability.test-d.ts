import { describe, expectTypeOf, it } from 'vitest';
import { createClient, type Page, type PagePromise } from '../../src/index.js';
import type { Agent, ApiKeyCreated, M365Tenant } from '../../generated/schema.js';

const apiKey = 'om_test_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a';

describe('stability tiers in the types', () => {
  it('a default client offers stable operations only', () => {
    const client = createClient({ apiKey });
    expectTypeOf(client.apiKeys.create).toBeFunction();
    // @ts-expect-error apiKeys.rotate is beta
    void client.apiKeys.rotate;
    // @ts-expect-error auditLog is a beta resource
    void client.auditLog;
    // @ts-expect-error m365Tenants is a beta resource
    void client.m365Tenants;
    // @ts-expect-error internalSettings is internal
    void client.internalSettings;
    // @ts-expect-error the low-level paths are narrowed too
    void client.GET('/v1/audit-log');
    // @ts-expect-error internal path
    void client.POST('/v1/internal/installer-tokens', { body: { site_id: 'site_01HZX2B8M4' } });
  });

  it("a 'beta' client adds beta operations, not internal ones", () => {
    const client = createClient({ apiKey, stability: 'beta' });
    expectTypeOf(client.apiKeys.rotate).toBeFunction();
    expectTypeOf(client.m365Tenants.get('mst_01HZXA1B2C')).resolves.toEqualTypeOf<M365Tenant>();
    expectTypeOf(client.GET).toBeFunction();
    void client.GET('/v1/audit-log');
    // @ts-expect-error internal stays hidden
    void client.internalSettings;
  });

  it("an 'internal' client offers everything", () => {
    const client = createClient({ apiKey, stability: 'internal' });
    expectTypeOf(client.internalSettings.get).toBeFunction();
    expectTypeOf(client.installerTokens.create).toBeFunction();
    void client.GET('/v1/internal/settings/{panel}', { params: { path: { panel: 'general' } } });
  });
});

describe('facade types', () => {
  it('unwraps data and types list items', () => {
    const client = createClient({ apiKey });
    expectTypeOf(client.agents.get('agt_01HZX4C9P2')).resolves.toEqualTypeOf<Agent>();
    expectTypeOf(client.agents.list({ status: 'online' })).toEqualTypeOf<PagePromise<Agent>>();
    expectTypeOf(client.agents.list()).resolves.toEqualTypeOf<Page<Agent>>();
    expectTypeOf(client.apiKeys.create({ name: 'BI dashboard' })).resolves.toEqualTypeOf<ApiKeyCreated>();
  });

  it('rejects wrong filters and bodies', () => {
    const client = createClient({ apiKey });
    // @ts-expect-error status is an enum
    void client.agents.list({ status: 'sleeping' });
    // @ts-expect-error name is required
    void client.apiKeys.create({ scopes: ['agents:read'] });
    // @ts-expect-error an id is required
    void client.agents.get();
  });
});
