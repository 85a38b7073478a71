import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContains, formatCidr, formatIp, parseCidr, parseIp, type Cidr, type IpAddress } from '../../mocks/network/cidr.js';

const ipv4 = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }).map((value): IpAddress => ({ version: 4, value }));
const ipv6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map((value): IpAddress => ({ version: 6, value }));
// Zero-heavy IPv6 addresses exercise `::` compression far more than uniform ones do.
const sparseIpv6 = fc.array(fc.oneof(fc.constant(0n), fc.constant(0n), fc.bigInt({ min: 0n, max: 0xffffn })), { minLength: 8, maxLength: 8 }).map(
  (groups): IpAddress => ({ version: 6, value: groups.reduce((v, g) => (v << 16n) | g, 0n) }),
);
const anyIp = fc.oneof(ipv4, ipv6, sparseIpv6);
const bits = (ip: IpAddress): number => (ip.version === 4 ? 32 : 128);
const blockOf = (ip: IpAddress, prefix: number): Cidr => parseCidr(`${formatIp(ip)}/${prefix}`)!;
const mapped = (ip: IpAddress): IpAddress => ({ version: 6, value: (0xffffn << 32n) | ip.value });

describe('IP address and CIDR properties', () => {
  it('formats every address in a form that parses back to it', () => {
    fc.assert(fc.property(anyIp, (ip) => {
        expect(parseIp(formatIp(ip))).toEqual(ip);
      }), { numRuns: 1000 });
  });

  it('reads the full, uncompressed, upper-case IPv6 form as the same address', () => {
    fc.assert(
      fc.property(ipv6, (ip) => {
        const full = Array.from({ length: 8 }, (_, i) => ((ip.value >> BigInt(16 * (7 - i))) & 0xffffn).toString(16).padStart(4, '0').toUpperCase()).join(':');
        expect(parseIp(full)).toEqual(ip);
      }),
    );
  });

  it('puts every address inside each block built from it, at every prefix length', () => {
    fc.assert(
      fc.property(anyIp, fc.nat(128), (ip, n) => {
        const prefix = n % (bits(ip) + 1);
        const block = blockOf(ip, prefix);
        expect(cidrContains(block, ip)).toBe(true);
        expect(parseCidr(formatCidr(block))).toEqual(block);
      }),
    );
  });

  it('leaves out an address that differs from the network inside the prefix', () => {
    fc.assert(
      fc.property(anyIp, fc.nat(127), fc.nat(127), (ip, n, m) => {
        const prefix = 1 + (n % bits(ip));
        const flipped = m % prefix; // a bit inside the prefix, counted from the left
        const other: IpAddress = { version: ip.version, value: ip.value ^ (1n << BigInt(bits(ip) - 1 - flipped)) };
        // An IPv6 address that becomes (or stops being) IPv4-mapped changes family, not only bits.
        fc.pre(ip.version === 4 || (ip.value >> 32n === 0xffffn) === (other.value >> 32n === 0xffffn));
        expect(cidrContains(blockOf(ip, prefix), other)).toBe(false);
      }),
    );
  });

  it('keeps an address inside every shorter prefix of a block that contains it', () => {
    fc.assert(
      fc.property(anyIp, anyIp, fc.nat(128), fc.nat(128), (network, ip, a, b) => {
        const long = a % (bits(network) + 1);
        const short = Math.min(long, b % (bits(network) + 1));
        if (cidrContains(blockOf(network, long), ip)) expect(cidrContains(blockOf(network, short), ip)).toBe(true);
      }),
    );
  });

  it('treats an IPv4 address and its IPv4-mapped IPv6 form alike, against IPv4 and mapped IPv6 blocks', () => {
    fc.assert(
      fc.property(ipv4, ipv4, fc.nat(32), (network, ip, prefix) => {
        const v4block = blockOf(network, prefix);
        const v6block = parseCidr(`::ffff:${formatIp(network)}/${96 + prefix}`)!;
        const expected = cidrContains(v4block, ip);
        expect(cidrContains(v4block, mapped(ip))).toBe(expected);
        expect(cidrContains(v6block, ip)).toBe(expected);
        expect(cidrContains(v6block, mapped(ip))).toBe(expected);
      }),
    );
  });

  it('puts every address in the /0 block of its family, and no plain IPv6 address in an IPv4 block', () => {
    fc.assert(
      fc.property(anyIp, (ip) => {
        expect(cidrContains(parseCidr(ip.version === 4 ? '0.0.0.0/0' : '::/0')!, ip)).toBe(true);
        if (ip.version === 6 && ip.value >> 32n !== 0xffffn) expect(cidrContains(parseCidr('0.0.0.0/0')!, ip)).toBe(false);
      }),
    );
  });

  it('never throws on arbitrary text, and only accepts what formats back to an equivalent value', () => {
    const vocabulary = fc.string({ unit: fc.constantFrom('0', '1', '9', 'f', 'F', 'g', ':', '::', '.', '/', '%', ' ', '255', '256', '-', 'ffff', '\u0000') });
    fc.assert(
      fc.property(fc.oneof(fc.string(), vocabulary), (text) => {
        const ip = parseIp(text);
        if (ip !== null) expect(parseIp(formatIp(ip))).toEqual(ip);
        const block = parseCidr(text);
        if (block !== null) expect(parseCidr(formatCidr(block))).toEqual(block);
      }),
      { numRuns: 2000 },
    );
  });
});
