import { describe, expect, it } from 'vitest';
import type { DeprecationNotice } from '../../src/index.js';
import { faults, me } from './fault-server.js';
import { faultClient, useFaultServer } from './helpers.js';

const server = useFaultServer();

const page = { data: { items: [], total: 0, page: 1, per_page: 50 } };

/** Bad `Deprecation` / `Sunset` values a misconfigured gateway could send. */
const BAD: Record<string, string>[] = [
  { deprecation: 'soon' },
  { deprecation: '@' },
  { deprecation: '@1.5' },
  { deprecation: '@abc' },
  { deprecation: '@999999999999999' }, // beyond the range of a Date
  { deprecation: 'false' },
  { deprecation: '' },
  { sunset: 'never' },
  { sunset: 'Mon, 31 Feb 2027 00:00:00 GMT' },
  { sunset: 'Wed, 30 Jun 2027 00:00:00 UTC' },
  { sunset: 'Thu, 30 Jun 2027 00:00:00 GMT' }, // wrong weekday
  { sunset: '2027-06-30' },
  { deprecation: '@1788220800', link: '<not a link' },
  { deprecation: 'true', link: '<https://x>; rel=' },
];

function checkNotice(notice: DeprecationNotice): void {
  for (const date of [notice.deprecatedAt, notice.sunsetAt]) {
    if (date !== undefined) expect(Number.isNaN(date.getTime())).toBe(false);
  }
  expect(notice.message).not.toMatch(/Invalid Date|NaN|undefined/);
}

describe('Deprecation and Sunset headers with bad values', () => {
  it.each(BAD)('never break a call, nor announce a bogus date: %j', async (headers) => {
    const notices: DeprecationNotice[] = [];
    server.respond(faults.ok(headers));
    const client = faultClient(server, { onDeprecation: (n) => notices.push(n), deprecations: 'error' });
    expect(await client.auth.me()).toEqual(me.data);
    notices.forEach(checkNotice);
    // A `Deprecation` that cannot be read announces nothing; `true` is the legacy "deprecated, date unknown".
    if (headers.deprecation !== 'true' && headers.deprecation !== '@1788220800') expect(notices).toEqual([]);
  });

  it.each(BAD)('keep the spec dates of a deprecated operation: %j', async (headers) => {
    const notices: DeprecationNotice[] = [];
    server.respond(faults.json(200, page, headers));
    await faultClient(server, { onDeprecation: (n) => notices.push(n) }).alerts.listActive();
    expect(notices).toHaveLength(1);
    checkNotice(notices[0]!);
    expect(notices[0]!.sunsetAt).toEqual(new Date('2027-06-30T00:00:00Z'));
  });

  it('drops a Sunset earlier than the Deprecation (RFC 9745 §4) and says so', async () => {
    const notices: DeprecationNotice[] = [];
    server.respond(faults.ok({ deprecation: '@1893456000', sunset: 'Sat, 01 Jan 2000 00:00:00 GMT' }));
    await faultClient(server, { onDeprecation: (n) => notices.push(n) }).auth.me();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.deprecatedAt).toEqual(new Date('2030-01-01T00:00:00Z'));
    expect(notices[0]!.sunsetAt).toBeUndefined();
    expect(notices[0]!.message).toContain('Sunset earlier than its Deprecation');
  });
});
