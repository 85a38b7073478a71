/**
 * Before generating cases, the run reads what the server has: every list operation once (the
 * largest page), and the caller's own key (`auth_me`). The ids in the answers become the
 * references valid cases use, so a generated ticket names a client that exists; the run's own
 * key id is set aside, so no generated write can revoke it. These reads are judged like any
 * valid request.
 */
import type { RequestCase } from '../generate/cases.js';
import { wireRequest } from '../http/wire.js';
import { SPEC_OPERATIONS, type SpecOperation } from '../spec/operations.js';
import type { RunContext } from './context.js';
import { readPointer } from './links.js';

/**
 * Reads every parameterless GET of the spec, learning the ids of the answers, so the ids a run
 * knows do not depend on the operations it checks (a replay of one operation draws the same
 * references). Only the answers of `selected` operations are judged.
 */
export async function discover(ctx: RunContext, selected: readonly SpecOperation[]): Promise<void> {
  for (const op of SPEC_OPERATIONS) {
    if (op.method !== 'GET' || op.parameters.some((p) => p.in === 'path' || (p.required && p.in !== 'header'))) continue;
    const perPage = op.parameters.find((p) => p.in === 'query' && p.name === 'per_page');
    const maximum = perPage?.schema['maximum'];
    const c: RequestCase = { operationId: op.operationId, kind: 'positive', path: {}, query: perPage && typeof maximum === 'number' ? { per_page: String(maximum) } : {}, headers: {}, body: undefined, broke: undefined };
    const request = wireRequest(c, op.method, op.path, ctx.settings.baseUrl, ctx.credential);
    const exchange = await ctx.send(op, request);
    if (selected.includes(op)) ctx.check(op, exchange, 'positive', c);
    const response = exchange.response;
    if (!response || response.status < 200 || response.status >= 300) continue;
    if (op.operationId === 'auth_me') {
      const own = readPointer(response.json, '/data/key/id');
      if (typeof own === 'string') ctx.ids.exclude(own);
    }
    ctx.ids.learn(response.json);
  }
}
