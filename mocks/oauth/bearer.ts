/**
 * OAuth access tokens on the API: `Authorization: Bearer omat_…` authenticates as the user
 * who authorised the grant, with exactly the token's scopes. A revoked token (or one of a
 * revoked grant) gets 401 `TOKEN_REVOKED`, an expired one 401 `TOKEN_EXPIRED`. @internal
 */
import { toTimestamp } from '../clock.js';
import { MockApiError } from '../pipeline/errors.js';
import type { MockStore } from '../store/store.js';
import type { StoredApiKey } from '../store/types.js';

/** The client and grant behind a request authenticated with an access token. */
export interface OAuthPrincipal {
  readonly clientId: string;
  readonly grantId: string;
}

/**
 * The credential record the pipeline uses for an access token: the grant's id names the
 * rate-limit budget and idempotency keys, the token's scopes are checked like a key's.
 * Null when `token` is no access token the server issued.
 */
export function authenticateAccessToken(store: MockStore, token: string): { key: StoredApiKey; oauth: OAuthPrincipal } | null {
  const found = store.oauth.lookupAccessToken(token);
  if (found === null) return null;
  if (found.status !== 'active') {
    throw found.status === 'revoked'
      ? new MockApiError('TOKEN_REVOKED', 'This OAuth access token was revoked; refresh it if the grant still holds, else authorise again')
      : new MockApiError('TOKEN_EXPIRED', 'This OAuth access token has expired; refresh it');
  }
  const { grant } = found;
  const key: StoredApiKey = {
    id: grant.id,
    user_id: grant.userId,
    name: `OAuth grant of ${grant.clientId}`,
    key_prefix: 'om_test_',
    last4: token.slice(-4),
    scopes: [...found.scopes],
    status: 'active',
    ip_allow_list: [],
    expires_at: toTimestamp(new Date(found.expiresAt)),
    last_used_at: null,
    requests_today: 0,
    requests_month: 0,
    created_at: store.nowIso(),
    revoked_at: null,
    secret_hash: '',
    revoke_at: null,
  };
  return { key, oauth: { clientId: grant.clientId, grantId: grant.id } };
}
