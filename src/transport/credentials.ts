import { baseUrlForKey, assertKeyMatchesBaseUrl, keyEnvironment } from '../environment.js';
import { ConfigurationError } from '../errors/index.js';
import type { SecretRegistry } from '../internal/logger.js';
import type { ApiKeyInput, TokenSource } from '../options.js';
import type { CallContext, Next, OutgoingRequest, Policy, ResolvedCredential } from './types.js';

/** Where credentials come from: an API key (or key provider), or OAuth tokens. */
export interface CredentialSource {
  resolve(signal: AbortSignal | undefined): Promise<ResolvedCredential>;
  /**
   * The credential, when it is already resolved and cannot change (a key given as a string,
   * once checked and hashed): the policy then uses it without waiting for a promise.
   */
  readonly current?: () => ResolvedCredential | undefined;
  /**
   * After a 401 for `rejected`: the credential to replay the request with once, or undefined
   * to give up (see {@link TokenSource.handleUnauthorized}). Only token sources have one.
   */
  readonly unauthorized?: (rejected: string) => Promise<string | undefined>;
}

const ids = new Map<string, string>();

/** A stable, non-reversible name for a key: the first 16 hex digits of its SHA-256. */
export async function credentialId(secret: string): Promise<string> {
  const cached = ids.get(secret);
  if (cached) return cached;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret)));
  const id = [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
  if (ids.size > 64) ids.clear();
  ids.set(secret, id);
  return id;
}

/** The credentials of an API key: a string (checked and hashed once) or a function asked before every attempt. */
export function apiKeySource(input: ApiKeyInput, secrets: SecretRegistry): CredentialSource {
  const resolveKey = async (): Promise<ResolvedCredential> => {
    let key: unknown;
    try {
      key = typeof input === 'function' ? await input() : input;
    } catch (cause) {
      throw new ConfigurationError('The apiKey provider function threw; no request was sent.', { option: 'apiKey', cause });
    }
    if (typeof key !== 'string' || key === '') {
      throw new ConfigurationError(`The apiKey provider returned ${key === '' ? 'an empty string' : typeof key}, expected an om_live_ or om_test_ key.`, { option: 'apiKey' });
    }
    if (key.length > 8) secrets.add(key);
    keyEnvironment(key); // throws ConfigurationError for a malformed key, before any I/O
    return { kind: 'key', value: key, id: `key:${await credentialId(key)}` };
  };
  if (typeof input !== 'string') return { resolve: resolveKey };
  // A key given as a string is the same credential on every attempt: check and hash it once,
  // then hand it out as is.
  let fixed: Promise<ResolvedCredential> | undefined;
  let settled: ResolvedCredential | undefined;
  return {
    resolve: () =>
      (fixed ??= resolveKey().then((credential) => {
        settled = credential;
        return credential;
      })),
    current: () => settled,
  };
}

/** RFC 6750's `b64token`: what an `Authorization: Bearer` header can carry. */
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * A token from the source, checked before it goes into a header (where anything else fails
 * inside `fetch` with a raw `TypeError`, after the call began). The token is never echoed.
 */
function checkedToken(token: unknown, method: string): string {
  if (typeof token === 'string' && BEARER_TOKEN.test(token)) return token;
  const what = typeof token !== 'string' ? typeof token : token === '' ? 'an empty string' : 'a string that is not an RFC 6750 bearer token (letters, digits and -._~+/ only)';
  throw new ConfigurationError(`oauth.tokens.${method}() gave ${what}; no request was sent with it.`, { option: 'oauth.tokens' });
}

/** The credentials of OAuth: the token source's current access token, refreshed when due. */
export function oauthSource(tokens: TokenSource, secrets: SecretRegistry, clientId: string): CredentialSource {
  const source: CredentialSource = {
    async resolve(signal) {
      const token = checkedToken(await tokens.getAccessToken(signal), 'getAccessToken');
      secrets.add(token);
      return { kind: 'oauth', value: token, id: `oauth:${clientId}` };
    },
  };
  if (typeof tokens.handleUnauthorized !== 'function') return source;
  return {
    ...source,
    unauthorized: async (rejected) => {
      const fresh = await tokens.handleUnauthorized?.(rejected);
      if (fresh === undefined) return undefined;
      const token = checkedToken(fresh, 'handleUnauthorized');
      secrets.add(token);
      return token;
    },
  };
}

/**
 * Resolves the credential for each attempt (a key provider is asked again, so rotation works
 * mid-retry) and checks it against the environment before any I/O: an om_test_ key never goes
 * to production, nor om_live_ to the sandbox. With no explicit baseUrl and a key provider, the
 * key's prefix picks the server.
 */
export function credentialsPolicy(source: CredentialSource, baseUrl: { url: string; fromKey: boolean }): Policy {
  // Both checks depend only on the key (the base URL is fixed): remember the last key that passed.
  let checkedKey: string | undefined;
  let keyServer: { key: string; url: URL } | undefined;
  const place = (credential: ResolvedCredential, request: OutgoingRequest): OutgoingRequest => {
    if (credential.kind !== 'key') return request;
    if (!baseUrl.fromKey) {
      if (checkedKey !== credential.value) {
        assertKeyMatchesBaseUrl(credential.value, baseUrl.url);
        checkedKey = credential.value;
      }
      return request;
    }
    if (keyServer?.key !== credential.value) keyServer = { key: credential.value, url: new URL(baseUrlForKey(credential.value)) };
    const target = keyServer.url;
    if (target.origin === request.url.origin) return request;
    return { ...request, url: new URL(request.url.pathname + request.url.search, target) };
  };
  return {
    name: 'credentials',
    send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response> {
      const held = source.current?.();
      if (held) {
        const outgoing = place(held, request); // a throw here becomes the call's rejection (composePolicies)
        context.credential = held;
        return next(outgoing, context);
      }
      return source.resolve(context.signal).then((credential) => {
        const outgoing = place(credential, request);
        context.credential = credential;
        return next(outgoing, context);
      });
    },
  };
}
