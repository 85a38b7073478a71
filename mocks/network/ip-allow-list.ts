/**
 * Enforces a key's IP allow-list (DESIGN.md "Keys"): a request from outside it gets 403
 * `IP_NOT_ALLOWED`. The address is the connection's, as the HTTP server recorded it; a
 * request MSW intercepts in-process has none and is not checked. @internal
 */
import { MockApiError } from '../pipeline/errors.js';
import type { StoredApiKey } from '../store/types.js';
import { allowListContains, formatIp } from './cidr.js';
import { clientAddressOf } from './client-address.js';

/** Throws 403 `IP_NOT_ALLOWED` unless the key has no allow-list or the request's address is on it. */
export function assertAddressAllowed(key: StoredApiKey, request: Request): void {
  const list = key.ip_allow_list ?? [];
  if (list.length === 0) return;
  const address = clientAddressOf(request);
  if (address === undefined || allowListContains(list, address)) return;
  throw new MockApiError('IP_NOT_ALLOWED', `Requests from ${formatIp(address)} are not in this key's IP allow-list`);
}
