/**
 * Enforces a key's IP allow-list (DESIGN.md "Keys"): a request from outside it gets 403
 * `IP_NOT_ALLOWED`. The address is the connection's, as the HTTP server's socket reports it;
 * a request MSW intercepts in-process has none and is not checked. @internal
 */
import { MockApiError } from '../pipeline/errors.js';
import type { MockRequest } from '../pipeline/mock-request.js';
import type { StoredApiKey } from '../store/types.js';
import { allowListContains, formatIp, parseIp } from './cidr.js';

/**
 * Throws 403 `IP_NOT_ALLOWED` unless the key has no allow-list or the request's address is on
 * it. A zone id (`fe80::1%eth0`) is dropped; an address that does not parse is refused.
 */
export function assertAddressAllowed(key: StoredApiKey, request: MockRequest): void {
  const list = key.ip_allow_list ?? [];
  if (list.length === 0 || request.remoteAddress === undefined) return;
  const address = parseIp(request.remoteAddress.replace(/%.*$/, ''));
  if (address !== null && allowListContains(list, address)) return;
  const shown = address === null ? 'an unknown address' : formatIp(address);
  throw new MockApiError('IP_NOT_ALLOWED', `Requests from ${shown} are not in this key's IP allow-list`);
}
