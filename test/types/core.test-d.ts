import { describe, expectTypeOf, it } from 'vitest';
import { createCoreClient, paginate, type CoreClient, type RateLimitInfo } from '../../src/core.js';
import { createClient, type OpsMergeClient } from '../../src/index.js';
import type { Agent, Me } from '../../generated/schema.js';

const apiKey = 'om_test_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a';

describe('the core client in the types', () => {
  it('has the low-level methods and the state, not the facade', async () => {
    const client = createCoreClient({ apiKey });
    expectTypeOf(client).toEqualTypeOf<CoreClient<'stable'>>();
    const { data } = await client.GET('/v1/auth/me');
    expectTypeOf(data).toEqualTypeOf<{ data: Me } | undefined>();
    expectTypeOf(client.rateLimit.last).toEqualTypeOf<RateLimitInfo | undefined>();
    expectTypeOf(client.baseUrl).toBeString();
    // @ts-expect-error no resource facade in core
    void client.agents;
    // @ts-expect-error the low-level paths follow the stability level: audit-log is beta
    void client.GET('/v1/audit-log');
  });

  it('follows the stability option like createClient', () => {
    const beta = createCoreClient({ apiKey, stability: 'beta' });
    expectTypeOf(beta).toEqualTypeOf<CoreClient<'beta'>>();
    void beta.GET('/v1/audit-log');
    // @ts-expect-error internal stays hidden from a beta client
    void beta.POST('/v1/internal/installer-tokens', { body: { site_id: 'site_01HZX2B8M4' } });
  });

  it('is what the full client is without the facade', () => {
    expectTypeOf<OpsMergeClient>().toMatchTypeOf<CoreClient>();
    expectTypeOf(createClient({ apiKey })).toMatchTypeOf<CoreClient>();
  });

  it('walks lists with paginate()', () => {
    const client = createCoreClient({ apiKey });
    const walk = paginate((page) => client.GET('/v1/agents', { params: { query: { page, per_page: 100 } } }));
    expectTypeOf(walk.toArray()).resolves.toEqualTypeOf<Agent[]>();
  });
});
