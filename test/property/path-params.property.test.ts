/**
 * Path parameters can never change the route. For any string — and the hostile ones by name:
 * dot segments, their percent-encodings, `/`, `?`, `#`, lone surrogates — a call either reaches
 * a server on 127.0.0.1 at its own route with the value as exactly one segment (decoding it
 * gives the value back), or is refused with an InvalidArgumentError and nothing is sent. For the
 * facade and the low-level client alike, on routes with one and two parameters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, type OpsMergeClient } from '../../src/index.js';
import { faultClient, useFaultServer } from '../faults/helpers.js';
import { faults } from '../faults/fault-server.js';

const server = useFaultServer();

const HOSTILE = [
  '', ' ', '\t', '.', '..', '...', '%2e', '%2E%2e', '%2e%2e', '..%2f', '..%2F..%2Fadmin', '../admin', './x', '/', '//', '?', '#', 'a/b', 'a?b=1', 'a#frag', '%', '%zz', '%00', '\u0000',
  'a\r\nX-Injected: 1', 'tkt_01HZX3K9Q4', 'tkt_01HZX3K9Q4/../../api-keys', '\\..\\', '\uD800', 'a\uDC00b', '😀', 'ü', '+', ' a ', '.a', 'a.',
];

type Target = { name: string; template: string; call: (client: OpsMergeClient, values: string[]) => PromiseLike<unknown>; prefix: string };

/** The routes under test: what each call sends, and the path its request must stay under. */
const TARGETS: Target[] = [
  { name: 'facade tickets.delete(id)', template: '/v1/tickets/{ticket_id}', prefix: '/v1/tickets/', call: (c, [id]) => c.tickets.delete(id!) },
  { name: 'low-level GET /v1/tickets/{ticket_id}', template: '/v1/tickets/{ticket_id}', prefix: '/v1/tickets/', call: (c, [id]) => c.GET('/v1/tickets/{ticket_id}', { params: { path: { ticket_id: id! } } }) },
  {
    name: 'facade m365Licenses.unassign(tenant, assignment)',
    template: '/v1/m365/tenants/{tenant_id}/licenses/{assignment_id}',
    prefix: '/v1/m365/tenants/',
    call: (c, [t, a]) => (c as unknown as OpsMergeClient<'beta'>).m365Licenses.unassign(t!, a!),
  },
  {
    name: 'low-level DELETE /v1/m365/tenants/{tenant_id}/licenses/{assignment_id}',
    template: '/v1/m365/tenants/{tenant_id}/licenses/{assignment_id}',
    prefix: '/v1/m365/tenants/',
    call: (c, [t, a]) => (c as unknown as OpsMergeClient<'beta'>).DELETE('/v1/m365/tenants/{tenant_id}/licenses/{assignment_id}', { params: { path: { tenant_id: t!, assignment_id: a! } } }),
  },
];

/** The raw path the server received, below `/api`, split into segments (not decoded). */
function segmentsOf(url: string): string[] {
  const path = url.split('?', 1)[0]!;
  expect(path.startsWith('/api/')).toBe(true);
  return path.slice('/api/'.length).split('/');
}

/** Calls once with `values`; asserts the route stayed the route, or that nothing was sent. */
async function sendsOneSegmentOrRefuses(client: OpsMergeClient, target: Target, values: string[]): Promise<'sent' | 'refused'> {
  server.respond(faults.json(200, { data: { id: 'x', deleted: true } }));
  const outcome = await Promise.resolve(target.call(client, values)).then(
    () => 'sent' as const,
    (error: unknown) => error,
  );
  if (outcome !== 'sent') {
    expect(outcome, JSON.stringify(values)).toBeInstanceOf(InvalidArgumentError);
    expect(server.requests, 'a refused call sends nothing').toHaveLength(0);
    return 'refused';
  }
  expect(server.requests).toHaveLength(1);
  const sent = segmentsOf(server.requests[0]!.url);
  const template = target.template.slice(1).split('/');
  expect(sent, `${JSON.stringify(values)} → ${server.requests[0]!.url}`).toHaveLength(template.length);
  let next = 0;
  template.forEach((part, i) => {
    if (part.startsWith('{')) {
      expect(sent[i]).not.toMatch(/[/?#]/);
      expect(decodeURIComponent(sent[i]!)).toBe(values[next++]);
    } else {
      expect(sent[i]).toBe(part);
    }
  });
  expect(new URL(server.requests[0]!.url, 'http://x').pathname.startsWith(`/api${target.prefix}`)).toBe(true);
  return 'sent';
}

describe('path parameters on the wire', () => {
  it.each(TARGETS.map((t) => [t.name, t] as const))('%s: every hostile value is sent as one segment of its route, or refused', async (_name, target) => {
    const client = faultClient(server, { baseUrl: `${server.url}/api`, stability: 'beta', maxRetries: 0 });
    const outcomes: Record<string, string> = {};
    const arity = target.template.split('{').length - 1;
    for (const value of HOSTILE) {
      // The value goes in each parameter in turn, the others holding a plain id.
      for (let slot = 0; slot < arity; slot++) {
        const values = Array.from({ length: arity }, (_, i) => (i === slot ? value : 'ok_0000000001'));
        outcomes[`${slot}:${JSON.stringify(value)}`] = await sendsOneSegmentOrRefuses(client, target, values);
      }
    }
    // The ones that can only be refused are refused; the rest are sent, encoded.
    for (const refused of ['', ' ', '\t', '.', '..', '\uD800', 'a\uDC00b']) expect(outcomes[`0:${JSON.stringify(refused)}`]).toBe('refused');
    for (const sent of ['%2e', '%2E%2e', '..%2f', '../admin', '/', '?', '#', 'a\r\nX-Injected: 1', '...', '😀']) expect(outcomes[`0:${JSON.stringify(sent)}`]).toBe('sent');
  });

  it.each(TARGETS.map((t) => [t.name, t] as const))('%s: any string is sent as one segment of its route, or refused', async (_name, target) => {
    const client = faultClient(server, { baseUrl: `${server.url}/api`, stability: 'beta', maxRetries: 0 });
    const arity = target.template.split('{').length - 1;
    const piece = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('.', '..', '%2e', '%2E', '/', '?', '#', '%', '%2f'), fc.string({ unit: 'grapheme' }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(piece, { maxLength: 4 }).map((parts) => parts.join('')), { minLength: arity, maxLength: arity }), async (values) => {
        await sendsOneSegmentOrRefuses(client, target, values);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses values that are not strings, naming the parameter, with nothing sent', async () => {
    const client = faultClient(server, { baseUrl: `${server.url}/api`, maxRetries: 0 });
    server.respond(faults.json(200, { data: {} }));
    for (const value of [undefined, null, 42, 0, true, {}, ['tkt_1'], Symbol('id'), 1n, () => 'tkt_1', new String('tkt_1')]) {
      for (const call of [() => client.tickets.get(value as never), () => client.GET('/v1/tickets/{ticket_id}', { params: { path: { ticket_id: value as never } } })]) {
        await expect(call()).rejects.toMatchObject({ name: 'InvalidArgumentError', location: 'path', argument: 'ticket_id' });
      }
    }
    await expect(client.GET('/v1/tickets/{ticket_id}', {} as never)).rejects.toThrow('GET /v1/tickets/{ticket_id}: the path parameter ticket_id is missing');
    await expect(client.GET('/v1/tickets/{ticket_id}', { params: { path: 'tkt_1' } } as never)).rejects.toThrow('params.path must be an object of path parameters, got a string');
    expect(server.requests).toHaveLength(0);
  });

  it('names the call and the parameter: tickets.delete("..") no longer sends DELETE /api/v1/', async () => {
    const client = faultClient(server, { baseUrl: `${server.url}/api`, maxRetries: 0 });
    server.respond(faults.json(200, { data: {} }));
    const error = await client.tickets.delete('..').then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({
      name: 'InvalidArgumentError',
      operation: 'tickets.delete()',
      location: 'path',
      argument: 'ticket_id',
      message: 'tickets.delete(): ticket_id must not be "..": a dot segment would change the route',
    });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'InvalidArgumentError', operation: 'tickets.delete()', location: 'path', argument: 'ticket_id' });
    expect(server.requests).toHaveLength(0);
  });
});
