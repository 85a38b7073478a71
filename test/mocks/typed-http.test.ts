/**
 * The mock's typed `http` (mocks/handlers/typed-http.ts), msw's own handlers typed with the
 * spec's `paths`: routes in the spec's `{param}` form, documented statuses and bodies only.
 * The `@ts-expect-error` lines are checked by `npm run typecheck` (tsc over test/).
 */
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createTypedHttp, toMswPath } from '../../mocks/handlers/typed-http.js';

const BASE = 'http://typed.test';

describe('the typed http of the mock', () => {
  it('routes the spec form of a path, with its parameters by their spec names', async () => {
    const http = createTypedHttp(BASE);
    const handler = http.get('/v1/clients/{client_id}', ({ params, response }) =>
      response(200).json({ data: { id: String(params['client_id']), name: 'Northwind', domain: null, status: 'active', site_count: 0, agent_count: 0, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' } }),
    );
    const res = await getResponse([handler], new Request(`${BASE}/v1/clients/cli_01HZX2A7K3`));
    expect(res?.status).toBe(200);
    expect(res?.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res?.json()) as { data: { id: string } }).data.id).toBe('cli_01HZX2A7K3');
    expect(await getResponse([handler], new Request(`${BASE}/v1/clients`))).toBeUndefined();
    expect(await getResponse([handler], new Request(`${BASE}/v1/clients/cli_1`, { method: 'POST' }))).toBeUndefined();
  });

  it('answers with the status given, and passes untyped responses through', async () => {
    const http = createTypedHttp(BASE);
    const created = http.post('/v1/tickets', ({ response }) => response.untyped(new Response('{"x":1}', { status: 418 })));
    const res = await getResponse([created], new Request(`${BASE}/v1/tickets`, { method: 'POST', body: '{}' }));
    expect(res?.status).toBe(418);
    expect(toMswPath('/v1/m365/tenants/{tenant_id}/licenses/{license_id}')).toBe('/v1/m365/tenants/:tenant_id/licenses/:license_id');
  });

  it('rejects, at compile time, paths without the method, undocumented statuses and wrong bodies', () => {
    const http = createTypedHttp(BASE);
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
