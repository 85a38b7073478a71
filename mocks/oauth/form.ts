/**
 * What the token and revocation endpoints share: reading the form body strictly, client
 * authentication (`client_secret_basic`, `client_secret_post`, or none for a public client)
 * and RFC 6749 §5.2 error responses. @internal
 */
import type { OAuthClient } from './clients.js';

/** An RFC 6749 §5.2 (or RFC 7009 §2.2.1) error code. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'unsupported_token_type'
  | 'unsupported_response_type'
  | 'access_denied';

/** Thrown inside the endpoints; becomes an error response. */
export class OAuthFailure extends Error {
  override readonly name = 'OAuthFailure';
  readonly error: OAuthErrorCode;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(error: OAuthErrorCode, description: string, options: { status?: number; headers?: Record<string, string> } = {}) {
    super(description);
    this.error = error;
    this.status = options.status ?? 400;
    this.headers = options.headers ?? {};
  }
}

/** Token responses and errors are never cached (RFC 6749 §5.1). */
export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

/** A JSON response of the authorization server. */
export function oauthJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...NO_STORE, ...headers } });
}

/** The error response of a failure. */
export function failureResponse(failure: OAuthFailure): Response {
  return oauthJson({ error: failure.error, error_description: failure.message }, failure.status, { ...failure.headers });
}

/**
 * The form parameters of a POST (`application/x-www-form-urlencoded`). A parameter sent
 * twice is an error (RFC 6749 §3.2); one sent empty counts as absent.
 */
export async function readForm(request: Request): Promise<Map<string, string>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new OAuthFailure('invalid_request', 'the body must be application/x-www-form-urlencoded');
  }
  const params = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(await request.text())) {
    if (params.has(name)) throw new OAuthFailure('invalid_request', `the parameter ${name} was sent more than once`);
    if (value !== '') params.set(name, value);
  }
  return params;
}

/** A required form parameter. */
export function required(params: ReadonlyMap<string, string>, name: string): string {
  const value = params.get(name);
  if (value === undefined) throw new OAuthFailure('invalid_request', `the parameter ${name} is missing`);
  return value;
}

const BASIC_CHALLENGE = { 'WWW-Authenticate': 'Basic realm="OpsMerge mock", charset="UTF-8"' };

function decodeBasic(header: string): { id: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(header);
  if (!match) return null;
  let text: string;
  try {
    text = atob(match[1]!);
  } catch {
    return null;
  }
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  try {
    // RFC 6749 §2.3.1: both halves are form-urlencoded before they are joined.
    const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
    return { id: decode(text.slice(0, colon)), secret: decode(text.slice(colon + 1)) };
  } catch {
    return null;
  }
}

/**
 * Authenticates the client of a token or revocation request (RFC 6749 §2.3): HTTP Basic,
 * or `client_id` + `client_secret` in the body, or `client_id` alone for a public client.
 * One method per request. Failures are 401 `invalid_client`, with `WWW-Authenticate` when
 * the client tried Basic (RFC 6749 §5.2).
 */
export function authenticateClient(request: Request, params: ReadonlyMap<string, string>, clients: readonly OAuthClient[]): OAuthClient {
  const header = request.headers.get('authorization');
  const bodyId = params.get('client_id');
  const bodySecret = params.get('client_secret');
  const find = (id: string) => clients.find((c) => c.id === id);
  if (header !== null) {
    const basic = decodeBasic(header);
    const unauthorised = (why: string) => new OAuthFailure('invalid_client', why, { status: 401, headers: BASIC_CHALLENGE });
    if (!basic) throw unauthorised('the Authorization header is not HTTP Basic client authentication');
    if (bodySecret !== undefined) throw new OAuthFailure('invalid_request', 'authenticate with one method: HTTP Basic or client_secret in the body, not both');
    if (bodyId !== undefined && bodyId !== basic.id) throw new OAuthFailure('invalid_request', 'client_id in the body differs from the HTTP Basic user');
    const client = find(basic.id);
    if (!client || client.secret === undefined || client.secret !== basic.secret) throw unauthorised('client authentication failed');
    return client;
  }
  if (bodyId === undefined) throw new OAuthFailure('invalid_client', 'no client authentication: send HTTP Basic, or client_id (and client_secret)', { status: 401 });
  const client = find(bodyId);
  if (!client) throw new OAuthFailure('invalid_client', 'client authentication failed', { status: 401 });
  if (client.secret === undefined) {
    if (bodySecret !== undefined) throw new OAuthFailure('invalid_client', 'this client is public: it has no client_secret', { status: 401 });
    return client;
  }
  if (bodySecret === undefined) throw new OAuthFailure('invalid_client', 'this client is confidential: send its client_secret (HTTP Basic or in the body)', { status: 401 });
  if (bodySecret !== client.secret) throw new OAuthFailure('invalid_client', 'client authentication failed', { status: 401 });
  return client;
}
