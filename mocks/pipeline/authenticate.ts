/**
 * Who is calling: the key must exist, match the environment, be neither revoked nor
 * expired, and belong to an active user of an organisation with API access.
 */
import type { Role, User } from '@opsmerge/sdk';
import { toDateString } from '../clock.js';
import { environmentOfPrefix } from '../store/keys.js';
import type { MockStore } from '../store/store.js';
import type { Environment, StoredApiKey } from '../store/types.js';
import { readCredential } from './credentials.js';
import { SERVERS } from './environment.js';
import { MockApiError } from './errors.js';
import type { MockRequest } from './mock-request.js';

/** The authenticated caller. */
export interface Principal {
  readonly key: StoredApiKey;
  readonly user: User;
  readonly role: Role | undefined;
  readonly environment: Environment;
}

/** Authenticates a request or throws the 401/403 the API would answer. */
export function authenticate(store: MockStore, request: MockRequest, url: URL, environment: Environment): Principal {
  const credential = readCredential(request, url);
  if (!credential) {
    throw new MockApiError('UNAUTHORIZED', 'Missing API key: send it as Authorization: Bearer om_…');
  }
  const prefix = /^om_(live|test)_/.exec(credential.key)?.[0];
  if (prefix && environmentOfPrefix(prefix) !== environment) {
    throw new MockApiError(
      'KEY_ENVIRONMENT_MISMATCH',
      `${prefix} keys work only on the ${environmentOfPrefix(prefix)} server (${SERVERS[environmentOfPrefix(prefix)]})`,
    );
  }
  const key = store.findKeyBySecret(credential.key);
  if (!key) throw new MockApiError('UNAUTHORIZED', 'Missing or invalid API key');
  if (key.status === 'revoked') throw new MockApiError('KEY_REVOKED', 'This API key was revoked');
  if (key.status === 'expired') {
    throw new MockApiError('KEY_EXPIRED', `This API key expired on ${key.expires_at ? toDateString(new Date(key.expires_at)) : 'an earlier date'}`);
  }
  const user = store.user(key.user_id);
  if (!user || user.status === 'deactivated') {
    throw new MockApiError('OWNER_DEACTIVATED', 'The owner of this API key was deactivated, so the key stopped working');
  }
  if (!store.data.organisation.api_access_enabled) {
    throw new MockApiError('API_ACCESS_DISABLED', 'API access is not enabled for this organisation');
  }
  return { key, user, role: store.role(user.role_id), environment };
}

/** Counts a request against the key's usage (`last_used_at`, `requests_today`, `requests_month`). */
export function recordUsage(store: MockStore, key: StoredApiKey): void {
  const now = store.nowIso();
  const previous = key.last_used_at;
  if (previous === null || previous.slice(0, 10) !== now.slice(0, 10)) key.requests_today = 0;
  if (previous === null || previous.slice(0, 7) !== now.slice(0, 7)) key.requests_month = 0;
  key.requests_today += 1;
  key.requests_month += 1;
  key.last_used_at = now;
}
