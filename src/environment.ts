import { ConfigurationError } from './errors/index.js';
import { servers } from '../generated/routes.js';

/** Production base URL (`om_live_` keys). */
export const PRODUCTION_URL: string = servers[0];
/** Sandbox base URL (`om_test_` keys). */
export const SANDBOX_URL: string = servers[1];

/** Which OpsMerge environment a key or URL belongs to. */
export type Environment = 'production' | 'sandbox';

const KEY = /^om_(live|test)_[0-9A-Za-z]{32}$/;

/**
 * The environment of an API key, from its prefix. Throws `ConfigurationError` for a malformed
 * key; the message describes the problem without echoing any part of the secret.
 */
export function keyEnvironment(key: string): Environment {
  const match = KEY.exec(key);
  if (match) return match[1] === 'live' ? 'production' : 'sandbox';
  let problem: string;
  if (key.trim() !== key) problem = 'it has leading or trailing white space (a copy-paste slip?)';
  else if (/^bearer\s/i.test(key)) problem = 'it starts with "Bearer " — pass the key alone, the SDK adds the scheme';
  else if (!/^om_(live|test)_/.test(key)) problem = 'it does not start with om_live_ or om_test_';
  else problem = `it has ${key.length - 8} characters after the prefix, expected 32 letters or digits`;
  return fail('apiKey', `The API key is malformed: ${problem}.`);
}

/** The environment a base URL points to, or undefined for any other host (a mock, a proxy). */
export function urlEnvironment(baseUrl: string): Environment | undefined {
  const normalized = baseUrl.replace(/\/+$/, '');
  if (normalized === PRODUCTION_URL) return 'production';
  if (normalized === SANDBOX_URL) return 'sandbox';
  return undefined;
}

/** The default base URL for a key: its environment's server. */
export function baseUrlForKey(key: string): string {
  return keyEnvironment(key) === 'production' ? PRODUCTION_URL : SANDBOX_URL;
}

/**
 * Refuses a key sent to the other environment's server (the API would answer 401
 * KEY_ENVIRONMENT_MISMATCH): fail before any I/O with a message naming the fix.
 */
export function assertKeyMatchesBaseUrl(key: string, baseUrl: string): void {
  const keyEnv = keyEnvironment(key);
  const urlEnv = urlEnvironment(baseUrl);
  if (urlEnv && urlEnv !== keyEnv) {
    const prefix = keyEnv === 'production' ? 'om_live_' : 'om_test_';
    const right = keyEnv === 'production' ? PRODUCTION_URL : SANDBOX_URL;
    fail('baseUrl', `An ${prefix} key works only on the ${keyEnv} server (${right}), but baseUrl is ${baseUrl}. Use the ${urlEnv} key or that server.`);
  }
}

/** True for localhost, 127.0.0.0/8 and ::1. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '::1';
}

/**
 * Credentials never travel over plain http to a remote host unless the caller opts in:
 * `allowInsecureHttp`. Loopback is always allowed (mocks, tests).
 */
export function assertSecureTransport(baseUrl: string, allowInsecureHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return fail('baseUrl', `baseUrl "${baseUrl}" is not an absolute URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail('baseUrl', `baseUrl must be an http(s) URL, got ${url.protocol}`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHttp) {
    fail('allowInsecureHttp', `Refusing to send credentials over plain http to ${url.host}. Use https, or set allowInsecureHttp: true if this is intended.`);
  }
  return url;
}

function fail(option: string, message: string): never {
  throw new ConfigurationError(message, { option });
}
