/**
 * The OAuth clients the mock's authorization server knows, and its settings. Two test
 * clients are registered: a confidential one (with a secret: `client_secret_basic` or
 * `client_secret_post`) and a public one (PKCE only), both with the same redirect URI.
 */
import { sha256Hex } from '../store/sha256.js';

/** A registered OAuth client. */
export interface OAuthClient {
  /** The `client_id`. */
  readonly id: string;
  /** Shown on the consent page. */
  readonly name: string;
  /** The client secret of a confidential client; undefined for a public client. */
  readonly secret: string | undefined;
  /** Redirect URIs, matched exactly (RFC 6749 §3.1.2.3): no prefix, no wildcard, no open redirect. */
  readonly redirectUris: readonly string[];
}

/** Settings of the mock's OAuth 2.0 authorization server. */
export interface OAuthOptions {
  /**
   * Lifetime of an access token, in seconds (`expires_in`). Short, so that refresh is
   * exercised; the API answers 401 `TOKEN_EXPIRED` afterwards.
   * @default 900
   */
  readonly accessTokenTtlSeconds?: number;
  /** Lifetime of a refresh token, in seconds. @default 2_592_000 (30 days) */
  readonly refreshTokenTtlSeconds?: number;
  /** Lifetime of an authorization code, in seconds; a code also works only once. @default 60 */
  readonly codeTtlSeconds?: number;
  /**
   * Show a consent page (Approve / Deny) at `/oauth/authorize` instead of approving at once.
   * @default false
   */
  readonly consent?: boolean;
  /**
   * The redirect URIs registered for the two test clients.
   * @default ['http://127.0.0.1:8765/callback']
   */
  readonly redirectUris?: readonly string[];
}

/** The options with their defaults filled in. */
export type ResolvedOAuthOptions = Required<OAuthOptions>;

/** `client_id` of the confidential test client. */
export const CONFIDENTIAL_CLIENT_ID = 'mock-web-app';
/** `client_id` of the public (PKCE-only) test client. */
export const PUBLIC_CLIENT_ID = 'mock-native-app';
/** The test clients' redirect URI unless `redirectUris` says otherwise. */
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:8765/callback';

function checkSeconds(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > 10 * 365 * 86_400) throw new RangeError(`oauth.${name} must be a whole number of seconds from 1 to 10 years, got ${String(value)}`);
  return value;
}

function checkRedirectUri(uri: unknown): string {
  let url: URL;
  try {
    url = new URL(String(uri));
  } catch {
    throw new TypeError(`oauth.redirectUris: ${JSON.stringify(uri)} is not an absolute URL`);
  }
  if (url.hash !== '' || String(uri).includes('#')) throw new TypeError(`oauth.redirectUris: ${JSON.stringify(uri)} has a fragment (RFC 6749 §3.1.2)`);
  return String(uri);
}

/** Checks the options and fills in the defaults. */
export function resolveOAuthOptions(options: OAuthOptions = {}): ResolvedOAuthOptions {
  const redirectUris = (options.redirectUris ?? [DEFAULT_REDIRECT_URI]).map(checkRedirectUri);
  if (redirectUris.length === 0) throw new TypeError('oauth.redirectUris must name at least one URI');
  return {
    accessTokenTtlSeconds: checkSeconds('accessTokenTtlSeconds', options.accessTokenTtlSeconds, 900),
    refreshTokenTtlSeconds: checkSeconds('refreshTokenTtlSeconds', options.refreshTokenTtlSeconds, 30 * 86_400),
    codeTtlSeconds: checkSeconds('codeTtlSeconds', options.codeTtlSeconds, 60),
    consent: options.consent ?? false,
    redirectUris,
  };
}

/**
 * The two test clients. The confidential client's secret derives from the seed, like the
 * test key: the same seed prints the same secret.
 */
export function testClients(seed: number, redirectUris: readonly string[]): OAuthClient[] {
  return [
    { id: CONFIDENTIAL_CLIENT_ID, name: 'Mock web app', secret: `omcs_${sha256Hex(`oauth-client-secret:${seed}`).slice(0, 40)}`, redirectUris },
    { id: PUBLIC_CLIENT_ID, name: 'Mock native app', secret: undefined, redirectUris },
  ];
}
