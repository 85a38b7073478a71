/**
 * The authorization server as a {@link ServerRoute} under `/oauth/`: `/oauth/authorize` (GET,
 * and POST from the consent page), `/oauth/token` and `/oauth/revoke` (POST). The HTTP mock
 * mounts it on its own origin; in-process, MSW serves it on each origin of
 * {@link oauthOrigins} (the spec's `https://auth.opsmerge.cloud` for the default base URLs,
 * which the SDK's OAuth helpers use unless told otherwise).
 *
 * The HTTP layer answers as the API does (404, 405 with `Allow`, 413, in the error envelope);
 * the endpoints' own errors keep the RFC 6749 §5.2 form `{"error", "error_description"}`.
 * Every answer carries `X-Request-Id`. @internal
 */
import type { ProtocolDeps } from '../pipeline/protocol.js';
import { SERVERS } from '../pipeline/environment.js';
import { endpointRoute, type ServerRoute } from '../server-route.js';
import { handleAuthorize, type OAuthServer } from './authorize-endpoint.js';
import { handleRevoke, handleToken } from './token-endpoint.js';

/** The authorization server of the spec's OAuth2 security scheme. */
export const AUTH_SERVER_ORIGIN = 'https://auth.opsmerge.cloud';

/** The path prefix of the authorization server's endpoints. */
export const OAUTH_PREFIX = '/oauth/';

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

/** The authorization server's route. */
export function oauthRoute(server: OAuthServer, deps: ProtocolDeps): ServerRoute {
  const authorize = (request: Request) => handleAuthorize(server, request);
  return endpointRoute(
    OAUTH_PREFIX,
    {
      '/authorize': { GET: authorize, POST: authorize },
      '/token': { POST: (request) => handleToken(server, request) },
      '/revoke': { POST: (request) => handleRevoke(server, request) },
    },
    deps,
  );
}
