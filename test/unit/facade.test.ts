import { describe, expect, it } from 'vitest';
import { operations, type OperationInfo } from '../../generated/operations.js';
import { ConfigurationError, createClient, MemoryRateLimitStore, NotFoundError, RateLimitError, AuthenticationError } from '../../src/index.js';
import { apiError, fakeFetch, json, TEST_KEY } from '../support/fake-fetch.js';

const rows = Object.values(operations) as OperationInfo[];

function argsFor(op: OperationInfo): unknown[] {
  const args: unknown[] = op.pathParams.map((p) => `${p}-1`);
  if (op.body !== 'none') args.push({ example: true });
  else if (op.queryParams.length > 0) args.push({});
  return args;
}

describe('the resource facade', () => {
  it('has a method for every operation, sending its HTTP method and path', async () => {
    const fake = fakeFetch((r) => json(r.method === 'POST' ? 201 : 200, { data: { items: [], total: 0, page: 1, per_page: 50 } }));
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, stability: 'internal', rateLimit: { store: new MemoryRateLimitStore() } });
    const resources = client as unknown as Record<string, Record<string, (...a: unknown[]) => PromiseLike<unknown>>>;
    for (const op of rows) {
      const method = resources[op.resource]?.[op.name];
      expect(method, `${op.operationId} → client.${op.resource}.${op.name}`).toBeTypeOf('function');
      fake.calls.length = 0;
      await method!(...argsFor(op));
      const expectedPath = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => `${name}-1`);
      expect(`${fake.calls[0]!.method} ${fake.calls[0]!.url.pathname}`, op.operationId).toBe(`${op.method} /api${expectedPath}`);
    }
  });

  it.each(rows.filter((r) => r.stability !== 'stable').map((r) => [r.operationId, r] as const))(
    '%s rejects on a default client with the error the low-level client gets, sending nothing',
    async (_id, op) => {
      const fake = fakeFetch(() => json(200, {}));
      const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch });
      const method = (client as unknown as Record<string, Record<string, (...a: unknown[]) => PromiseLike<unknown>>>)[op.resource]![op.name]!;
      const facade = await Promise.resolve(method(...argsFor(op))).then(() => undefined, (e: unknown) => e);
      expect(facade).toBeInstanceOf(ConfigurationError);
      expect(facade).toMatchObject({ option: 'stability', message: expect.stringContaining(`createClient({ stability: '${op.stability}' })`) });
      const low = client as unknown as { request(method: string, path: string, init: unknown): Promise<unknown> };
      const path = Object.fromEntries(op.pathParams.map((name) => [name, `${name}-1`]));
      const lowLevel = await low.request(op.method, op.path, { params: { path }, ...(op.body === 'none' ? {} : { body: { example: true } }) }).then(() => undefined, (e: unknown) => e);
      expect((lowLevel as Error).message).toBe((facade as Error).message);
      expect(fake.calls).toHaveLength(0);
    },
  );

  it('unwraps the data envelope', async () => {
    const agent = { id: 'agt_01HZX4C9P2', hostname: 'NW-DC01' };
    const client = createClient({ apiKey: TEST_KEY, fetch: fakeFetch(() => json(200, { data: agent })).fetch, rateLimit: { store: new MemoryRateLimitStore() } });
    expect(await client.agents.get('agt_01HZX4C9P2')).toEqual(agent);
  });

  it('throws the typed error of the status', async () => {
    const fake = fakeFetch((r) =>
      r.url.pathname.endsWith('/me') ? apiError(401, 'KEY_REVOKED', 'This API key was revoked') : apiError(404, 'NOT_FOUND', 'No such resource: agt_01HZX4C9P2'),
    );
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
    const notFound = await client.agents.get('agt_01HZX4C9P2').then(() => undefined, (e: unknown) => e);
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect(notFound).toMatchObject({ status: 404, code: 'NOT_FOUND', requestId: 'req_7f3c2a91b0d44e1f8a6c5d21', method: 'GET', path: '/v1/agents/{agent_id}' });
    await expect(client.auth.me()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('turns an HTML 502 page into an InternalServerError with the status', async () => {
    const fake = fakeFetch(() => new Response('<html><body>Bad gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html', 'x-request-id': 'req_00000000000000000000abcd' } }));
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, maxRetries: 0, rateLimit: { store: new MemoryRateLimitStore() } });
    await expect(client.auth.me()).rejects.toMatchObject({ name: 'InternalServerError', status: 502, requestId: 'req_00000000000000000000abcd' });
  });

  it('turns broken JSON in a 200 into a ResponseParseError, never a SyntaxError', async () => {
    const fake = fakeFetch(() => new Response('{"data": {"id": ', { status: 200, headers: { 'content-type': 'application/json', 'x-request-id': 'req_00000000000000000000beef' } }));
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
    await expect(client.auth.me()).rejects.toMatchObject({ name: 'ResponseParseError', status: 200, requestId: 'req_00000000000000000000beef' });
    await expect(client.GET('/v1/auth/me')).rejects.toMatchObject({ name: 'ResponseParseError' });
  });

  it('resolves withResponse() to data, response, request id and rate-limit state', async () => {
    const fake = fakeFetch(() => json(200, { data: { id: 'agt_01HZX4C9P2' } }, { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': '1795689600' }));
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
    const result = await client.agents.get('agt_01HZX4C9P2').withResponse();
    expect(result.data).toEqual({ id: 'agt_01HZX4C9P2' });
    expect(result.response.status).toBe(200);
    expect(result.requestId).toMatch(/^req_/);
    expect(result.rateLimit).toMatchObject({ limit: 300, remaining: 12 });
  });

  it('sends the body, the query and per-request options', async () => {
    const fake = fakeFetch((request) => (request.method === 'POST' ? json(201, { data: {} }) : json(200, { data: { items: [], total: 0, page: 1, per_page: 100 } })));
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
    await client.tickets.create({ subject: 'Printer offline', description: 'Shows offline since 9:00', client_id: 'cli_01HZX2A7K3' }, { idempotencyKey: 'ticket-import-000042' });
    expect(JSON.parse(fake.calls[0]!.body)).toEqual({ subject: 'Printer offline', description: 'Shows offline since 9:00', client_id: 'cli_01HZX2A7K3' });
    expect(fake.calls[0]!.headers.get('idempotency-key')).toBe('ticket-import-000042');
    await client.agents.list({ status: 'online', per_page: 100 });
    expect(Object.fromEntries(fake.calls[1]!.url.searchParams)).toEqual({ status: 'online', per_page: '100', page: '1' });
  });

  it('rejects a missing or empty id with a typed error that names it, before sending', async () => {
    const fake = fakeFetch(() => json(200, {}));
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch });
    await expect(client.agents.get('')).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'agent_id', location: 'path', operation: 'agents.get()' });
    await expect((client.agents.get as (id?: string) => PromiseLike<unknown>)()).rejects.toThrow('agents.get(): the path parameter agent_id is missing');
    expect(fake.calls).toHaveLength(0);
  });

  it('surfaces a long Retry-After as RateLimitError from the facade', async () => {
    const fake = fakeFetch(() => apiError(429, 'RATE_LIMITED', 'slow down', { 'retry-after': '120' }));
    const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
    const error = await client.auth.me().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as Error).message).toBe('429 RATE_LIMITED on GET /v1/auth/me (request req_7f3c2a91b0d44e1f8a6c5d21): retry after 120 s');
  });
});
