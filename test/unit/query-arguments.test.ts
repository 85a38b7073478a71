/**
 * Query values are checked against the spec before any I/O — in the facade, the low-level
 * client and the pagination helpers: each class of bad value gets an InvalidArgumentError naming
 * the parameter, and a value the spec allows is sent as openapi-fetch would send it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operations, type OperationInfo } from '../../generated/operations.js';
import { queryRule, route } from '../../src/internal/routes.js';
import { createClient, InvalidArgumentError, MemoryRateLimitStore, paginate } from '../../src/index.js';
import { fakeFetch, json, TEST_KEY } from '../support/fake-fetch.js';

const emptyPage = { data: { items: [], total: 0, page: 1, per_page: 50 } };

function setup() {
  const fake = fakeFetch(() => json(200, emptyPage));
  const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, stability: 'internal', rateLimit: { store: new MemoryRateLimitStore() } });
  return { fake, client };
}

type Any = (...args: unknown[]) => PromiseLike<unknown>;

/** Three ways to send a list operation's query: the facade, the low-level client, paginate(). */
function senders(client: ReturnType<typeof setup>['client'], op: OperationInfo) {
  const pathArgs = op.pathParams.map(() => 'id_0000000001');
  const path = Object.fromEntries(op.pathParams.map((name) => [name, 'id_0000000001']));
  const low = client as unknown as { GET(p: string, init: unknown): Promise<{ data?: unknown; error?: unknown; response: Response }> };
  return {
    facade: (query: Record<string, unknown>) => ((client as unknown as Record<string, Record<string, Any>>)[op.resource]![op.name]!(...pathArgs, query)),
    lowLevel: (query: Record<string, unknown>) => low.GET(op.path, { params: { path, query } }),
    paginate: (query: Record<string, unknown>) => paginate((page, signal) => low.GET(op.path, { params: { path, query: { ...query, page } }, signal }) as never).toArray({ limit: 10 }),
  };
}

const lists = Object.values(operations as Record<string, OperationInfo>).filter((op) => op.queryParams.length > 0);

/** Values of the wrong class for a parameter of this rule. */
function badValues(name: string): unknown[] {
  const rule = queryRule(name);
  const always = [Symbol('s'), () => 'x', 10n, {}, ['a'], new Date(0), { nested: { deep: 1 } }];
  switch (rule.type) {
    case 'integer':
      return [...always, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5, String(rule.min ?? 1), true, ...(rule.min === undefined ? [] : [rule.min - 1]), ...(rule.max === undefined ? [] : [rule.max + 1])];
    case 'boolean':
      return [...always, 'true', 1, 0];
    default:
      return [...always, 5, true, Number.NaN, '\uD800', ...(rule.min ? [''.padEnd(rule.min - 1, 'x')] : []), ...(rule.max === undefined ? [] : ['x'.repeat(rule.max + 1)])];
  }
}

const cases = lists.flatMap((op) => op.queryParams.flatMap((name) => badValues(name).map((value, i) => [op.operationId, name, i, value, op] as const)));

describe('query values', () => {
  it.each(cases)('%s: %s = bad value #%i is refused everywhere, naming it, with nothing sent', async (_id, name, _i, value, op) => {
    const { fake, client } = setup();
    for (const [how, send] of Object.entries(senders(client, op))) {
      if (how === 'paginate' && name === 'page') continue; // the walk numbers the pages itself
      const error = await Promise.resolve(send({ [name]: value })).then(() => undefined, (e: unknown) => e);
      expect(error, `${how}: ${name} = ${String(value)}`).toBeInstanceOf(InvalidArgumentError);
      expect(error).toMatchObject({ location: 'query', argument: name, message: expect.stringContaining(`${name} must be `) });
    }
    expect(fake.calls).toHaveLength(0);
  });

  it('says what the spec allows and what it got', async () => {
    const { client } = setup();
    await expect(client.agents.list({ per_page: 500 })).rejects.toThrow('agents.list(): per_page must be a whole number from 1 to 100, got 500');
    await expect(client.agents.list({ per_page: Number.NaN })).rejects.toThrow('agents.list(): per_page must be a whole number from 1 to 100, got NaN');
    await expect(client.GET('/v1/agents', { params: { query: { page: 0 } } })).rejects.toThrow('GET /v1/agents: page must be a whole number from 1 to 100000, got 0');
    await expect(client.clients.list({ q: '' })).rejects.toThrow('clients.list(): q must be a string from 1 to 200 characters long, got an empty string');
    await expect(client.timeEntries.list({ billable: 'false' as never })).rejects.toThrow('timeEntries.list(): billable must be true or false, got a string');
    await expect(client.agents.list({ since: new Date(0) as never })).rejects.toThrow('since must be a string, got a Date (pass a date-time as an ISO 8601 string: date.toISOString())');
  });

  it('refuses a query parameter the operation does not take, with the one probably meant', async () => {
    const { fake, client } = setup();
    await expect(client.agents.list({ stauts: 'online' } as never)).rejects.toMatchObject({
      argument: 'stauts',
      message: 'agents.list(): unknown query parameter "stauts" (did you mean "status"?): it takes the query parameters page, per_page, client_id, site_id, status, os, since',
    });
    await expect(client.GET('/v1/agents', { params: { query: { limit: 5 } } } as never)).rejects.toThrow('GET /v1/agents: unknown query parameter "limit"');
    await expect(client.GET('/v1/auth/me', { params: { query: { verbose: true } } } as never)).rejects.toThrow('it takes no query parameters');
    expect(fake.calls).toHaveLength(0);
  });

  it('leaves out undefined and null, whatever the name, as openapi-fetch does', async () => {
    const { fake, client } = setup();
    await client.agents.list({ status: undefined, os: null as never, unheard_of: undefined } as never);
    expect(fake.calls[0]!.url.search).toBe('?page=1');
  });

  it('refuses a query that is not an object', async () => {
    const { client } = setup();
    await expect(client.agents.list('status=online' as never)).rejects.toThrow('agents.list(): the query parameters must be an object, got a string');
  });

  it('on a path the spec does not know, refuses only what cannot be serialised faithfully', async () => {
    const { fake, client } = setup();
    const low = client as unknown as { GET(p: string, init: unknown): Promise<unknown> };
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Symbol('s'), () => 1, 1n, [[1]], { a: { b: 1 } }, new Date(0), '\uD800', [Number.NaN]]) {
      await expect(low.GET('/v2/experimental', { params: { query: { x: value } } })).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'x', operation: 'GET /v2/experimental' });
    }
    expect(fake.calls).toHaveLength(0);
    await low.GET('/v2/experimental', { params: { query: { s: 'a b', n: 2, b: false, list: ['x', 1], obj: { k: 'v' } } } });
    expect(fake.calls[0]!.url.search).toBe('?s=a%20b&n=2&b=false&list=x&list=1&obj[k]=v');
  });
});

describe('a list walk checks its query once, before the first page', () => {
  it('refuses a start page out of the spec range before constructing the walk', async () => {
    const { fake, client } = setup();
    const walk = client.tickets.list({ page: 0 });
    await expect(walk).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'page' });
    await expect(walk.toArray()).rejects.toThrow('tickets.list(): page must be a whole number from 1 to 100000, got 0');
    expect(fake.calls).toHaveLength(0);
  });
});

describe('per_page, as a property', () => {
  it('any value is sent as it is when the spec allows it, and refused otherwise', async () => {
    const { fake, client } = setup();
    const rule = queryRule('per_page');
    expect(route('agents_list').queryParams).toContain('per_page');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: -10, max: 200 }), fc.double(), fc.anything()), async (value) => {
        fake.calls.length = 0;
        const ok = typeof value === 'number' && Number.isInteger(value) && value >= rule.min! && value <= rule.max!;
        const outcome = await client.agents.list({ per_page: value as number }).then(() => 'sent', (e: unknown) => e);
        if (value === undefined || value === null || ok) {
          expect(outcome).toBe('sent');
          expect(fake.calls[0]!.url.searchParams.get('per_page')).toBe(ok ? String(value) : null);
        } else {
          expect(outcome).toBeInstanceOf(InvalidArgumentError);
          expect(fake.calls).toHaveLength(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
