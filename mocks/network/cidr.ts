/**
 * IP addresses and CIDR blocks, IPv4 and IPv6, as pure functions: parsing (strict: no
 * leading zeros in IPv4 octets, no zone ids, at most one `::`), RFC 5952 formatting, and
 * the containment test behind the mock's IP allow-lists.
 *
 * IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`, RFC 4291 §2.5.5.2) are what a dual-stack
 * socket reports for an IPv4 client, so containment treats them as the IPv4 address they
 * carry: `127.0.0.0/8` contains `::ffff:127.0.0.1`, and `::ffff:0:0/96` contains `127.0.0.1`.
 */

/** An IP address: its version and its 32 (IPv4) or 128 (IPv6) bits as an unsigned integer. */
export interface IpAddress {
  readonly version: 4 | 6;
  readonly value: bigint;
}

/** A CIDR block: a network (host bits cleared) and a prefix length. */
export interface Cidr {
  readonly version: 4 | 6;
  readonly network: bigint;
  readonly prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;
const MAPPED_PREFIX = 0xffffn << 32n; // ::ffff:0:0/96
const IPV4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const PREFIX = /^(0|[1-9]\d{0,2})$/;
// Longer than any textual address (45 for IPv6 with an embedded IPv4, plus a prefix):
// hostile input is refused before any splitting.
const MAX_TEXT = 64;

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!IPV4_OCTET.test(part)) return null;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseGroups(text: string): bigint[] | null {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: bigint[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === null) return null;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (HEX_GROUP.test(part)) {
      groups.push(BigInt(`0x${part}`));
    } else {
      return null;
    }
  }
  return groups;
}

function parseIpv6(text: string): bigint | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0]!);
  const tail = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (head === null || tail === null) return null;
  // An embedded IPv4 address may only end the address.
  if (halves.length === 2 && halves[0]!.includes('.')) return null;
  const explicit = head.length + tail.length;
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return null;
  const groups = [...head, ...Array<bigint>(8 - explicit).fill(0n), ...tail];
  return groups.reduce((value, group) => (value << 16n) | group, 0n);
}

/** Parses an IPv4 (`203.0.113.7`) or IPv6 (`2001:db8::1`, `::ffff:127.0.0.1`) address; null when it is not one. */
export function parseIp(text: string): IpAddress | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT) return null;
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === null ? null : { version: 6, value };
  }
  const value = parseIpv4(text);
  return value === null ? null : { version: 4, value };
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** The address in its canonical text form (RFC 5952 for IPv6, mapped IPv4 as `::ffff:a.b.c.d`). */
export function formatIp(ip: IpAddress): string {
  if (ip.version === 4) return formatIpv4(ip.value);
  if (ip.value >> 32n === 0xffffn) return `::ffff:${formatIpv4(ip.value & 0xffffffffn)}`;
  const groups = Array.from({ length: 8 }, (_, i) => (ip.value >> BigInt(16 * (7 - i))) & 0xffffn);
  // RFC 5952 §4.2: shorten the longest run of two or more zero groups (the first of equals).
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0n) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0n) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

function mask(version: 4 | 6, prefix: number): bigint {
  const bits = BigInt(BITS[version]);
  const all = (1n << bits) - 1n;
  return (all >> BigInt(prefix)) ^ all;
}

/**
 * Parses `address/prefix` (`203.0.113.0/24`, `2001:db8::/32`); null when it is not a CIDR.
 * Host bits are cleared, so `10.1.2.3/8` is the block `10.0.0.0/8`.
 */
export function parseCidr(text: string): Cidr | null {
  if (typeof text !== 'string' || text.length > MAX_TEXT) return null;
  const slash = text.indexOf('/');
  if (slash < 0 || text.indexOf('/', slash + 1) >= 0) return null;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === null || !PREFIX.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > BITS[ip.version]) return null;
  return { version: ip.version, network: ip.value & mask(ip.version, prefix), prefix };
}

/** The block in canonical text form, e.g. `203.0.113.0/24`. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIp({ version: cidr.version, value: cidr.network })}/${cidr.prefix}`;
}

/** The IPv4 address an IPv4-mapped IPv6 address carries, or the address itself. */
export function unmapIp(ip: IpAddress): IpAddress {
  return ip.version === 6 && ip.value >> 32n === 0xffffn ? { version: 4, value: ip.value & 0xffffffffn } : ip;
}

/** Whether the block contains the address; IPv4 and its mapped IPv6 form count as one address. */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  const address = unmapIp(ip);
  let value: bigint;
  if (cidr.version === address.version) value = address.value;
  else if (cidr.version === 6) value = MAPPED_PREFIX | address.value; // an IPv4 address against an IPv6 block
  else return false; // a (non-mapped) IPv6 address is in no IPv4 block
  return (value & mask(cidr.version, cidr.prefix)) === cidr.network;
}

/** Whether the list (CIDR strings; malformed entries never match) contains the address. */
export function allowListContains(allowList: readonly string[], ip: IpAddress): boolean {
  return allowList.some((entry) => {
    const cidr = parseCidr(entry);
    return cidr !== null && cidrContains(cidr, ip);
  });
}
