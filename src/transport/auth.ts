import { ConnectionError } from '../errors.js';
import type { OAuthTokenManager } from '../oauth/token-manager.js';
import type { AuthScheme } from '../options.js';
import { cloneRequest, type CallContext, type Next, type OutgoingRequest, type Policy } from './types.js';

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/** Adds the credential to a copy of the request, in the chosen scheme. */
export function sign(request: OutgoingRequest, credential: string, scheme: AuthScheme): OutgoingRequest {
  const signed = cloneRequest(request);
  switch (scheme) {
    case 'bearer':
      signed.headers.set('Authorization', `Bearer ${credential}`);
      break;
    case 'api-key':
      signed.headers.set('Authorization', `Api-Key ${credential}`);
      break;
    case 'x-api-key':
      signed.headers.set('X-API-Key', credential);
      break;
    case 'query':
      signed.url.searchParams.set('api_key', credential);
      break;
  }
  return signed;
}

/**
 * The innermost policy: every attempt is signed afresh (so a rotated key or refreshed token is
 * used at once). It follows redirects itself: credentials go only to the API's own origin —
 * never across origins, never from https down to http (the fetch standard drops only
 * `Authorization` on a cross-origin redirect; `X-API-Key` or `?api_key=` would leak, and a
 * redirect that copies the query string would carry `?api_key=` along: it is removed). With
 * OAuth, a 401 triggers one token refresh and one replay, never a loop.
 */
export function authPolicy(options: { scheme: AuthScheme; oauth?: OAuthTokenManager; onQueryScheme?: () => void }): Policy {
  return {
    name: 'auth',
    async send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response> {
      const credential = context.credential;
      if (!credential) return followRedirects(request, undefined, context, next);
      const scheme = credential.kind === 'oauth' ? 'bearer' : options.scheme;
      if (scheme === 'query') options.onQueryScheme?.();
      const response = await followRedirects(request, (r) => sign(r, credential.value, scheme), context, next, credential.value);
      if (response.status !== 401 || !options.oauth) return response;
      const fresh = await options.oauth.handleUnauthorized(credential.value);
      if (!fresh || fresh === credential.value) return response;
      await response.body?.cancel().catch(() => undefined);
      context.credential = { ...credential, value: fresh };
      return followRedirects(request, (r) => sign(r, fresh, 'bearer'), context, next, fresh);
    },
  };
}

async function followRedirects(
  request: OutgoingRequest,
  signer: ((r: OutgoingRequest) => OutgoingRequest) | undefined,
  context: CallContext,
  next: Next,
  credential?: string,
): Promise<Response> {
  const origin = request.url.origin;
  let current = request;
  for (let hop = 0; ; hop++) {
    const sameOrigin = current.url.origin === origin;
    const response = await next(sameOrigin && signer ? signer(current) : current, context);
    const location = response.headers.get('location');
    if (!REDIRECT.has(response.status) || !location) return response;
    if (hop >= MAX_REDIRECTS) {
      throw new ConnectionError({ method: context.method, path: context.path, mayHaveSucceeded: true, cause: new Error(`more than ${MAX_REDIRECTS} redirects`) });
    }
    const target = new URL(location, current.url);
    if (target.origin !== origin) {
      // A server that redirects "to the same URL elsewhere" copies the query string, and with
      // it the `api_key` of the query scheme: never carry it to another origin.
      if (target.searchParams.has('api_key')) target.searchParams.delete('api_key');
      // Still there (encoded in another parameter or the path)? Then do not follow at all.
      if (credential && carries(target, credential)) return response;
    }
    await response.body?.cancel().catch(() => undefined);
    // Fetch standard: 303, and 301/302 after a POST, turn into a GET without a body.
    const toGet = response.status === 303 || ((response.status === 301 || response.status === 302) && current.method === 'POST');
    const headers = new Headers(request.headers);
    if (toGet) headers.delete('content-type');
    current = { url: target, method: toGet ? 'GET' : current.method, headers, body: toGet ? undefined : current.body };
  }
}

/** Whether a URL carries the credential, as is or percent-encoded. */
function carries(url: URL, credential: string): boolean {
  if (url.href.includes(credential)) return true;
  try {
    return decodeURIComponent(url.href).includes(credential);
  } catch {
    return false; // malformed %-escapes: the raw check above is all we can do
  }
}
