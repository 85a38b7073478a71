/**
 * A body JSON cannot carry as the caller meant it — circular, a BigInt, a throwing toJSON, a
 * function, symbol, NaN or Infinity, a Map or Set, a Promise — and a missing required body are
 * refused with an InvalidArgumentError naming the part at fault, before any I/O, in the facade
 * and the low-level client alike.
 */
import { describe, expect, it } from 'vitest';
import { createClient, InvalidArgumentError, MemoryRateLimitStore } from '../../src/index.js';
import { fakeFetch, json, TEST_KEY } from '../support/fake-fetch.js';

function setup() {
  const fake = fakeFetch(() => json(201, { data: { id: 'tkt_0000000001' } }));
  const client = createClient({ apiKey: TEST_KEY, fetch: fake.fetch, rateLimit: { store: new MemoryRateLimitStore() } });
  return { fake, client };
}

const ticket = { subject: 'Printer offline', description: 'Since 9:00', client_id: 'cli_01HZX2A7K3' };

function circular(): Record<string, unknown> {
  const body: Record<string, unknown> = { ...ticket };
  body['self'] = body;
  return body;
}

const BAD: Array<[string, () => unknown, string, RegExp]> = [
  ['a circular structure', circular, 'body', /the body cannot be serialised as JSON \(TypeError: Converting circular structure to JSON/],
  ['a BigInt at the top', () => ({ ...ticket, cost: 10n }), 'body/cost', /body\/cost is a bigint, which JSON cannot carry: send it as a string or a number/],
  ['a BigInt deep in an array', () => ({ ...ticket, tags: [{ n: 1n }] }), 'body/tags/0/n', /body\/tags\/0\/n is a bigint/],
  ['a toJSON that throws', () => ({ ...ticket, when: { toJSON: () => { throw new Error('no clock'); } } }), 'body', /the body cannot be serialised as JSON \(Error: no clock\)/],
  ['NaN', () => ({ ...ticket, minutes: Number.NaN }), 'body/minutes', /body\/minutes is NaN, which JSON cannot carry \(it would be sent as null\)/],
  ['-Infinity in an array', () => ({ ...ticket, list: [1, Number.NEGATIVE_INFINITY] }), 'body/list/1', /is -Infinity/],
  ['a function', () => ({ ...ticket, onDone: () => 1 }), 'body/onDone', /body\/onDone is a function, which JSON cannot carry \(it would be left out\)/],
  ['a symbol in an array', () => ({ ...ticket, tags: [Symbol('x')] }), 'body/tags/0', /is a symbol, which JSON cannot carry \(it would be sent as null\)/],
  ['undefined in an array', () => ({ ...ticket, tags: ['a', undefined] }), 'body/tags/1', /is undefined, which JSON sends as null in an array/],
  ['a Map', () => ({ ...ticket, fields: new Map([['a', 1]]) }), 'body/fields', /is a Map, which JSON sends as \{\}: pass a plain object/],
  ['a Set', () => ({ ...ticket, tags: new Set(['a']) }), 'body/tags', /is a Set, which JSON sends as \{\}: pass an array/],
  ['a Promise inside', () => ({ ...ticket, description: Promise.resolve('later') }), 'body/description', /is a Promise \(a missing await\?\)/],
  ['a lone surrogate', () => ({ ...ticket, subject: 'x\uD800' }), 'body/subject', /is not well-formed Unicode/],
  ['a key with / and ~ (the pointer escapes them)', () => ({ ...ticket, 'a/b~c': 1n }), 'body/a~1b~0c', /body\/a~1b~0c is a bigint/],
  ['a Promise as the body', () => Promise.resolve(ticket), 'body', /the body must be an object, got a Promise \(a missing await\?\)/],
  ['an array as the body', () => [ticket], 'body', /the body must be an object, got an array/],
  ['a string as the body', () => JSON.stringify(ticket), 'body', /the body must be an object, got a string/],
  ['null as a required body', () => null, 'body', /the body must be an object, got null/],
  ['undefined as a required body', () => undefined, 'body', /needs a request body \(an object\), got undefined/],
];

describe('request bodies', () => {
  it.each(BAD)('%s is refused in the facade, naming the part, with nothing sent', async (_what, make, argument, message) => {
    const { fake, client } = setup();
    const error = await client.tickets.create(make() as never).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ operation: 'tickets.create()', location: 'body', argument, message: expect.stringMatching(message) });
    expect(fake.calls).toHaveLength(0);
  });

  it.each(BAD)('%s is refused by the low-level client, naming the part, with nothing sent', async (_what, make, argument, message) => {
    const { fake, client } = setup();
    await expect(client.POST('/v1/tickets', { body: make() as never })).rejects.toMatchObject({ name: 'InvalidArgumentError', operation: 'POST /v1/tickets', argument, message: expect.stringMatching(message) });
    expect(fake.calls).toHaveLength(0);
  });

  it('keeps the cause of a toJSON that threw', async () => {
    const { client } = setup();
    const cause = new Error('no clock');
    const error = await client.tickets.create({ ...ticket, when: { toJSON: () => { throw cause; } } } as never).then(() => undefined, (e: unknown) => e);
    // A scrubbed copy, as every SDK error keeps its cause (docs/errors.md).
    expect((error as Error).cause).toMatchObject({ name: 'Error', message: 'no clock' });
  });

  it('an optional body may be left out, but not be null', async () => {
    const { fake, client } = setup();
    await client.agents.reboot('agt_01HZX4C9P2');
    expect(fake.calls[0]!.body).toBe('');
    await expect(client.agents.reboot('agt_01HZX4C9P2', null as never)).rejects.toThrow('agents.reboot(): the body must be an object, got null; leave it out (undefined) to send none');
    expect(fake.calls).toHaveLength(1);
  });

  it('a body for an operation that takes none is refused, not dropped', async () => {
    const { fake, client } = setup();
    await expect(client.GET('/v1/auth/me', { body: { x: 1 } } as never)).rejects.toThrow('GET /v1/auth/me: takes no body');
    expect(fake.calls).toHaveLength(0);
  });

  it('sends what JSON carries as the caller meant it: dates through toJSON, undefined fields left out', async () => {
    const { fake, client } = setup();
    await client.tickets.create({ ...ticket, due: new Date(Date.UTC(2027, 0, 2)), note: undefined } as never);
    expect(JSON.parse(fake.calls[0]!.body)).toEqual({ ...ticket, due: '2027-01-02T00:00:00.000Z' });
    await client.POST('/v1/tickets', { body: ticket });
    expect(fake.calls[1]!.body).toBe(JSON.stringify(ticket));
    expect(fake.calls[1]!.headers.get('content-type')).toBe('application/json');
  });

  it('on a path the spec does not know, refuses only what JSON cannot carry', async () => {
    const { fake, client } = setup();
    const low = client as unknown as { POST(p: string, init: unknown): Promise<unknown> };
    await expect(low.POST('/v2/experimental', { body: circular() })).rejects.toMatchObject({ name: 'InvalidArgumentError', operation: 'POST /v2/experimental' });
    await low.POST('/v2/experimental', { body: [1, 'two'] });
    expect(fake.calls.map((c) => c.body)).toEqual(['[1,"two"]']);
  });
});
