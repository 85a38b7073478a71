import { describe, expect, it } from 'vitest';
import type { RouteInfo } from '../../generated/routes.js';
import { queryRule, routeList } from '../../src/internal/routes.js';
import { createClient, MemoryRateLimitStore } from '../../src/index.js';
import { serializeQuery } from '../../src/transport/direct-call.js';
import { fakeFetch, json, TEST_KEY, type RecordedRequest } from '../support/fake-fetch.js';

/**
 * The facade builds its request itself (no openapi-fetch `Request`): for every operation, what
 * it puts on the wire must equal what the low-level client sends for the same input.
 */
const KEY = 'facade-wire-00000042';

/** A valid value of each query parameter, as awkward to serialise as its rule allows. */
function queryValue(name: string, i: number): unknown {
  const rule = queryRule(name);
  if (rule.type === 'boolean') return i % 2 === 0;
  if (rule.type === 'integer' || rule.type === 'number') return rule.max ?? rule.min ?? i * 25;
  return `v ${name}&=+%`.slice(0, rule.max);
}

function inputFor(route: RouteInfo): { path: Record<string, string>; query: Record<string, unknown> | undefined; body: unknown } {
  const path = Object.fromEntries(route.pathParams.map((name) => [name, `${name} 1/ä?&#`]));
  const names = route.queryParams.filter((n) => n !== 'page');
  const query = route.queryParams.length > 0 && route.body === 'none' ? Object.fromEntries(names.map((name, i) => [name, queryValue(name, i)])) : undefined;
  if (query) Object.assign(query, { gone: undefined, nothing: null });
  const body = route.body === 'none' ? undefined : { note: 'On it — ü', count: 3, nested: { ok: true } };
  return { path, query, body };
}

function wire(call: RecordedRequest): Record<string, unknown> {
  return { method: call.method, url: call.url.href, headers: [...call.headers.entries()], body: call.body };
}

function clientPair() {
  const fake = fakeFetch((r) => json(r.method === 'POST' ? 201 : 200, { data: { items: [], total: 0, page: 1, per_page: 50 } }));
  const client = createClient({
    apiKey: TEST_KEY,
    baseUrl: 'http://127.0.0.1:4010/api/',
    fetch: fake.fetch,
    stability: 'internal',
    deprecations: 'off',
    headers: { 'x-tenant': 'northwind', 'user-agent': 'wire-test/1' },
    rateLimit: { store: new MemoryRateLimitStore() },
  });
  return { fake, client };
}

describe('facade calls on the wire', () => {
  it.each(routeList().map((r) => [r.operationId, r] as const))('%s sends what the low-level client sends', async (_id, route) => {
    const { fake, client } = clientPair();
    const { path, query, body } = inputFor(route);
    const args: unknown[] = route.pathParams.map((name) => path[name]);
    if (route.body !== 'none') args.push(body);
    else if (route.queryParams.length > 0) args.push(query);
    const options = route.idempotencyKey ? { idempotencyKey: KEY } : {};
    args.push(options);
    const method = (client as unknown as Record<string, Record<string, (...a: unknown[]) => PromiseLike<unknown>>>)[route.resource]![route.name]!;
    await method(...args);

    // The facade numbers list pages itself, starting at 1.
    const lowQuery = route.paginated ? { ...query, page: 1 } : query;
    const init: Record<string, unknown> = { params: { path, ...(lowQuery ? { query: lowQuery } : {}) }, ...options };
    if (body !== undefined) init.body = body;
    const low = client as unknown as { request(method: string, path: string, init: unknown): Promise<unknown> };
    await low.request(route.method.toLowerCase(), route.path, init);

    expect(fake.calls).toHaveLength(2);
    const [facade, lowLevel] = fake.calls.map(wire);
    expect(facade).toEqual(lowLevel);
    if (route.pathParams.length > 0) expect(fake.calls[0]!.url.pathname).toContain('%201%2F%C3%A4%3F%26%23');
    if (route.body !== 'none') expect(fake.calls[0]!.headers.get('content-type')).toBe('application/json');
  });

  it('serialises queries like openapi-fetch: exploded arrays, deepObject, no undefined or null', () => {
    expect(serializeQuery({ a: 'x y', b: 2, c: true, d: ['1', 2], e: [], f: undefined, g: null, h: { k: 'v', n: 1 } })).toBe('a=x%20y&b=2&c=true&d=1&d=2&h[k]=v&h[n]=1');
    expect(serializeQuery(undefined)).toBe('');
    expect(() => serializeQuery({ deep: [[1]] })).toThrow(/Deeply-nested/);
  });
});
