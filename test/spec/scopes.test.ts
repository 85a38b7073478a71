/**
 * Scopes are a closed set: the `Scope` enum lists every scope, the OAuth2 scheme offers the
 * same ones, and operations require only scopes of the list.
 */
import { describe, expect, it } from 'vitest';
import { operations } from '../../generated/operations.js';
import { spec, type JsonObject } from '../support/spec.js';

const schemas = (spec['components'] as JsonObject)['schemas'] as JsonObject;
const catalogue = ((schemas['Scope'] as JsonObject)['enum'] as string[]).slice();
const oauth = ((spec['components'] as JsonObject)['securitySchemes'] as JsonObject)['OAuth2'] as JsonObject;
const offered = Object.keys(((oauth['flows'] as JsonObject)['authorizationCode'] as JsonObject)['scopes'] as JsonObject);

describe('the scope catalogue', () => {
  it('is an enum of unique family:level scopes plus admin', () => {
    expect(catalogue).toContain('admin');
    expect(new Set(catalogue).size).toBe(catalogue.length);
    for (const scope of catalogue.filter((s) => s !== 'admin')) expect(scope).toMatch(/^[a-z0-9_]+:(read|write|execute)$/);
  });

  it('is exactly the set of scopes the OAuth2 security scheme offers', () => {
    expect([...offered].sort()).toEqual([...catalogue].sort());
  });

  it('holds every scope an operation requires, and every scope but admin is required by some operation', () => {
    const required = new Set<string>(Object.values(operations).flatMap((op) => op.scopes));
    expect([...required].filter((s) => !catalogue.includes(s))).toEqual([]);
    // The CLI checks --scopes against the operations' scopes plus admin (cli/commands/keys.ts).
    expect(catalogue.filter((s) => s !== 'admin' && !required.has(s))).toEqual([]);
  });
});
