/**
 * mocks/match-path.ts: the raw-path matcher every request of the mock is routed by. Property
 * tests over every path template of the spec.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operations, type OperationInfo } from '../../generated/operations.js';
import { matchOperation, matchPath } from '../../mocks/match-path.js';

const templates = [...new Set((Object.values(operations) as OperationInfo[]).map((op) => op.path))];
const DOT_SEGMENTS = ['.', '..', '%2e', '%2E', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%2E.'];

const LITERALS = new Set(templates.flatMap((t) => t.split('/')).filter((s) => !s.startsWith('{')));
/**
 * A value for a path parameter: any text except a dot segment, a literal segment of some path
 * (a literal wins) or a value holding `/` (`%2F` never matches: see the test below).
 */
const paramValue = fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }).filter((s) => s !== '.' && s !== '..' && !s.includes('/') && !LITERALS.has(encodeURIComponent(s)));

/** A template with each `{param}` replaced; returns the path and the values. */
function fill(template: string, values: readonly string[]): { path: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  let i = 0;
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[i++ % values.length]!;
    params[name] = value;
    return encodeURIComponent(value);
  });
  return { path, params };
}

describe('matchPath', () => {
  it('matches every template of the spec filled with any parameter values, and decodes them', () => {
    fc.assert(
      fc.property(fc.constantFrom(...templates), fc.array(paramValue, { minLength: 1, maxLength: 3 }), (template, values) => {
        const { path, params } = fill(template, values);
        const match = matchPath(path);
        expect(match?.template).toBe(template);
        expect(match?.params).toEqual(params);
      }),
    );
  });

  it('lets literal segments win over parameters', () => {
    expect(matchPath('/v1/events/trigger')?.template).toBe('/v1/events/trigger');
    expect(matchPath('/v1/agents/agt_01HZX4C9P2')?.template).toBe('/v1/agents/{agent_id}');
  });

  it('never takes a dot segment, in any spelling, as a parameter value', () => {
    const withParams = templates.filter((t) => t.includes('{'));
    fc.assert(
      fc.property(fc.constantFrom(...withParams), fc.constantFrom(...DOT_SEGMENTS), (template, dot) => {
        const path = template.replace(/\{[^}]+\}/, dot).replace(/\{[^}]+\}/g, 'x_1');
        expect(matchPath(path)).toBeUndefined();
      }),
    );
    // What `new URL()` would turn into another route.
    expect(matchPath('/v1/agents/../api-keys')).toBeUndefined();
    expect(matchPath('/v1/agents/%2e%2e/api-keys')).toBeUndefined();
    expect(new URL('http://h/v1/agents/%2e%2e/api-keys').pathname).toBe('/v1/api-keys');
  });

  it('matches literal segments only as written (no trailing slash, empty segment, percent-encoding or case change), and no parameter holding an encoded slash', () => {
    for (const path of ['/v1/agents/', '/v1//agents', '//v1/agents', '/v1/%61gents', '/V1/agents', '/v1/agents/agt_1/', '/v1/agents/%2Fx', '/v1/agents/%zz', '/v1/agents/']) {
      expect(matchPath(path), path).toBeUndefined();
    }
  });

  it('never throws, whatever the path', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('/', '%', '.', '%2e', '%zz', '%C3%A9', 'é', '\u0000', 'v1', 'agents', 'events', 'trigger', '{agent_id}', 'x'), { maxLength: 20 }).map((parts) => parts.join('')), (path) => {
        const match = matchPath(path);
        if (match) expect(templates).toContain(match.template);
      }),
    );
  });

  it('names the operations of a path by method; matchOperation is case-insensitive for the contract suite', () => {
    expect([...matchPath('/v1/tickets/tkt_1')!.operations.keys()].sort()).toEqual(['DELETE', 'GET', 'PATCH']);
    expect(matchOperation('get', '/v1/agents')?.operationId).toBe('agents_list');
    expect(matchOperation('PUT', '/v1/agents')).toBeUndefined();
  });
});
