/**
 * Every operation of the spec, on its happy path and on each error path the mock can be led
 * to — 401, 403, 404, 400, 413, 422 (unknown query parameter), 429, and 405 for the methods
 * its path lacks — answers as the spec documents: status, headers (`X-Request-Id`,
 * `X-RateLimit-*`, `Retry-After` on 429, deprecation headers) and body. `call` runs every
 * answer through the shared validator (mocks/validate.ts).
 */
import { describe, expect, it } from 'vitest';
import { operations, type OperationId, type OperationInfo } from '../../generated/operations.js';
import { matchPath } from '../../mocks/match-path.js';
import { BODY_LIMIT_BYTES } from '../../mocks/pipeline/limits.js';
import { deref, spec, specOperation, type SpecObject } from '../../mocks/spec.js';
import { validateFetchResponse, validateProtocolResponse } from '../../mocks/validate.js';
import { call, urlOf, useMockApi } from './helpers.js';

const { api } = useMockApi({ seed: 21 });
const all = Object.values(operations) as OperationInfo[];
const ID = /^([a-z]+)_[0-9A-Z]{10}$/;

/** A seeded id with the prefix of an example id (`agt_01HZX4C9P2` → an agent of the store), else the example. */
function realId(example: string): string {
  const prefix = ID.exec(example)?.[1];
  if (!prefix) return example;
  for (const records of Object.values(api.store.data) as unknown[]) {
    if (!Array.isArray(records)) continue;
    const found = records.find((r: { id?: unknown }) => typeof r?.id === 'string' && r.id.startsWith(`${prefix}_`)) as { id: string } | undefined;
    if (found) return found.id;
  }
  return example;
}

/** The spec's example of a value, with every example id replaced by a seeded one. */
function withRealIds(value: unknown): unknown {
  if (typeof value === 'string') return realId(value);
  if (Array.isArray(value)) return value.map(withRealIds);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withRealIds(v)]));
  return value;
}

/** The spec's example value of each path parameter. */
function pathExamples(op: OperationInfo): Record<string, string> {
  const item = (spec['paths'] as Record<string, SpecObject>)[op.path]!;
  const declared = [...((item['parameters'] ?? []) as unknown[]), ...((specOperation(op.operationId).object['parameters'] ?? []) as unknown[])].map(deref);
  return Object.fromEntries(declared.filter((p) => p['in'] === 'path').map((p) => [String(p['name']), String(p['example'] ?? (p['schema'] as SpecObject)['example'])]));
}

function bodyExample(op: OperationInfo): unknown {
  const body = specOperation(op.operationId).object['requestBody'];
  return body ? (deref(body)['content'] as Record<string, SpecObject>)['application/json']?.['example'] : undefined;
}

/** Path parameters of the spec's examples, for ids the store does not hold: `agt_ZZZZZZZZZZ`. */
function unknownIds(op: OperationInfo): Record<string, string> | undefined {
  const examples = pathExamples(op);
  const unknown = Object.fromEntries(Object.entries(examples).map(([k, v]) => [k, v.replace(/[0-9A-Z]{10}$/, 'ZZZZZZZZZZ')]));
  return Object.entries(unknown).some(([k, v]) => v !== examples[k]) ? unknown : undefined;
}

/**
 * Spec examples the seeded store refuses, each with the documented answer it gets: the
 * example's state does not exist in the seeded data.
 */
const REFUSED_EXAMPLES: Readonly<Record<string, { status: number; code: string }>> = {
  // The first seeded agent is offline.
  agents_reboot: { status: 409, code: 'CONFLICT' },
  // No incident has the example's dedup_key until events_trigger opens one.
  events_acknowledge: { status: 409, code: 'CONFLICT' },
  events_resolve: { status: 409, code: 'CONFLICT' },
  // The example names a setting the seeded notifications panel does not have.
  internalSettings_update: { status: 422, code: 'VALIDATION_FAILED' },
  // The example's user is not a user of the seeded tenant.
  m365Licenses_assign: { status: 422, code: 'VALIDATION_FAILED' },
};

describe.each(all.map((op) => [op.operationId, op] as const))('%s', (operationId, op) => {
  const id = operationId as OperationId;
  const params = () => Object.fromEntries(Object.entries(pathExamples(op)).map(([k, v]) => [k, realId(v)]));
  const example = () => withRealIds(bodyExample(op));

  it('answers the spec example request (with seeded ids) with 2xx, or the documented refusal its state calls for', async () => {
    const res = await call(api, id, { params: params(), ...(example() === undefined ? {} : { body: example() }) });
    const refused = REFUSED_EXAMPLES[operationId];
    if (refused) expect({ status: res.status, code: res.body.error?.code }).toEqual(refused);
    else expect(Math.floor(res.status / 100), JSON.stringify(res.body)).toBe(2);
  });

  it('answers 401 without credentials, 403 to a key without its scope, 429 when rate-limited', async () => {
    expect((await call(api, id, { params: params(), key: null })).status).toBe(401);
    const other = op.scopes.some((s) => s.startsWith('analytics:')) ? 'agents:read' : 'analytics:read';
    const narrow = api.addApiKey({ scopes: [other] });
    expect((await call(api, id, { params: params(), key: narrow.key })).status).toBe(op.scopes.length === 0 ? 200 : 403);
    api.scenario('rate-limited', { operations: [id] });
    const limited = await call(api, id, { params: params() });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('answers 422 naming a query parameter it does not define', async () => {
    const res = await call(api, id, { params: params(), query: { not_a_parameter: '1' } });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toContainEqual({ field: 'not_a_parameter', message: 'is not a query parameter of this operation' });
  });

  const unknown = unknownIds(op);
  if (unknown) {
    it('answers 404 for an id the store does not hold', async () => {
      expect((await call(api, id, { params: unknown, ...(example() === undefined ? {} : { body: example() }) })).status).toBe(404);
    });
  }

  if (op.body !== 'none') {
    it('answers 400 to malformed JSON and a repeated key, 413 to a body over the limit', async () => {
    const send = async (body: string) => {
      const res = await fetch(urlOf(api, id, { params: params() }), { method: op.method, headers: { Authorization: `Bearer ${api.testKey}`, 'Content-Type': 'application/json' }, body });
      const checked = await validateFetchResponse(id, res);
      expect(checked.errors).toEqual([]);
      return res.status;
    };
    expect(await send('{"a":')).toBe(400);
    expect(await send('{"a":1,"a":2}')).toBe(400);
    expect(await send(`"${'a'.repeat(BODY_LIMIT_BYTES)}"`)).toBe(413);
    });
  }

  it('answers 405 with Allow for every method its path lacks', async () => {
    const path = urlOf(api, id, { params: params() });
    const documented = [...matchPath(op.path)!.operations.keys()];
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !documented.includes(m))) {
      const res = await fetch(path, { method, headers: { Authorization: `Bearer ${api.testKey}` } });
      const body = await res.json();
      expect(validateProtocolResponse({ status: res.status, headers: res.headers, body }).errors).toEqual([]);
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')!.split(', ')).toEqual(expect.arrayContaining(documented));
    }
  });
});
