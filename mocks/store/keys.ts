/**
 * API key records: making one (the secret is returned once and only its hash is kept),
 * the listed view, and the state a key is in at a given time. @internal
 */
import type { ApiKey, Scope } from '@opsmerge/sdk';
import { toTimestamp } from '../clock.js';
import type { IdFactory } from './ids.js';
import { sha256Hex } from './sha256.js';
import type { Environment, StoredApiKey } from './types.js';

/** Prefix of a key of an environment. */
export function keyPrefix(environment: Environment): 'om_live_' | 'om_test_' {
  return environment === 'production' ? 'om_live_' : 'om_test_';
}

/** Environment of a key prefix. */
export function environmentOfPrefix(prefix: string): Environment {
  return prefix === 'om_live_' ? 'production' : 'sandbox';
}

/** What a new key needs. */
export interface NewKeyInput {
  name: string;
  userId: string;
  scopes: readonly Scope[];
  environment: Environment;
  createdAt: string;
  expiresAt?: string | null;
  ipAllowList?: readonly string[];
  /** The full key to use instead of a random one (its prefix must match `environment`). */
  key?: string;
}

/** The shape of a full API key: `om_live_` or `om_test_` and 32 letters and digits. */
export const API_KEY_SHAPE = /^om_(live|test)_[0-9a-zA-Z]{32}$/;

/** Makes a key: the full secret (shown once) and the record the store keeps. */
export function makeApiKey(ids: IdFactory, input: NewKeyInput): { key: string; record: StoredApiKey } {
  const prefix = keyPrefix(input.environment);
  const key = input.key ?? `${prefix}${ids.secret(32)}`;
  if (!API_KEY_SHAPE.test(key) || !key.startsWith(prefix)) throw new TypeError(`a ${input.environment} key is ${prefix} and 32 letters and digits`);
  const record: StoredApiKey = {
    id: ids.next('key'),
    user_id: input.userId,
    name: input.name,
    key_prefix: prefix,
    last4: key.slice(-4),
    scopes: [...input.scopes],
    status: 'active',
    ip_allow_list: [...(input.ipAllowList ?? [])],
    expires_at: input.expiresAt ?? null,
    last_used_at: null,
    requests_today: 0,
    requests_month: 0,
    created_at: input.createdAt,
    revoked_at: null,
    secret_hash: sha256Hex(key),
    revoke_at: null,
  };
  return { key, record };
}

/**
 * Brings a key's `status` up to date at `now`: a scheduled revocation (rotation with a
 * grace period) takes effect, and a key past `expires_at` becomes `expired`.
 */
export function settleKey(record: StoredApiKey, now: Date): void {
  if (record.status === 'revoked') return;
  if (record.revoke_at !== null && new Date(record.revoke_at).getTime() <= now.getTime()) {
    record.status = 'revoked';
    record.revoked_at = record.revoke_at;
    record.revoke_at = null;
    return;
  }
  if (record.expires_at !== null && new Date(record.expires_at).getTime() <= now.getTime()) record.status = 'expired';
}

/** The key as the API lists it: never the secret or its hash. */
export function apiKeyView(record: StoredApiKey): ApiKey {
  const { secret_hash: _hash, revoke_at: _revokeAt, ...view } = record;
  return view;
}

/** Revokes a key at `now`. */
export function revokeKey(record: StoredApiKey, now: Date): void {
  record.status = 'revoked';
  record.revoked_at = toTimestamp(now);
  record.revoke_at = null;
}
