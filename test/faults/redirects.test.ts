import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedirectError, type AuthScheme } from '../../src/index.js';
import { exposedText } from '../support/exposed-text.js';
import { faults, startFaultServer, type FaultServer, type WireRequest } from './fault-server.js';
import { accepted, faultClient, KEY, rejectionOf, trigger } from './helpers.js';
import { hasOpenssl, selfSigned, trustingFetch } from './tls.js';

const SCHEMES: AuthScheme[] = ['bearer', 'api-key', 'x-api-key', 'query'];
const STATUSES = [301, 302, 303, 307, 308];

let api: FaultServer;
/** The other origin: it records everything it receives. */
let elsewhere: FaultServer;
beforeAll(async () => {
  [api, elsewhere] = await Promise.all([startFaultServer(), startFaultServer()]);
});
afterAll(() => Promise.all([api.close(), elsewhere.close()]));

/** Like `return 301 https://new.example$request_uri`: the query string (and any `api_key`) is copied. */
const sameUrlOn = (origin: () => string) => (req: IncomingMessage) => `${origin()}/landing${(req.url ?? '').replace(/^[^?]*/, '')}`;

/** Everything a request carried: URL, headers and body. */
const everything = (r: WireRequest): string => `${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`;

/** Every form of the error holds neither the key nor its secret part. */
function keyFree(error: unknown): void {
  const text = exposedText(error);
  expect(text).not.toContain(KEY);
  expect(text).not.toContain(KEY.slice(8));
}

describe('a cross-origin redirect is not followed by default', () => {
  const cases = SCHEMES.flatMap((scheme) => STATUSES.map((status) => [scheme, status] as const));
  it.each(cases)('%s credentials, %i of a GET: a RedirectError names the location, and the other origin gets nothing', async (scheme, status) => {
    api.respond(faults.redirect(status, sameUrlOn(() => elsewhere.url)));
    elsewhere.respond(faults.ok());
    const error = await rejectionOf(faultClient(api, { authScheme: scheme }).GET('/v1/auth/me'));
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ reason: 'cross-origin', status, method: 'GET', path: '/v1/auth/me', requestId: api.requests[0]!.requestId });
    // With the query scheme the copied query holds `api_key=<the key>`: the location shows its name only.
    expect((error as RedirectError).location).toBe(`${elsewhere.url}/landing${scheme === 'query' ? '?api_key=REDACTED' : ''}`);
    expect((error as Error).message).toContain('followCrossOriginRedirects');
    keyFree(error);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('a 307 of a write: the write is not sent to the other origin, and the facade gets the same RedirectError', async () => {
    api.respond(faults.redirect(307, `${elsewhere.url}/v1/events/trigger`));
    elsewhere.respond(faults.json(202, accepted));
    const error = await rejectionOf(faultClient(api).events.trigger(trigger));
    expect(error).toMatchObject({ name: 'RedirectError', reason: 'cross-origin', status: 307, method: 'POST' });
    expect(api.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('names a location that hides values in its query, userinfo and fragment without them', async () => {
    api.respond(faults.redirect(302, `http://user:pa55word@127.0.0.1:9/moved/here?token=abc123&page=2#frag-secret`));
    const error = (await rejectionOf(faultClient(api).auth.me())) as RedirectError;
    expect(error.location).toBe('http://127.0.0.1:9/moved/here?token=REDACTED&page=REDACTED');
    expect(exposedText(error)).not.toMatch(/pa55word|abc123|frag-secret/);
  });
});

describe('a cross-origin redirect the caller allows is followed without credentials', () => {
  const cases = SCHEMES.flatMap((scheme) => STATUSES.map((status) => [scheme, status] as const));
  it.each(cases)('%s credentials, %i redirect of a GET', async (scheme, status) => {
    api.respond(faults.redirect(status, sameUrlOn(() => elsewhere.url)));
    elsewhere.respond(faults.ok());
    const { response } = await faultClient(api, { authScheme: scheme, followCrossOriginRedirects: true }).GET('/v1/auth/me');
    expect(response.status).toBe(200);
    expect(api.requests).toHaveLength(1);
    expect(everything(api.requests[0]!)).toContain(KEY); // the API itself was signed
    expect(elsewhere.requests).toHaveLength(1);
    expect(everything(elsewhere.requests[0]!)).not.toContain(KEY);
    expect(everything(elsewhere.requests[0]!)).not.toContain(KEY.slice(8));
  });

  it.each(SCHEMES)('%s credentials, 307 redirect of a POST with an idempotency key', async (scheme) => {
    api.respond(faults.redirect(307, sameUrlOn(() => elsewhere.url)));
    elsewhere.respond(faults.json(202, accepted));
    await faultClient(api, { authScheme: scheme, followCrossOriginRedirects: true }).events.trigger(trigger);
    expect(elsewhere.requests).toHaveLength(1);
    expect(elsewhere.requests[0]!.method).toBe('POST');
    expect(everything(elsewhere.requests[0]!)).not.toContain(KEY);
  });

  it('refuses a location that embeds the key elsewhere in the URL, naming it without the key', async () => {
    api.respond(faults.redirect(302, (req) => `${elsewhere.url}/login?next=${encodeURIComponent(req.url ?? '')}`));
    elsewhere.respond(faults.ok());
    const error = await rejectionOf(faultClient(api, { authScheme: 'query', followCrossOriginRedirects: true }).GET('/v1/auth/me'));
    expect(error).toMatchObject({ name: 'RedirectError', reason: 'credential-in-location', location: `${elsewhere.url}/login?next=REDACTED` });
    keyFree(error);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('refuses a location whose path carries the key percent-encoded, naming it without the path', async () => {
    api.respond(faults.redirect(302, `${elsewhere.url}/keys/${KEY.split('').map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')}`));
    const error = await rejectionOf(faultClient(api, { followCrossOriginRedirects: true }).GET('/v1/auth/me'));
    expect(error).toMatchObject({ name: 'RedirectError', reason: 'credential-in-location', location: `${elsewhere.url}/REDACTED` });
    keyFree(error);
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe('redirects within the API origin', () => {
  it('keeps signing a redirect back to the API origin, relative locations included', async () => {
    api.respond(faults.redirect(307, `/v1/auth/me?moved=1`), faults.redirect(308, 'me?again=1'), faults.ok());
    await faultClient(api).GET('/v1/auth/me');
    expect(api.requests.map((r) => r.url)).toEqual(['/v1/auth/me', '/v1/auth/me?moved=1', '/v1/auth/me?again=1']);
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`, `Bearer ${KEY}`]);
  });

  it('turns a 303 of a POST into a GET without the body', async () => {
    api.respond(faults.redirect(303, '/v1/auth/me'), faults.ok());
    await faultClient(api).events.trigger(trigger).catch(() => undefined);
    expect(api.requests.map((r) => [r.method, r.body])).toEqual([
      ['POST', JSON.stringify(trigger)],
      ['GET', ''],
    ]);
  });

  it('ends a redirect loop after 5 redirects with a RedirectError', async () => {
    api.respond(faults.redirect(302, '/v1/auth/me'));
    const error = await rejectionOf(faultClient(api).auth.me());
    expect(error).toMatchObject({ name: 'RedirectError', reason: 'too-many', status: 302, location: `${api.url}/v1/auth/me` });
    expect(api.requests).toHaveLength(6);
  });

  it.each([
    ['not a URL', 'http://[::1'],
    ['not an http(s) URL', 'javascript:alert(1)'],
    ['a file URL', 'file:///etc/passwd'],
  ])('refuses a location that is %s', async (_name, location) => {
    api.respond(faults.redirect(302, location));
    const error = await rejectionOf(faultClient(api).auth.me());
    expect(error).toMatchObject({ name: 'RedirectError', reason: 'invalid-location', status: 302 });
    expect(api.requests).toHaveLength(1);
  });
});

describe('an https → http redirect is never followed', () => {
  it.each(SCHEMES)('%s credentials, a 301 from a fake https API to the recording http server, even with followCrossOriginRedirects', async (scheme) => {
    elsewhere.respond(faults.ok());
    const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      if (request.url.startsWith('https:')) {
        return new Response(null, { status: 301, headers: { location: `${elsewhere.url}/landing${new URL(request.url).search}` } });
      }
      return globalThis.fetch(request);
    };
    const client = faultClient({ url: 'https://127.0.0.1:8443' }, { authScheme: scheme, fetch: fetchFn as typeof fetch, followCrossOriginRedirects: true });
    const error = await rejectionOf(client.GET('/v1/auth/me'));
    expect(error).toMatchObject({ name: 'RedirectError', reason: 'insecure', status: 301 });
    keyFree(error);
    expect(elsewhere.requests).toHaveLength(0);
  });

  describe.skipIf(!hasOpenssl())('over real TLS (self-signed certificate from openssl)', () => {
    let tlsApi: FaultServer;
    let trusting: ReturnType<typeof trustingFetch>;
    beforeAll(async () => {
      const pair = selfSigned();
      tlsApi = await startFaultServer({ tls: pair });
      trusting = trustingFetch(pair.cert);
    });
    afterAll(async () => {
      await trusting.close();
      await tlsApi.close();
    });

    it.each(SCHEMES)('%s credentials, 301 from https://127.0.0.1 to http://127.0.0.1', async (scheme) => {
      tlsApi.respond(faults.redirect(301, sameUrlOn(() => elsewhere.url)));
      elsewhere.respond(faults.ok());
      const error = await rejectionOf(faultClient(tlsApi, { authScheme: scheme, fetch: trusting.fetch, followCrossOriginRedirects: true }).GET('/v1/auth/me'));
      expect(error).toMatchObject({ name: 'RedirectError', reason: 'insecure' });
      expect(everything(tlsApi.requests[0]!)).toContain(KEY);
      keyFree(error);
      expect(elsewhere.requests).toHaveLength(0);
    });
  });
});
