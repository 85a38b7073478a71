/**
 * The authorization server's state: authorization codes, grants, access and refresh tokens.
 * Only SHA-256 hashes of codes and tokens are kept, as with API keys.
 *
 * - A code works once, for `codeTtlSeconds`, for the client, redirect URI and PKCE
 *   challenge it was issued with. Redeeming it twice revokes what the first redemption
 *   issued (RFC 6749 §4.1.2).
 * - A grant is one user's consent for one client: the family of tokens a code starts.
 * - Refresh rotates: the old refresh token stops working, and presenting it again (a
 *   replay — someone holds a copy) revokes the whole grant (RFC 6819 §5.2.2.3).
 * - Revoking a refresh token revokes its grant; revoking an access token revokes only it.
 *
 * Time is the mock's rate-limit clock (`epochMs`: real time plus `advanceTime`), so advancing
 * the clock expires tokens as a client measuring `expires_in` would expect. @internal
 */
import type { Scope } from '@opsmerge/sdk';
import { sha256Hex } from '../store/sha256.js';
import type { ResolvedOAuthOptions } from './clients.js';
import { randomSecret } from './secrets.js';

/** What a successful token request returns. */
export interface IssuedTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresInSeconds: number;
  readonly scopes: readonly Scope[];
}

/** A refused token request: RFC 6749 §5.2's `invalid_grant` or `invalid_scope`. */
export interface GrantRefusal {
  readonly error: 'invalid_grant' | 'invalid_scope';
  readonly description: string;
}

/** One user's consent for one client. */
export interface GrantRecord {
  /** `oag_…`: names the grant's rate-limit budget and idempotency keys. */
  readonly id: string;
  readonly clientId: string;
  readonly userId: string;
  readonly scopes: readonly Scope[];
  revoked: boolean;
}

interface CodeRecord {
  readonly clientId: string;
  readonly userId: string;
  readonly scopes: readonly Scope[];
  readonly redirectUri: string;
  readonly challenge: string;
  readonly expiresAt: number;
  /** The grant its redemption started; null until redeemed. */
  grantId: string | null;
  used: boolean;
}

interface AccessTokenRecord {
  readonly grantId: string;
  readonly scopes: readonly Scope[];
  readonly expiresAt: number;
  revoked: boolean;
}

interface RefreshTokenRecord {
  readonly grantId: string;
  readonly expiresAt: number;
  state: 'active' | 'rotated' | 'revoked';
}

/** What a request's bearer token is, as far as the authorization server knows. */
export type AccessTokenLookup =
  | { readonly status: 'active'; readonly grant: GrantRecord; readonly scopes: readonly Scope[]; readonly expiresAt: number }
  | { readonly status: 'expired' | 'revoked' }
  | null;

/** What revoking a token did (RFC 7009: the caller answers 200 unless `other-client`). */
export type RevocationResult = 'revoked' | 'unknown' | 'other-client';

/** What a code is issued for. */
export interface CodeRequest {
  readonly clientId: string;
  readonly userId: string;
  readonly scopes: readonly Scope[];
  readonly redirectUri: string;
  readonly challenge: string;
}

// Expired records are forgotten a day after they expire: long enough to answer
// TOKEN_EXPIRED rather than UNAUTHORIZED, short enough to bound memory in long runs.
const FORGET_AFTER_MS = 86_400_000;
const ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function grantId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return `oag_${[...bytes].map((b) => ID_ALPHABET[b % 32]).join('')}`;
}

/** The authorization server's codes, grants and tokens. */
export class OAuthGrants {
  readonly #settings: ResolvedOAuthOptions;
  readonly #epochMs: () => number;
  readonly #codes = new Map<string, CodeRecord>();
  readonly #grants = new Map<string, GrantRecord>();
  readonly #accessTokens = new Map<string, AccessTokenRecord>();
  readonly #refreshTokens = new Map<string, RefreshTokenRecord>();

  constructor(settings: ResolvedOAuthOptions, epochMs: () => number) {
    this.#settings = settings;
    this.#epochMs = epochMs;
  }

  /** The server's settings (lifetimes, consent, redirect URIs). */
  get settings(): ResolvedOAuthOptions {
    return this.#settings;
  }

  /** Issues a single-use authorization code. */
  issueCode(request: CodeRequest): string {
    this.#forgetExpired();
    const code = randomSecret('omac_', 32);
    this.#codes.set(sha256Hex(code), { ...request, expiresAt: this.#epochMs() + this.#settings.codeTtlSeconds * 1000, grantId: null, used: false });
    return code;
  }

  /**
   * Redeems a code (RFC 6749 §4.1.3, RFC 7636 §4.6). Any redemption attempt uses the code up,
   * so a wrong verifier cannot be retried until it fits.
   */
  redeemCode(input: { code: string; clientId: string; redirectUri: string; challengeOfVerifier: string }): IssuedTokens | GrantRefusal {
    const record = this.#codes.get(sha256Hex(input.code));
    const refuse = (description: string): GrantRefusal => ({ error: 'invalid_grant', description });
    if (!record) return refuse('the authorization code is unknown');
    if (record.used) {
      if (record.grantId !== null) this.#revokeGrant(record.grantId);
      return refuse('the authorization code was already used; the tokens it gave were revoked');
    }
    record.used = true;
    if (this.#epochMs() >= record.expiresAt) return refuse(`the authorization code expired (codes live ${this.#settings.codeTtlSeconds} s)`);
    if (record.clientId !== input.clientId) return refuse('the authorization code was issued to another client');
    if (record.redirectUri !== input.redirectUri) return refuse('redirect_uri differs from the one of the authorization request');
    if (record.challenge !== input.challengeOfVerifier) return refuse('code_verifier does not match the code_challenge (PKCE S256)');
    const grant: GrantRecord = { id: grantId(), clientId: record.clientId, userId: record.userId, scopes: record.scopes, revoked: false };
    this.#grants.set(grant.id, grant);
    record.grantId = grant.id;
    return this.#issue(grant, grant.scopes);
  }

  /**
   * Refreshes (RFC 6749 §6) with rotation. `scopes` may narrow the new access token; the
   * new refresh token keeps the grant's scopes.
   */
  refresh(input: { refreshToken: string; clientId: string; scopes: readonly Scope[] | undefined }): IssuedTokens | GrantRefusal {
    const record = this.#refreshTokens.get(sha256Hex(input.refreshToken));
    const refuse = (description: string): GrantRefusal => ({ error: 'invalid_grant', description });
    if (!record) return refuse('the refresh token is unknown');
    const grant = this.#grants.get(record.grantId);
    if (!grant || grant.revoked || record.state === 'revoked') return refuse('the refresh token was revoked');
    if (grant.clientId !== input.clientId) return refuse('the refresh token was issued to another client');
    if (record.state === 'rotated') {
      this.#revokeGrant(grant.id);
      return refuse('the refresh token was already used (tokens rotate); every token of this grant is now revoked');
    }
    if (this.#epochMs() >= record.expiresAt) return refuse('the refresh token expired');
    const wider = (input.scopes ?? []).filter((scope) => !grant.scopes.includes(scope) && !grant.scopes.includes('admin'));
    if (wider.length > 0) return { error: 'invalid_scope', description: `the grant does not include ${wider.join(', ')}` };
    record.state = 'rotated';
    return this.#issue(grant, input.scopes && input.scopes.length > 0 ? input.scopes : grant.scopes);
  }

  /** Revokes a token of `clientId` (RFC 7009): a refresh token takes its grant with it. */
  revoke(token: string, clientId: string): RevocationResult {
    const hash = sha256Hex(token);
    const refresh = this.#refreshTokens.get(hash);
    const access = refresh ? undefined : this.#accessTokens.get(hash);
    const grant = this.#grants.get(refresh?.grantId ?? access?.grantId ?? '');
    if (!grant) return 'unknown';
    if (grant.clientId !== clientId) return 'other-client';
    if (refresh) this.#revokeGrant(grant.id);
    else if (access) access.revoked = true;
    return 'revoked';
  }

  /** What a bearer token is: active (with its grant and scopes), expired, revoked, or unknown (null). */
  lookupAccessToken(token: string): AccessTokenLookup {
    const record = this.#accessTokens.get(sha256Hex(token));
    if (!record) return null;
    const grant = this.#grants.get(record.grantId);
    if (!grant || grant.revoked || record.revoked) return { status: 'revoked' };
    if (this.#epochMs() >= record.expiresAt) return { status: 'expired' };
    return { status: 'active', grant, scopes: record.scopes, expiresAt: record.expiresAt };
  }

  /** Forgets every code, grant and token. */
  reset(): void {
    this.#codes.clear();
    this.#grants.clear();
    this.#accessTokens.clear();
    this.#refreshTokens.clear();
  }

  #issue(grant: GrantRecord, scopes: readonly Scope[]): IssuedTokens {
    this.#forgetExpired();
    const now = this.#epochMs();
    const accessToken = randomSecret('omat_');
    const refreshToken = randomSecret('omrt_');
    this.#accessTokens.set(sha256Hex(accessToken), { grantId: grant.id, scopes, expiresAt: now + this.#settings.accessTokenTtlSeconds * 1000, revoked: false });
    this.#refreshTokens.set(sha256Hex(refreshToken), { grantId: grant.id, expiresAt: now + this.#settings.refreshTokenTtlSeconds * 1000, state: 'active' });
    return { accessToken, refreshToken, expiresInSeconds: this.#settings.accessTokenTtlSeconds, scopes };
  }

  #revokeGrant(id: string): void {
    const grant = this.#grants.get(id);
    if (grant) grant.revoked = true;
    for (const record of this.#refreshTokens.values()) if (record.grantId === id) record.state = 'revoked';
  }

  #forgetExpired(): void {
    const horizon = this.#epochMs() - FORGET_AFTER_MS;
    for (const [hash, record] of this.#codes) if (record.expiresAt < horizon) this.#codes.delete(hash);
    for (const [hash, record] of this.#accessTokens) if (record.expiresAt < horizon) this.#accessTokens.delete(hash);
    for (const [hash, record] of this.#refreshTokens) if (record.expiresAt < horizon) this.#refreshTokens.delete(hash);
  }
}
