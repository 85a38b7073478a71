import { describe, expect, inject, it } from 'vitest';
import { deref, examplePath, requestExample, specOperations, successExample, type JsonObject } from '../support/spec.js';

/**
 * Prism serves the spec: every operation answers its documented success example, and the
 * shared error responses answer each of their named examples.
 */
const prism = () => inject('prismUrl');
const key = 'om_test_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a';

describe('Prism serving openapi/', () => {
  it.each(specOperations().map((o) => [o.operationId, o] as const))('%s answers its documented example', async (_id, operation) => {
    const { status, example } = successExample(operation);
    const body = requestExample(operation);
    const headers: Record<string, string> = { Authorization: `Bearer ${key}`, Prefer: `code=${status}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (operation.parameters.some((p) => p.name === 'Idempotency-Key')) headers['Idempotency-Key'] = 'prism-example-0001';
    const res = await fetch(`${prism()}${examplePath(operation)}`, {
      method: operation.method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual(example);
  });

  const withErrors = specOperations().find((o) => o.operationId === 'agents_get')!;
  const errorCases = Object.entries(withErrors.op.responses as JsonObject)
    .filter(([code]) => /^[45]/.test(code))
    .flatMap(([code, ref]) => {
      const media = (deref<JsonObject>(ref).content as JsonObject)['application/json'] as JsonObject;
      return Object.entries(media.examples as JsonObject).map(([name, ex]) => [code, name, (ex as JsonObject).value] as const);
    });

  it.each(errorCases)('the shared %s response answers its "%s" example', async (code, name, value) => {
    const res = await fetch(`${prism()}${examplePath(withErrors)}`, {
      headers: { Authorization: `Bearer ${key}`, Prefer: `code=${code}, example=${name}` },
    });
    expect(res.status).toBe(Number(code));
    expect(await res.json()).toEqual(value);
  });

  it('validates requests: per_page above 100 is rejected', async () => {
    const res = await fetch(`${prism()}/v1/agents?per_page=500`, { headers: { Authorization: `Bearer ${key}` } });
    expect(res.status).toBe(422);
  });

  it('rejects a request without credentials', async () => {
    const res = await fetch(`${prism()}/v1/agents`);
    expect(res.status).toBe(401);
  });
});
