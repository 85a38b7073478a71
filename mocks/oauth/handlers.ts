/**
 * The authorization server as MSW handlers: `/oauth/authorize`, `/oauth/token` and
 * `/oauth/revoke` on each origin given (the HTTP mock's own origin, or the spec's
 * `https://auth.opsmerge.cloud` for the default base URLs, which the SDK's OAuth helpers
 * use unless told otherwise). @internal
 */
import { http, type HttpHandler } from 'msw';
import { SERVERS } from '../pipeline/environment.js';
import { handleAuthorize, type OAuthServer } from './authorize-endpoint.js';
import { oauthJson } from './form.js';
import { handleRevoke, handleToken } from './token-endpoint.js';

/** The authorization server of the spec's OAuth2 security scheme. */
export const AUTH_SERVER_ORIGIN = 'https://auth.opsmerge.cloud';

/** Where the OAuth endpoints live for these API base URLs: the spec's server, or the mock's own origin. */
export function oauthOrigins(baseUrls: readonly string[]): string[] {
  const servers: readonly string[] = Object.values(SERVERS);
  const origins = baseUrls.map((raw) => {
    const base = raw.replace(/\/+$/, '');
    if (base === '*') return '*';
    return servers.includes(base) ? AUTH_SERVER_ORIGIN : new URL(base).origin;
  });
  return [...new Set(origins)];
}

/** The authorization server's handlers on each origin. */
export function oauthHandlers(origins: readonly string[], server: OAuthServer): HttpHandler[] {
  return origins.flatMap((origin) => [
    http.all(`${origin}/oauth/authorize`, ({ request }) => handleAuthorize(server, request)),
    http.all(`${origin}/oauth/token`, ({ request }) => handleToken(server, request)),
    http.all(`${origin}/oauth/revoke`, ({ request }) => handleRevoke(server, request)),
    http.all(`${origin}/oauth/*`, () => oauthJson({ error: 'invalid_request', error_description: 'no such endpoint: the authorization server has /oauth/authorize, /oauth/token and /oauth/revoke' }, 404)),
  ]);
}
