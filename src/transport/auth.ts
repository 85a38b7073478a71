import { ConnectionError } from '../errors/index.js';
import type { AuthScheme } from '../options.js';
import type { CallContext, Next, OutgoingRequest, Policy } from './types.js';

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/**
 * Adds the credential to a copy of the request, in the chosen scheme. Only what the scheme
 * changes is copied (the headers, or the URL for the query scheme); the original request is
 * never touched, so the log line and a cross-origin redirect never see the credential.
 */
export function sign(request: OutgoingRequest, credential: string, scheme: AuthScheme): OutgoingRequest {
  if (scheme === 'query') {
    const url = new URL(request.url);
    url.searchParams.set('api_key', credential);
    return { url, method: request.method, headers: request.headers, body: request.body };
  }
  const headers = new Headers(request.headers);
  switch (scheme) {
    case 'bearer':
      headers.set('Authorization', `Bearer ${credential}`);
      break;
    case 'api-key':
      headers.set('Authorization', `Api-Key ${credential}`);
      break;
    case 'x-api-key':
      headers.set('X-API-Key', credential);
      break;
  }
  return { url: request.url, method: request.method, headers, body: request.body };
}

/**
 * The innermost policy: every attempt is signed afresh (so a rotated key or refreshed token is
 * used at once). It follows redirects itself: credentials go only to the API's own origin —
 * never across origins, never from https down to http (the fetch standard drops only
 * `Authorization` on a cross-origin redirect; `X-API-Key` or `?api_key=` would leak, and a
 * redirect that copies the query string would carry `?api_key=` along: it is removed). With
 * OAuth, a 401 asks `unauthorized` (the token source) for a fresh token: one replay, never a loop.
 */
export function authPolicy(options: { scheme: AuthScheme; unauthorized?: (rejected: string) => Promise<string | undefined>; onQueryScheme?: () => void }): Policy {
  return {
    name: 'auth',
    // Not async: the attempt is signed and sent in the same turn; one `then` looks for a
    // redirect (and, with OAuth, a 401).
    send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response> {
      const credential = context.credential;
      if (!credential) return followRedirects(request, undefined, context, next);
      const scheme = credential.kind === 'oauth' ? 'bearer' : options.scheme;
      if (scheme === 'query') options.onQueryScheme?.();
      const sent = followRedirects(request, (r) => sign(r, credential.value, scheme), context, next, credential.value);
      const unauthorized = options.unauthorized;
      if (!unauthorized || credential.kind !== 'oauth') return sent;
      return sent.then(async (response) => {
        if (response.status !== 401) return response;
        const fresh = await unauthorized(credential.value);
        if (!fresh || fresh === credential.value) return response;
        await response.body?.cancel().catch(() => undefined);
        context.credential = { ...credential, value: fresh };
        return followRedirects(request, (r) => sign(r, fresh, 'bearer'), context, next, fresh);
      });
    },
  };
}

const isRedirect = (response: Response): boolean => REDIRECT.has(response.status) && !!response.headers.get('location');

/** Sends the (signed) request; follows a redirect only when the answer is one. */
function followRedirects(
  request: OutgoingRequest,
  signer: ((r: OutgoingRequest) => OutgoingRequest) | undefined,
  context: CallContext,
  next: Next,
  credential?: string,
): Promise<Response> {
  return next(signer ? signer(request) : request, context).then((response) =>
    isRedirect(response) ? redirected(request, signer, context, next, credential, response) : response,
  );
}

async function redirected(
  request: OutgoingRequest,
  signer: ((r: OutgoingRequest) => OutgoingRequest) | undefined,
  context: CallContext,
  next: Next,
  credential: string | undefined,
  first: Response,
): Promise<Response> {
  const origin = request.url.origin;
  let current = request;
  let response = first;
  for (let hop = 0; ; hop++) {
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
    const sameOrigin = current.url.origin === origin;
    response = await next(sameOrigin && signer ? signer(current) : current, context);
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
