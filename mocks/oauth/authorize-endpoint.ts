/**
 * `/oauth/authorize` (RFC 6749 §4.1.1–4.1.2, RFC 7636 §4.3): the authorization-code flow
 * with PKCE S256 only. It approves at once for the organisation's owner and redirects with
 * `code` and `state`; with the `consent` setting it shows an Approve / Deny page first.
 *
 * Until the client and its redirect URI are known to match exactly, errors are answered
 * here (400, JSON) and never redirected: redirecting to an unchecked URI would make the
 * mock an open redirector (RFC 6749 §4.1.2.1, RFC 6819 §4.2.4). @internal
 */
import type { Scope } from '@opsmerge/sdk';
import { isScope } from '../scopes.js';
import type { MockStore } from '../store/store.js';
import type { OAuthClient } from './clients.js';
import { OAuthFailure, failureResponse, readForm, type OAuthErrorCode } from './form.js';
import type { OAuthGrants } from './grants.js';
import { S256_CHALLENGE } from './pkce.js';

/** What the endpoints of the authorization server share. */
export interface OAuthServer {
  readonly grants: OAuthGrants;
  readonly clients: readonly OAuthClient[];
  readonly store: MockStore;
}

const PARAMETERS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method'] as const;
type Parameter = (typeof PARAMETERS)[number];

/** An error that goes back to the client through its (checked) redirect URI. */
class RedirectedError extends Error {
  readonly error: OAuthErrorCode;
  constructor(error: OAuthErrorCode, description: string) {
    super(description);
    this.error = error;
  }
}

function redirect(redirectUri: string, params: Record<string, string | undefined>): Response {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) target.searchParams.set(name, value);
  return new Response(null, { status: 302, headers: { Location: target.href, 'Cache-Control': 'no-store' } });
}

/** The request's parameters: the query of a GET, the form of the consent page's POST. */
async function readParameters(request: Request): Promise<{ params: Map<string, string>; decision: string | undefined }> {
  if (request.method === 'POST') {
    const form = await readForm(request);
    return { params: form, decision: form.get('decision') };
  }
  const params = new Map<string, string>();
  for (const [name, value] of new URL(request.url).searchParams) {
    if (params.has(name)) throw new OAuthFailure('invalid_request', `the parameter ${name} was sent more than once`);
    if (value !== '') params.set(name, value);
  }
  return { params, decision: undefined };
}

function checkedScopes(scope: string | undefined): Scope[] {
  if (scope === undefined) throw new RedirectedError('invalid_scope', 'scope is required: ask for the scopes the app needs, e.g. "agents:read alerts:write"');
  const asked = [...new Set(scope.split(' ').filter((s) => s !== ''))];
  const unknown = asked.filter((s) => !isScope(s));
  if (unknown.length > 0) throw new RedirectedError('invalid_scope', `unknown scope ${unknown.join(', ')}; scopes are a closed set (the spec's Scope)`);
  if (asked.length === 0) throw new RedirectedError('invalid_scope', 'scope names no scope');
  return asked as Scope[];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function consentPage(client: OAuthClient, userName: string, scopes: readonly Scope[], params: ReadonlyMap<string, string>, action: string): Response {
  const hidden = PARAMETERS.flatMap((name) => {
    const value = params.get(name);
    return value === undefined ? [] : [`<input type="hidden" name="${name}" value="${escapeHtml(value)}">`];
  }).join('\n    ');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize ${escapeHtml(client.name)} — OpsMerge mock</title></head>
<body>
  <h1>${escapeHtml(client.name)} wants to use your OpsMerge account</h1>
  <p>Signed in as ${escapeHtml(userName)} (OpsMerge mock). It asks for:</p>
  <ul>${scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>
  <form method="post" action="${escapeHtml(action)}">
    ${hidden}
    <button type="submit" name="decision" value="approve">Approve</button>
    <button type="submit" name="decision" value="deny">Deny</button>
  </form>
</body></html>`;
  return new Response(html, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY' } });
}

/** Answers a request to `/oauth/authorize`. */
export async function handleAuthorize(server: OAuthServer, request: Request): Promise<Response> {
  let params: Map<string, string>;
  let decision: string | undefined;
  try {
    ({ params, decision } = await readParameters(request));
  } catch (error) {
    if (error instanceof OAuthFailure) return failureResponse(error);
    throw error;
  }
  const get = (name: Parameter) => params.get(name);

  // Not redirectable until the client and the redirect URI are known to belong together.
  const clientId = get('client_id');
  const client = clientId === undefined ? undefined : server.clients.find((c) => c.id === clientId);
  if (!client) return failureResponse(new OAuthFailure('invalid_request', clientId === undefined ? 'client_id is missing' : 'client_id names no registered client'));
  const redirectUri = get('redirect_uri');
  if (redirectUri === undefined) return failureResponse(new OAuthFailure('invalid_request', 'redirect_uri is missing'));
  if (!client.redirectUris.includes(redirectUri)) {
    return failureResponse(new OAuthFailure('invalid_request', 'redirect_uri is not registered for this client (it must match exactly)'));
  }

  const state = get('state');
  try {
    if (get('response_type') !== 'code') throw new RedirectedError('unsupported_response_type', 'only response_type=code is supported');
    const challenge = get('code_challenge');
    if (challenge === undefined) throw new RedirectedError('invalid_request', 'PKCE is required: send code_challenge and code_challenge_method=S256');
    if (get('code_challenge_method') !== 'S256') throw new RedirectedError('invalid_request', 'code_challenge_method must be S256');
    if (!S256_CHALLENGE.test(challenge)) throw new RedirectedError('invalid_request', 'code_challenge must be 43 base64url characters (an S256 digest)');
    const scopes = checkedScopes(get('scope'));
    const user = server.store.owner();
    if (user.status === 'deactivated') throw new RedirectedError('access_denied', 'the signed-in user is deactivated');

    if (server.grants.settings.consent && decision === undefined) {
      return consentPage(client, user.name, scopes, params, new URL(request.url).pathname);
    }
    if (decision !== undefined && decision !== 'approve') throw new RedirectedError('access_denied', 'the user denied the request');
    const code = server.grants.issueCode({ clientId: client.id, userId: user.id, scopes, redirectUri, challenge });
    return redirect(redirectUri, { code, state });
  } catch (error) {
    if (error instanceof RedirectedError) return redirect(redirectUri, { error: error.error, error_description: error.message, state });
    throw error;
  }
}
