/**
 * ignored_auth: an operation never answers 2xx without valid credentials. A valid request of the
 * operation is sent with no key (401 `UNAUTHORIZED`) and a malformed key (401 `UNAUTHORIZED`),
 * and on a stateful server in a write run with a revoked key (401 `KEY_REVOKED`) and a key that
 * lacks the operation's scope (403 `INSUFFICIENT_SCOPE`).
 */
import type { RequestCase } from '../generate/cases.js';
import { wireRequest, type Credential } from '../http/wire.js';
import type { RunContext } from '../run/context.js';
import type { ProbeKeys } from '../run/probe-keys.js';
import type { SpecOperation } from '../spec/operations.js';
import { describeResponse, errorCodeOf, failed, held } from './outcome.js';

interface Variant {
  readonly label: string;
  readonly credential: Credential;
  readonly status: number;
  readonly code: string;
}

/** The credentials to try on `op`, and why any are left out. */
function variants(ctx: RunContext, op: SpecOperation, keys: ProbeKeys): { list: Variant[]; missing: string | undefined } {
  const list: Variant[] = [{ label: 'with no key', credential: { kind: 'none' }, status: 401, code: 'UNAUTHORIZED' }];
  if (!ctx.settings.stateful) return { list, missing: 'only "no key" is probed: a server without state cannot tell a malformed, revoked or narrow key from a good one' };
  list.push({ label: 'with a malformed key', credential: { kind: 'malformed', header: 'Bearer not-an-opsmerge-key' }, status: 401, code: 'UNAUTHORIZED' });
  if (keys.revoked) list.push({ label: 'with a revoked key', credential: { kind: 'other-key', key: keys.revoked.key, variable: 'OPSMERGE_REVOKED_KEY' }, status: 401, code: 'KEY_REVOKED' });
  const narrow = op.scopes.length === 0 ? undefined : keys.narrow.find((k) => !k.scopes.some((s) => op.scopes.includes(s)));
  if (narrow) list.push({ label: `with a key of scope ${narrow.scopes.join(', ')} only`, credential: { kind: 'other-key', key: narrow.key, variable: 'OPSMERGE_NARROW_KEY' }, status: 403, code: 'INSUFFICIENT_SCOPE' });
  const missing = keys.reason ?? (op.scopes.length === 0 ? 'the operation needs no scope, so there is no key that lacks one' : undefined);
  return { list, missing };
}

/** Probes `op` with each credential variant, built on the valid case `base`. */
export async function ignoredAuth(ctx: RunContext, op: SpecOperation, base: RequestCase, keys: ProbeKeys): Promise<void> {
  if (!ctx.applies(op, 'ignored_auth')) return;
  if (!op.requiresAuth) {
    ctx.results.skip(op.operationId, 'ignored_auth', 'the operation allows anonymous calls');
    return;
  }
  const { list, missing } = variants(ctx, op, keys);
  if (missing) ctx.results.skip(op.operationId, 'ignored_auth', missing);
  for (const variant of list) {
    const request = wireRequest(base, op.method, op.path, ctx.settings.baseUrl, variant.credential);
    const exchange = await ctx.send(op, request);
    ctx.check(op, exchange, 'probe');
    const response = exchange.response;
    if (!response || response.status === 429) continue;
    const expected = `${variant.status} ${variant.code}`;
    const ok = response.status === variant.status && errorCodeOf(response) === variant.code;
    ctx.conclude(op, ok ? held('ignored_auth') : failed('ignored_auth', `${variant.label}: answered ${describeResponse(response)}, not ${expected}`), exchange);
  }
}
