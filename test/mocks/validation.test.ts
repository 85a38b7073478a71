import { describe, expect, it } from 'vitest';
import { validateFetchResponse } from '../../mocks/validate.js';
import { call, urlOf, useMockApi } from './helpers.js';

const { api } = useMockApi({ seed: 31 });

async function raw(operationId: 'tickets_create', body: string, contentType: string | null) {
  const headers: Record<string, string> = { Authorization: `Bearer ${api.testKey}` };
  if (contentType) headers['Content-Type'] = contentType;
  const res = await fetch(urlOf(api, operationId), { method: 'POST', headers, body });
  const checked = await validateFetchResponse(operationId, res);
  expect(checked.errors).toEqual([]);
  return { status: res.status, body: checked.body as any };
}

describe('request validation', () => {
  it('answers 422 VALIDATION_FAILED with one detail per bad query parameter', async () => {
    const res = await call(api, 'agents_list', { query: { per_page: 500, page: 0, status: 'asleep' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { field: 'per_page', message: 'must be <= 100' },
        { field: 'page', message: 'must be >= 1' },
        { field: 'status', message: 'must be equal to one of the allowed values' },
      ]),
    );
  });

  it('coerces query strings to the declared types', async () => {
    const res = await call(api, 'timeEntries_list', { query: { billable: 'false', per_page: '3' } as never });
    expect(res.status).toBe(200);
    expect(res.body.data.per_page).toBe(3);
    expect(res.body.data.items.every((e: { billable: boolean }) => e.billable === false)).toBe(true);
    expect((await call(api, 'timeEntries_list', { query: { billable: 'maybe' } })).status).toBe(422);
  });

  it('checks formats of query parameters', async () => {
    const res = await call(api, 'tickets_list', { query: { since: 'yesterday' } });
    expect(res.body.error.details).toEqual([{ field: 'since', message: 'must match format "date-time"' }]);
  });

  it('answers 422 with JSON pointers for body problems', async () => {
    const res = await call(api, 'tickets_create', { body: { description: 'no subject', client_id: 'cli_nope', colour: 'red' } });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { field: '/subject', message: "must have required property 'subject'" },
        { field: '/client_id', message: expect.stringContaining('must match pattern') },
        { field: '/colour', message: 'must NOT have additional properties' },
      ]),
    );
  });

  it('answers 422 when a required body is missing', async () => {
    const res = await call(api, 'tickets_create');
    expect(res.body.error.details).toEqual([{ field: '/', message: 'request body is required' }]);
  });

  it('answers 400 BAD_REQUEST for a body that is not JSON', async () => {
    const res = await raw('tickets_create', '{"subject": "x",', 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_REQUEST', message: 'Request body is not valid JSON' });
  });

  it('answers 400 BAD_REQUEST for a body sent with a non-JSON content type', async () => {
    const res = await raw('tickets_create', JSON.stringify({ subject: 'x' }), 'text/plain');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('validates the Idempotency-Key header', async () => {
    const res = await call(api, 'tickets_create', {
      headers: { 'Idempotency-Key': 'short' },
      body: { subject: 'x', description: 'y', client_id: api.store.data.clients[0]!.id },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ field: 'Idempotency-Key', message: 'must NOT have fewer than 8 characters' }]);
  });

  it('validates references to other resources in bodies', async () => {
    const res = await call(api, 'tickets_create', { body: { subject: 'x', description: 'y', client_id: 'cli_ZZZZZZZZZZ' } });
    expect(res.body.error.details).toEqual([{ field: '/client_id', message: 'no such client: cli_ZZZZZZZZZZ' }]);
  });

  it('answers 422 naming a query parameter the operation does not define, on every operation', async () => {
    const typo = await call(api, 'agents_list', { query: { stauts: 'online' } });
    expect(typo.status).toBe(422);
    expect(typo.body.error.details).toEqual([{ field: 'stauts', message: 'is not a query parameter of this operation' }]);
    // auth_me defines no query parameter at all.
    expect((await call(api, 'auth_me', { query: { verbose: 'true' } })).body.error.details).toEqual([{ field: 'verbose', message: 'is not a query parameter of this operation' }]);
    // A body field is not a query parameter either.
    expect((await call(api, 'tickets_get', { params: { ticket_id: api.store.data.tickets[0]!.id }, query: { subject: 'x' } })).status).toBe(422);
  });

  it('accepts api_key, a way to send the key, as a query parameter of every operation', async () => {
    const res = await call(api, 'auth_me', { key: null, query: { api_key: api.testKey } });
    expect(res.status).toBe(200);
    expect((await call(api, 'agents_list', { key: null, query: { api_key: api.testKey, per_page: 1 } })).status).toBe(200);
  });

  it('answers 422 for a query parameter given twice', async () => {
    const url = new URL(urlOf(api, 'agents_list'));
    url.search = '?status=online&status=offline';
    const res = await fetch(url, { headers: { Authorization: `Bearer ${api.testKey}` } });
    const checked = await validateFetchResponse('agents_list', res);
    expect(checked.errors).toEqual([]);
    expect((checked.body as any).error.details).toEqual([{ field: 'status', message: 'must be given once, got 2 values' }]);
  });

  it('checks authentication before validation', async () => {
    const res = await call(api, 'agents_list', { key: null, query: { per_page: 500 } });
    expect(res.status).toBe(401);
  });
});
