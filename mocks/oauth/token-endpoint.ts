/**
 * `/oauth/token` (RFC 6749 §4.1.3, §6; RFC 7636 §4.5) and `/oauth/revoke` (RFC 7009): form
 * POSTs with client authentication, answered in JSON with `Cache-Control: no-store`. @internal
 */
import type { Scope } from '@opsmerge/sdk';
import { isScope } from '../scopes.js';
import type { OAuthServer } from './authorize-endpoint.js';
import { OAuthFailure, authenticateClient, failureResponse, oauthJson, readForm, required, NO_STORE } from './form.js';
import type { GrantRefusal, IssuedTokens } from './grants.js';
import { CODE_VERIFIER, s256Challenge } from './pkce.js';

function narrowing(scope: string | undefined): Scope[] | undefined {
  if (scope === undefined) return undefined;
  const asked = [...new Set(scope.split(' ').filter((s) => s !== ''))];
  const unknown = asked.filter((s) => !isScope(s));
  if (unknown.length > 0) throw new OAuthFailure('invalid_scope', `unknown scope ${unknown.join(', ')}`);
  return asked as Scope[];
}

function answer(result: IssuedTokens | GrantRefusal): Response {
  if ('error' in result) throw new OAuthFailure(result.error, result.description);
  return oauthJson({
    access_token: result.accessToken,
    token_type: 'Bearer',
    expires_in: result.expiresInSeconds,
    refresh_token: result.refreshToken,
    scope: result.scopes.join(' '),
  });
}

async function token(server: OAuthServer, request: Request): Promise<Response> {
  const params = await readForm(request);
  const client = authenticateClient(request, params, server.clients);
  const grantType = required(params, 'grant_type');
  if (grantType === 'authorization_code') {
    const code = required(params, 'code');
    const redirectUri = required(params, 'redirect_uri');
    const verifier = required(params, 'code_verifier');
    if (!CODE_VERIFIER.test(verifier)) throw new OAuthFailure('invalid_request', 'code_verifier must be 43–128 characters of A–Z, a–z, 0–9, "-", ".", "_", "~" (RFC 7636 §4.1)');
    return answer(server.grants.redeemCode({ code, clientId: client.id, redirectUri, challengeOfVerifier: s256Challenge(verifier) }));
  }
  if (grantType === 'refresh_token') {
    return answer(server.grants.refresh({ refreshToken: required(params, 'refresh_token'), clientId: client.id, scopes: narrowing(params.get('scope')) }));
  }
  throw new OAuthFailure('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
}

async function revoke(server: OAuthServer, request: Request): Promise<Response> {
  const params = await readForm(request);
  const client = authenticateClient(request, params, server.clients);
  // RFC 7009 §2.1: the hint only speeds up the lookup; every token type is searched anyway.
  const result = server.grants.revoke(required(params, 'token'), client.id);
  if (result === 'other-client') throw new OAuthFailure('invalid_grant', 'the token was issued to another client');
  // RFC 7009 §2.2: 200 also for an unknown or already invalid token.
  return new Response(null, { status: 200, headers: { ...NO_STORE } });
}

function endpoint(run: (server: OAuthServer, request: Request) => Promise<Response>) {
  return async (server: OAuthServer, request: Request): Promise<Response> => {
    try {
      return await run(server, request);
    } catch (error) {
      if (error instanceof OAuthFailure) return failureResponse(error);
      throw error;
    }
  };
}

/** Answers a request to `/oauth/token`. */
export const handleToken = endpoint(token);

/** Answers a request to `/oauth/revoke`. */
export const handleRevoke = endpoint(revoke);
