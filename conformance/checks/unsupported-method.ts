/**
 * unsupported_method: a method a path does not document gets 405 with an `Allow` header naming
 * exactly the documented methods (RFC 9110 §15.5.6), and the error envelope when there is a body.
 * Read-only runs probe only an undocumented GET; write runs also POST, PUT, PATCH and DELETE,
 * with random ids on item paths, so a server that wrongly implements one most likely finds
 * nothing to change.
 */
import fc from 'fast-check';
import { validValues } from '../generate/valid-values.js';
import { wireRequest } from '../http/wire.js';
import type { RunContext } from '../run/context.js';
import { seedFor } from '../run/explore.js';
import { resolveRef, type Schema } from '../spec/document.js';
import { ERROR_ENVELOPE, HTTP_METHODS, type HttpMethod, type SpecOperation } from '../spec/operations.js';
import { validate } from '../spec/validator.js';
import { describeResponse, failed, held, type Outcome } from './outcome.js';

const generated = validValues({ resolve: (ref) => resolveRef(ref) as Schema });

/** The methods an `Allow` value names, upper case, without HEAD and OPTIONS (a server may add those). */
export function allowedMethods(allow: string): Set<string> {
  return new Set(allow.split(',').map((m) => m.trim().toUpperCase()).filter((m) => m !== '' && m !== 'HEAD' && m !== 'OPTIONS'));
}

function judge405(status: number, allow: string | null, json: unknown, declared: readonly HttpMethod[], method: string): Outcome {
  const fail = (why: string) => failed('unsupported_method', `${method}: ${why}`);
  if (status !== 405) return fail(`answered ${status}, not 405`);
  if (allow === null) return fail('405 without an Allow header');
  const named = allowedMethods(allow);
  if (named.size !== declared.length || declared.some((m) => !named.has(m))) return fail(`Allow: ${allow} does not name exactly ${declared.join(', ')}`);
  if (json !== undefined && validate(ERROR_ENVELOPE, json).length > 0) return fail('the 405 body is not the error envelope');
  return held('unsupported_method');
}

/** Probes every undocumented method of one path; `ops` are the path's documented operations. */
export async function unsupportedMethod(ctx: RunContext, path: string, ops: readonly SpecOperation[]): Promise<void> {
  const first = ops[0]!;
  if (!ctx.applies(first, 'unsupported_method')) return;
  const declared = ops.map((op) => op.method);
  const undeclared = HTTP_METHODS.filter((m) => !declared.includes(m));
  const probed = ctx.settings.write ? undeclared : undeclared.filter((m) => m === 'GET');
  if (probed.length < undeclared.length) ctx.results.skip(first.operationId, 'unsupported_method', `only GET is probed without --write (${undeclared.filter((m) => m !== 'GET').join(', ')} would be writes)`);
  if (undeclared.length === 0) ctx.results.skip(first.operationId, 'unsupported_method', 'the path documents every method');
  const params = first.parameters.filter((p) => p.in === 'path');
  for (const method of probed) {
    const values = Object.fromEntries(params.map((p) => [p.name, String(fc.sample(generated.of(p.schema), { seed: seedFor(ctx.settings.seed, path, method, p.name), numRuns: 1 })[0])]));
    const c = { operationId: first.operationId, kind: 'positive' as const, path: values, query: {}, headers: {}, body: method === 'GET' || method === 'DELETE' ? undefined : { json: {} }, broke: undefined };
    const request = wireRequest(c, method, path, ctx.settings.baseUrl, ctx.credential);
    const exchange = await ctx.transport.send(request, first.rateLimitGroup);
    const response = exchange.response;
    if (!response) {
      ctx.conclude(first, failed('unsupported_method', `${method}: no answer: ${exchange.error ?? ''}`), exchange);
      continue;
    }
    if (response.status === 429) continue;
    const outcome = response.status >= 500 ? failed('unsupported_method', `${method}: answered ${describeResponse(response)}`) : judge405(response.status, response.headers.get('allow'), response.json, declared, method);
    ctx.conclude(first, outcome, exchange);
  }
}
