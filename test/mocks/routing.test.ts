/**
 * Routing of the mock in-process (MSW): the same router as the HTTP server, on the URL as
 * `fetch` normalised it. 404 for paths the spec lacks, 405 with `Allow`, 204 to OPTIONS, HEAD
 * as GET without a body; every answer in the envelope with the standard headers.
 */
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createMockApi } from '../../mocks/index.js';
import { validateFetchResponse, validateProtocolResponse } from '../../mocks/validate.js';
import { useMockApi } from './helpers.js';

const { api } = useMockApi({ seed: 12 });
const auth = () => ({ Authorization: `Bearer ${api.testKey}` });

async function protocol(response: Response): Promise<{ status: number; headers: Headers; body: any }> {
  const text = await response.text();
  const body = text === '' ? undefined : JSON.parse(text);
  expect(validateProtocolResponse({ status: response.status, headers: response.headers, body }).errors).toEqual([]);
  return { status: response.status, headers: response.headers, body };
}

describe('routing in-process', () => {
  it('answers a method the path does not have with 405 METHOD_NOT_ALLOWED and Allow', async () => {
    const res = await protocol(await fetch(`${api.baseUrl}/v1/agents`, { method: 'PUT', headers: auth() }));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(res.body.error).toMatchObject({ code: 'METHOD_NOT_ALLOWED', message: 'PUT is not a method of /v1/agents; allowed: GET, HEAD, OPTIONS' });
    expect((await protocol(await fetch(`${api.baseUrl}/v1/tickets/tkt_1`, { method: 'POST', headers: auth() }))).headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS, PATCH');
  });

  it('answers OPTIONS with 204 and Allow, without credentials', async () => {
    const res = await protocol(await fetch(`${api.baseUrl}/v1/events/trigger`, { method: 'OPTIONS' }));
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toBe('OPTIONS, POST');
  });

  it('answers HEAD like GET, without the body', async () => {
    const get = await fetch(`${api.baseUrl}/v1/clients`, { headers: auth() });
    const head = await fetch(`${api.baseUrl}/v1/clients`, { method: 'HEAD', headers: auth() });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String((await get.arrayBuffer()).byteLength));
    expect(await head.text()).toBe('');
    expect((await fetch(`${api.baseUrl}/v1/clients`, { method: 'HEAD' })).status).toBe(401);
  });

  it('answers 404 for a path the spec lacks, a trailing slash included', async () => {
    for (const path of ['/v1/nothing', '/v1/agents/', '/v1/agents/agt_1/extra']) {
      const res = await protocol(await fetch(`${api.baseUrl}${path}`, { headers: auth() }));
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('sees the URL as fetch normalised it: dot segments are resolved by the client before the mock (only the HTTP server sees raw paths)', async () => {
    expect(new Request(`${api.baseUrl}/v1/agents/../api-keys`).url).toBe(`${api.baseUrl}/v1/api-keys`);
    const res = await fetch(`${api.baseUrl}/v1/agents/../api-keys`, { headers: auth() });
    expect((await validateFetchResponse('apiKeys_list', res)).errors).toEqual([]);
  });

  it('leaves the internal operations out when asked, as paths the mock does not have', async () => {
    const external = createMockApi({ includeInternal: false, baseUrl: 'http://external.test' });
    const answer = await getResponse([...external.handlers], new Request('http://external.test/v1/internal/settings/general', { headers: { Authorization: `Bearer ${external.testKey}` } }));
    const res = await protocol(answer!);
    expect(res.status).toBe(404);
  });
});
