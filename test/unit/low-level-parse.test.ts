import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCoreClient, MemoryRateLimitStore, ResponseParseError } from '../../src/core.js';
import { fakeFetch, json, me, TEST_KEY } from '../support/fake-fetch.js';

function client(handler: Parameters<typeof fakeFetch>[0]) {
  const fake = fakeFetch(handler);
  return createCoreClient({ apiKey: TEST_KEY, fetch: fake.fetch, maxRetries: 0, logLevel: 'off', rateLimit: { store: new MemoryRateLimitStore() } });
}

const chunked = (body: string) => new Response(new Blob([body]).stream(), { status: 200, headers: { 'content-type': 'application/json' } });
/** A JSON success as servers send it, with its Content-Length. */
const sized = (body: unknown) => {
  const text = JSON.stringify(body);
  return new Response(text, { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(new TextEncoder().encode(text).byteLength) } });
};

describe('low-level calls read a success body once', () => {
  afterEach(() => vi.restoreAllMocks());

  it('parses the JSON of a success once, not once in the pipeline and again in openapi-fetch', async () => {
    const c = client(() => sized(me));
    await c.GET('/v1/auth/me'); // warm up: the first call may parse other things (the key check, the routes)
    const parse = vi.spyOn(JSON, 'parse');
    const { data, response } = await c.GET('/v1/auth/me');
    const bodies = parse.mock.calls.filter(([text]) => typeof text === 'string' && text.includes('Northwind'));
    expect(bodies).toHaveLength(1);
    expect(data).toEqual(me);
    expect(response.status).toBe(200);
  });

  it('hands the text it read to openapi-fetch when there is no Content-Length (openapi-fetch parses that text itself)', async () => {
    const c = client(() => chunked(JSON.stringify(me)));
    const { data, response } = await c.GET('/v1/auth/me');
    expect(data).toEqual(me);
    expect(await response.json()).toEqual(me); // the stream itself was not read
  });

  it('leaves the returned response readable, with a fresh copy of the body', async () => {
    const c = client(() => json(200, me));
    const { data, response } = await c.GET('/v1/auth/me');
    const again = (await response.json()) as typeof me;
    expect(again).toEqual(me);
    expect(again).not.toBe(data); // a new parse: changing one does not change the other
    await expect(response.text()).rejects.toThrow(TypeError); // now the body is used, as with any Response
  });

  it('hands other parseAs modes the body itself', async () => {
    const c = client(() => json(200, me));
    const { data: text } = await c.GET('/v1/auth/me', { parseAs: 'text' });
    expect(JSON.parse(text as unknown as string)).toEqual(me);
    const { data: buffer } = await c.GET('/v1/auth/me', { parseAs: 'arrayBuffer' });
    expect(JSON.parse(new TextDecoder().decode(buffer as unknown as ArrayBuffer))).toEqual(me);
  });

  it('still turns a broken success body into a ResponseParseError', async () => {
    const c = client(() => new Response('{"data":', { status: 200, headers: { 'content-type': 'application/json' } }));
    await expect(c.GET('/v1/auth/me')).rejects.toBeInstanceOf(ResponseParseError);
    const empty = client(() => chunked(''));
    await expect(empty.GET('/v1/auth/me')).rejects.toBeInstanceOf(ResponseParseError);
  });

  it('reads like the response that came back: a Response, with its URL, headers and a body stream made on demand', async () => {
    const c = client(() => {
      const r = sized(me);
      Object.defineProperty(r, 'url', { value: 'https://api.opsmerge.test/v1/auth/me' });
      Object.defineProperty(r, 'redirected', { value: true });
      return r;
    });
    const { response } = await c.GET('/v1/auth/me');
    expect(response).toBeInstanceOf(Response);
    expect(response.url).toBe('https://api.opsmerge.test/v1/auth/me');
    expect(response.redirected).toBe(true);
    expect(response.ok).toBe(true);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.bodyUsed).toBe(false);
    const stream = response.body;
    expect(stream).toBeInstanceOf(ReadableStream);
    expect(response.body).toBe(stream); // one stream, as with any Response
    const text = await new Response(stream).text();
    expect(JSON.parse(text)).toEqual(me);
    expect(response.bodyUsed).toBe(true);
    await expect(response.arrayBuffer()).rejects.toThrow(TypeError);
  });

  it('clones into an independent copy, and refuses to clone a used body like any Response', async () => {
    const c = client(() => json(200, me));
    const { response } = await c.GET('/v1/auth/me');
    const copy = response.clone();
    expect(copy.status).toBe(200);
    expect(await copy.json()).toEqual(me);
    expect(copy.bodyUsed).toBe(true);
    expect(response.bodyUsed).toBe(false);
    expect(JSON.parse(new TextDecoder().decode(await response.clone().bytes()))).toEqual(me); // bytes() even on Node 20
    const blob = await response.blob();
    expect(blob.type).toContain('application/json');
    expect(JSON.parse(await blob.text())).toEqual(me);
    expect(() => response.clone()).toThrow(TypeError);
  });

  it('leaves an error response readable too, with the envelope openapi-fetch reported', async () => {
    const envelope = { error: { code: 'NOT_FOUND', message: 'No agent agt_1', request_id: 'req_1' } };
    const c = client(() => json(404, envelope));
    const { error, response } = await c.GET('/v1/agents/{agent_id}', { params: { path: { agent_id: 'agt_1' } } });
    expect(error).toEqual(envelope);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(envelope);
  });
});
