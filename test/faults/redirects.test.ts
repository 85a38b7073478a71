import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthScheme } from '../../src/index.js';
import { faults, startFaultServer, type FaultServer, type WireRequest } from './fault-server.js';
import { accepted, faultClient, KEY, trigger } from './helpers.js';
import { hasOpenssl, selfSigned, trustingFetch } from './tls.js';

const SCHEMES: AuthScheme[] = ['bearer', 'api-key', 'x-api-key', 'query'];

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

describe('a cross-origin redirect never carries the credentials', () => {
  const cases = SCHEMES.flatMap((scheme) => [301, 302, 303, 307, 308].map((status) => [scheme, status] as const));
  it.each(cases)('%s credentials, %i redirect of a GET', async (scheme, status) => {
    api.respond(faults.redirect(status, sameUrlOn(() => elsewhere.url)));
    elsewhere.respond(faults.ok());
    const { response } = await faultClient(api, { authScheme: scheme }).GET('/v1/auth/me');
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
    await faultClient(api, { authScheme: scheme }).events.trigger(trigger);
    expect(elsewhere.requests).toHaveLength(1);
    expect(elsewhere.requests[0]!.method).toBe('POST');
    expect(everything(elsewhere.requests[0]!)).not.toContain(KEY);
  });

  it('does not follow a redirect that embeds the key elsewhere in the URL, and answers with the redirect', async () => {
    api.respond(faults.redirect(302, (req) => `${elsewhere.url}/login?next=${encodeURIComponent(req.url ?? '')}`));
    elsewhere.respond(faults.ok());
    const { response } = await faultClient(api, { authScheme: 'query' }).GET('/v1/auth/me');
    expect(response.status).toBe(302);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('keeps signing a redirect back to the API origin', async () => {
    api.respond(faults.redirect(307, `/v1/auth/me?moved=1`), faults.ok());
    await faultClient(api).GET('/v1/auth/me');
    expect(api.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
  });
});

describe('an https → http redirect never carries the credentials', () => {
  it.each(SCHEMES)('%s credentials, decided on a 301 from a fake https API to the recording http server', async (scheme) => {
    elsewhere.respond(faults.ok());
    const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      if (request.url.startsWith('https:')) {
        return new Response(null, { status: 301, headers: { location: `${elsewhere.url}/landing${new URL(request.url).search}` } });
      }
      return globalThis.fetch(request);
    };
    const { response } = await faultClient({ url: 'https://127.0.0.1:8443' }, { authScheme: scheme, fetch: fetchFn as typeof fetch }).GET('/v1/auth/me');
    expect(response.status).toBe(200);
    expect(elsewhere.requests).toHaveLength(1);
    expect(everything(elsewhere.requests[0]!)).not.toContain(KEY);
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
      const { response } = await faultClient(tlsApi, { authScheme: scheme, fetch: trusting.fetch }).GET('/v1/auth/me');
      expect(response.status).toBe(200);
      expect(everything(tlsApi.requests[0]!)).toContain(KEY);
      expect(elsewhere.requests).toHaveLength(1);
      expect(everything(elsewhere.requests[0]!)).not.toContain(KEY);
    });
  });
});
