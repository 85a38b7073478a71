/**
 * The mock's typed `http` (mocks/handlers/typed-http.ts): routes declared with the spec's
 * `paths` — the spec's `{param}` form, documented statuses and bodies only. The
 * `@ts-expect-error` lines are checked by `npm run typecheck` (tsc over test/).
 */
import { describe, expect, it } from 'vitest';
import { resolveRoute, typedHttp as http } from '../../mocks/handlers/typed-http.js';

const BASE = 'http://typed.test';

describe('the typed http of the mock', () => {
  it('declares a route at the spec form of its path and passes it the path parameters by their spec names', async () => {
    const route = http.get('/v1/clients/{client_id}', ({ params, response }) =>
      response(200).json({ data: { id: params['client_id']!, name: 'Northwind', domain: null, status: 'active', site_count: 0, agent_count: 0, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' } }),
    );
    expect({ method: route.method, path: route.path }).toEqual({ method: 'GET', path: '/v1/clients/{client_id}' });
    const res = await resolveRoute(route, new Request(`${BASE}/v1/clients/cli_01HZX2A7K3`), { client_id: 'cli_01HZX2A7K3' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res.json()) as { data: { id: string } }).data.id).toBe('cli_01HZX2A7K3');
  });

  it('answers with the status given, and passes untyped responses through', async () => {
    const created = http.post('/v1/tickets', ({ response }) => response.untyped(new Response('{"x":1}', { status: 418 })));
    expect(created.method).toBe('POST');
    const res = await resolveRoute(created, new Request(`${BASE}/v1/tickets`, { method: 'POST', body: '{}' }), {});
    expect(res.status).toBe(418);
  });

  it('rejects, at compile time, paths without the method, undocumented statuses and wrong bodies', () => {
    // Never called: only the types matter here.
    const typeChecks = (): void => {
      // @ts-expect-error /v1/auth/me has no POST
      http.post('/v1/auth/me', ({ response }) => response.untyped(new Response()));
      // @ts-expect-error not a path of the spec
      http.get('/v1/nope', ({ response }) => response.untyped(new Response()));
      // @ts-expect-error 299 is not a documented status of agents_list
      http.get('/v1/agents', ({ response }) => response(299).json({}));
      // @ts-expect-error the body must be the documented envelope
      http.get('/v1/agents', ({ response }) => response(200).json({ items: [] }));
    };
    expect(typeof typeChecks).toBe('function');
  });
});
