import { describe, expect, it } from 'vitest';
import { allowListContains, cidrContains, formatIp, parseCidr, parseIp } from '../../mocks/network/cidr.js';

const ip = (text: string) => {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(`not an address: ${text}`);
  return parsed;
};

describe('parseIp', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    ['::', '::'],
    ['::1', '::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::ffff:127.0.0.1', '::ffff:127.0.0.1'],
    ['::FFFF:7f00:1', '::ffff:127.0.0.1'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
  ])('reads %s (canonically %s)', (text, canonical) => {
    expect(formatIp(ip(text))).toBe(canonical);
  });

  it.each([
    '',
    ' 127.0.0.1',
    '127.0.0.1 ',
    '127.0.0',
    '127.0.0.1.1',
    '127.0.0.256',
    '127.0.0.01',
    '127.0.0.-1',
    '127.0.0.1/8',
    '1::2::3',
    ':::',
    ':1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::',
    '12345::1',
    'g::1',
    '::ffff:1.2.3.256',
    '1.2.3.4::',
    'fe80::1%eth0',
  ])('refuses %j', (text) => {
    expect(parseIp(text)).toBeNull();
  });

  it('refuses text far longer than any address', () => {
    expect(parseIp(`::${'1:'.repeat(50_000)}1`)).toBeNull();
    expect(parseCidr(`${'1'.repeat(100_000)}/8`)).toBeNull();
  });
});

describe('parseCidr', () => {
  it('clears the host bits and keeps the prefix', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ version: 4, network: 10n << 24n, prefix: 8 });
    expect(parseCidr('2001:db8::1/32')).toEqual({ version: 6, network: 0x20010db8n << 96n, prefix: 32 });
  });

  it.each(['10.0.0.0', '10.0.0.0/', '10.0.0.0/33', '::/129', '10.0.0.0/08', '10.0.0.0/-1', '10.0.0.0/8/8', '10.0.0.0/ 8', '/8', 'fe80::%1/64', '10.0.0.0/1e1'])(
    'refuses %j',
    (text) => expect(parseCidr(text)).toBeNull(),
  );
});

describe('cidrContains', () => {
  it('matches the address a dual-stack socket reports for an IPv4 client (::ffff:127.0.0.1) against IPv4 blocks', () => {
    expect(cidrContains(parseCidr('127.0.0.0/8')!, ip('::ffff:127.0.0.1'))).toBe(true);
    expect(cidrContains(parseCidr('127.0.0.1/32')!, ip('::ffff:127.0.0.1'))).toBe(true);
    expect(cidrContains(parseCidr('203.0.113.0/24')!, ip('::ffff:127.0.0.1'))).toBe(false);
  });

  it('matches IPv4 addresses against the IPv4-mapped IPv6 block', () => {
    expect(cidrContains(parseCidr('::ffff:0:0/96')!, ip('198.51.100.7'))).toBe(true);
    expect(cidrContains(parseCidr('::ffff:198.51.100.0/120')!, ip('198.51.100.7'))).toBe(true);
    expect(cidrContains(parseCidr('::ffff:198.51.100.0/120')!, ip('198.51.101.7'))).toBe(false);
  });

  it('keeps IPv6 loopback and IPv4 loopback apart', () => {
    expect(cidrContains(parseCidr('127.0.0.0/8')!, ip('::1'))).toBe(false);
    expect(cidrContains(parseCidr('::1/128')!, ip('127.0.0.1'))).toBe(false);
  });
});

describe('allowListContains', () => {
  it('matches any entry and never matches a malformed one', () => {
    expect(allowListContains(['203.0.113.0/24', '2001:db8::/32'], ip('2001:db8:5::9'))).toBe(true);
    expect(allowListContains(['not-a-cidr', '300.0.0.0/8'], ip('127.0.0.1'))).toBe(false);
    expect(allowListContains([], ip('127.0.0.1'))).toBe(false);
  });
});
