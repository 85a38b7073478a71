/**
 * The address a request came from, for IP allow-lists. MSW hands resolvers the very
 * `Request` the HTTP server passed to `getResponse`, so the server records the socket's
 * address against that object; requests MSW intercepts in-process have none, and the
 * allow-list is then not enforced (there is no peer to check).
 */
import { parseIp, type IpAddress } from './cidr.js';

const addresses = new WeakMap<Request, IpAddress>();

/**
 * Records the peer address of a request (`socket.remoteAddress`). A zone id
 * (`fe80::1%eth0`) is dropped; an address that does not parse is not recorded.
 */
export function setClientAddress(request: Request, remoteAddress: string | undefined): void {
  const ip = remoteAddress === undefined ? null : parseIp(remoteAddress.replace(/%.*$/, ''));
  if (ip) addresses.set(request, ip);
}

/** The peer address of a request the HTTP server received, or undefined in-process. */
export function clientAddressOf(request: Request): IpAddress | undefined {
  return addresses.get(request);
}
