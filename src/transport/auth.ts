import { RedirectError, type RedirectRefusal } from '../errors/index.js';
import type { AuthScheme } from '../options.js';
import type { CallContext, Next, OutgoingRequest, Policy } from './types.js';

const REDIRECT = new Set([301, 302, 303, 307, 308]);
/** Redirects followed in a row before a `RedirectError` (reason `too-many`): a loop ends there. */
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

/** Whether a response is a redirect the auth policy follows or refuses (the terminal step leaves its body unread). */
export function isRedirect(response: Response): boolean {
  return REDIRECT.has(response.status) && response.headers.has('location');
}

/** Options of {@link authPolicy}. */
export interface AuthPolicyOptions {
  scheme: AuthScheme;
  /** The token source's 401 handler (`TokenSource.handleUnauthorized`): a fresh token to replay with, or none. */
  unauthorized?: (rejected: string) => Promise<string | undefined>;
  onQueryScheme?: () => void;
  /** Follow a redirect to another origin, without credentials, instead of refusing it. */
  followCrossOriginRedirects?: boolean;
}

/**
 * The innermost policy: every attempt is signed afresh (so a rotated key or refreshed token is
 * used at once). It follows redirects itself, up to {@link MAX_REDIRECTS} in a row:
 *  - to the API's own origin, signed again;
 *  - to another origin, not at all by default (`RedirectError`, reason `cross-origin`): what
 *    another origin answers is not the API's answer. With `followCrossOriginRedirects`, followed
 *    without credentials — the fetch standard drops only `Authorization` on a cross-origin
 *    redirect; `X-API-Key` or `?api_key=` would leak, and a redirect that copies the query string
 *    would carry `?api_key=` along: it is removed, and a `Location` that still carries the
 *    credential is refused;
 *  - from https down to http, never (reason `insecure`).
 * With OAuth, a 401 asks `unauthorized` (the token source) for a fresh token: one replay, never a loop.
 */
export function authPolicy(options: AuthPolicyOptions): Policy {
  return {
    name: 'auth',
    send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response> {
      const credential = context.credential;
      if (!credential) return followRedirects(request, undefined, context, next, options);
      const scheme = credential.kind === 'oauth' ? 'bearer' : options.scheme;
      if (scheme === 'query') options.onQueryScheme?.();
      const sent = followRedirects(request, (r) => sign(r, credential.value, scheme), context, next, options, credential.value);
      const unauthorized = options.unauthorized;
      if (!unauthorized || credential.kind !== 'oauth') return sent;
      return sent.then(async (response) => {
        if (response.status !== 401) return response;
        const fresh = await unauthorized(credential.value);
        if (!fresh || fresh === credential.value) return response;
        context.credential = { ...credential, value: fresh };
        return followRedirects(request, (r) => sign(r, fresh, 'bearer'), context, next, options, fresh);
      });
    },
  };
}

type Signer = (r: OutgoingRequest) => OutgoingRequest;

/** Sends the (signed) request; follows a redirect only when the answer is one. */
function followRedirects(request: OutgoingRequest, signer: Signer | undefined, context: CallContext, next: Next, options: AuthPolicyOptions, credential?: string): Promise<Response> {
  return next(signer ? signer(request) : request, context).then((response) =>
    isRedirect(response) ? redirected(request, signer, context, next, options, credential, response) : response,
  );
}

async function redirected(
  request: OutgoingRequest,
  signer: Signer | undefined,
  context: CallContext,
  next: Next,
  options: AuthPolicyOptions,
  credential: string | undefined,
  first: Response,
): Promise<Response> {
  const origin = request.url.origin;
  let current = request;
  let response = first;
  for (let hop = 0; isRedirect(response); hop++) {
    const location = response.headers.get('location') ?? '';
    const refuse = (reason: RedirectRefusal, where: string): RedirectError =>
      new RedirectError({
        method: context.method,
        path: context.path,
        status: response.status,
        location: where,
        reason,
        requestId: response.headers.get('x-request-id') ?? undefined,
        secrets: credential === undefined ? [] : [credential],
      });
    let target: URL;
    try {
      target = new URL(location, current.url);
    } catch {
      throw refuse('invalid-location', location);
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw refuse('invalid-location', target.href);
    if (hop >= MAX_REDIRECTS) throw refuse('too-many', target.href);
    if (current.url.protocol === 'https:' && target.protocol === 'http:') throw refuse('insecure', target.href);
    if (target.origin !== origin) {
      if (!options.followCrossOriginRedirects) throw refuse('cross-origin', target.href);
      // A server that redirects "to the same URL elsewhere" copies the query string, and with
      // it the `api_key` of the query scheme: never carry it to another origin.
      if (target.searchParams.has('api_key')) target.searchParams.delete('api_key'); // (delete alone re-serialises the query)
      // Still there (encoded in another parameter or the path)? Then do not follow at all.
      if (credential && carries(target, credential)) throw refuse('credential-in-location', target.href);
    }
    // Fetch standard: 303, and 301/302 after a POST, turn into a GET without a body.
    const toGet = response.status === 303 || ((response.status === 301 || response.status === 302) && current.method === 'POST');
    const headers = new Headers(request.headers);
    if (toGet) headers.delete('content-type');
    current = { url: target, method: toGet ? 'GET' : current.method, headers, body: toGet ? undefined : current.body };
    const sameOrigin = current.url.origin === origin;
    response = await next(sameOrigin && signer ? signer(current) : current, context);
  }
  return response;
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
