/**
 * A 2xx whose JSON body is not the documented envelope — `{"data": {…}}`, and for a list page
 * `items` plus whole-number `total`, `page` and `per_page` — is a ResponseShapeError naming the
 * operation and what is missing, from the facade, the low-level client and the list helpers
 * alike: never wrong data, never a raw TypeError from the SDK's own code.
 */
import { describe, expect, it } from 'vitest';
import { ResponseShapeError, paginate } from '../../src/index.js';
import { exposedText } from '../support/exposed-text.js';
import { faults } from './fault-server.js';
import { faultClient, KEY, rejectionOf, useFaultServer } from './helpers.js';

const server = useFaultServer();

const notEnvelopes: Array<[string, unknown, RegExp]> = [
  ['an object without data', { foo: 1 }, /^"data" \(got an object with "foo"\)$/],
  ['null', null, /^a JSON object with "data" \(got null\)$/],
  ['a number', 42, /^a JSON object with "data" \(got 42\)$/],
  ['a string', 'ok', /^a JSON object with "data" \(got a string\)$/],
  ['an array', [{ data: {} }], /^a JSON object with "data" \(got an array\)$/],
  ['a boolean', true, /^a JSON object with "data" \(got boolean\)$/],
  ['an empty object', {}, /^"data" \(got an empty object\)$/],
  ['data: null', { data: null }, /^"data" as an object \(got null\)$/],
  ['data: a number', { data: 7 }, /^"data" as an object \(got 7\)$/],
  ['data: an array', { data: [] }, /^"data" as an object \(got an array\)$/],
];

const notListPages: Array<[string, unknown, RegExp]> = [
  ['data: {}', { data: {} }, /^"data\.items" as an array \(got undefined\)$/],
  ['items an object', { data: { items: {}, total: 0, page: 1, per_page: 10 } }, /^"data\.items" as an array \(got an empty object\)$/],
  ['total a string', { data: { items: [], total: '3', page: 1, per_page: 10 } }, /^"data\.total" as a whole number ≥ 0 \(got a string\)$/],
  ['total negative', { data: { items: [], total: -1, page: 1, per_page: 10 } }, /^"data\.total" as a whole number ≥ 0 \(got -1\)$/],
  ['page a fraction', { data: { items: [], total: 0, page: 1.5, per_page: 10 } }, /^"data\.page" as a whole number ≥ 0 \(got 1\.5\)$/],
  ['per_page missing', { data: { items: [], total: 0, page: 1 } }, /^"data\.per_page" as a whole number ≥ 0 \(got undefined\)$/],
  ['total past the safe integers', { data: { items: [], total: 2 ** 60, page: 1, per_page: 10 } }, /^"data\.total" as a whole number ≥ 0/],
  ['data an array', { data: [] }, /^"data" as an object \(got an array\)$/],
];

/** The error every way in must give for `body`. */
function expectShapeError(error: unknown, operation: string, path: string, problem: RegExp): void {
  expect(error).toBeInstanceOf(ResponseShapeError);
  expect(error).toMatchObject({ operation, status: 200, method: 'GET', path, requestId: server.requests.at(-1)!.requestId });
  expect((error as ResponseShapeError).problem).toMatch(problem);
  expect((error as Error).message).toContain(`: not the envelope ${operation} documents: it needs `);
}

describe('a success that is not the {"data": {…}} envelope', () => {
  it.each(notEnvelopes)('%s: auth.me(), its withResponse() and client.GET reject with a ResponseShapeError', async (_name, body, problem) => {
    server.respond(faults.json(200, body));
    const client = faultClient(server);
    expectShapeError(await rejectionOf(client.auth.me()), 'auth_me', '/v1/auth/me', problem);
    expectShapeError(await rejectionOf(client.auth.me().withResponse()), 'auth_me', '/v1/auth/me', problem);
    expectShapeError(await rejectionOf(client.GET('/v1/auth/me')), 'auth_me', '/v1/auth/me', problem);
  });

  it('a write too: the 202 of events.trigger', async () => {
    server.respond(faults.json(202, { status: 'accepted' }));
    const error = await rejectionOf(faultClient(server).events.trigger({ service_id: 'svc_01HZX7K2M3', summary: 'x', severity: 'info', source: 'y' }));
    expect(error).toMatchObject({ name: 'ResponseShapeError', operation: 'events_trigger', status: 202, method: 'POST' });
  });

  it('never quotes a key the body carries, even as a member name', async () => {
    server.respond(faults.json(200, { [KEY]: 1, note: KEY }));
    const error = await rejectionOf(faultClient(server).auth.me());
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect(exposedText(error)).not.toContain(KEY.slice(8));
  });

  it('lets extra members through: only the envelope is checked', async () => {
    const body = { data: { anything: [1, 2], more: null }, meta: { next: null } };
    server.respond(faults.json(200, body));
    await expect(faultClient(server).auth.me()).resolves.toEqual(body.data);
  });
});

describe('a list page without its list fields', () => {
  it.each(notListPages)('%s: the first page, a walk, client.GET and paginate() reject with a ResponseShapeError', async (_name, body, problem) => {
    server.respond(faults.json(200, body));
    const client = faultClient(server);
    expectShapeError(await rejectionOf(client.tickets.list()), 'tickets_list', '/v1/tickets', problem);
    expectShapeError(await rejectionOf(client.tickets.list().toArray()), 'tickets_list', '/v1/tickets', problem);
    expectShapeError(await rejectionOf(client.GET('/v1/tickets')), 'tickets_list', '/v1/tickets', problem);
    expectShapeError(await rejectionOf(paginate((page, signal) => client.GET('/v1/tickets', { params: { query: { page } }, signal })).toArray()), 'tickets_list', '/v1/tickets', problem);
  });

  it('paginate() over a fetchPage that is not the low-level client checks the page itself', async () => {
    server.respond(faults.json(200, { data: { rows: [] } }));
    const fetchPage = async () => {
      const response = await fetch(`${server.url}/v1/anything`);
      return { data: (await response.json()) as never, response };
    };
    const error = await rejectionOf(paginate(fetchPage).toArray());
    expect(error).toMatchObject({ name: 'ResponseShapeError', operation: 'GET /v1/anything', problem: '"data.items" as an array (got undefined)' });
  });
});
