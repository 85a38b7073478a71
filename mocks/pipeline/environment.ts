/** Which environment a request URL belongs to. */
import type { Environment } from '../store/types.js';

/** The API's servers (DESIGN.md "Servers"). */
export const SERVERS: Readonly<Record<Environment, string>> = {
  production: 'https://app.opsmerge.cloud/api',
  sandbox: 'https://sandbox.opsmerge.cloud/api',
};

/**
 * The environment of a request: the production or sandbox server by URL; any other base
 * URL (loopback, staging) is the mock's configured `fallback`.
 */
export function environmentOf(url: URL, fallback: Environment): Environment {
  const href = `${url.origin}${url.pathname}`;
  if (href.startsWith(`${SERVERS.production}/`)) return 'production';
  if (href.startsWith(`${SERVERS.sandbox}/`)) return 'sandbox';
  return fallback;
}
