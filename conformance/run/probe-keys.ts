/**
 * Keys the auth probes need besides the run's own: a revoked key, and keys that lack a scope.
 * A write run on a stateful server creates them through the API (`apiKeys_create`, then
 * `apiKeys_revoke` for the revoked one) before anything else, and revokes the narrow ones at the
 * end. Their secrets never leave the run: curl lines name them `$OPSMERGE_REVOKED_KEY` and
 * `$OPSMERGE_NARROW_KEY`, and every report is scrubbed of them.
 */
import type { RequestCase } from '../generate/cases.js';
import { readPointer } from './links.js';
import type { RunContext } from './context.js';
import { wireRequest } from '../http/wire.js';
import { SPEC, objectAt } from '../spec/document.js';
import { specOperation } from '../spec/operations.js';
import { describeResponse } from '../checks/outcome.js';

/** A key the run created, with its id (to revoke it) and secret. */
export interface ProbeKey {
  readonly id: string;
  readonly key: string;
  /** Its scopes (empty for a preset). */
  readonly scopes: readonly string[];
}

/** The keys of the auth probes, or why there are none. */
export interface ProbeKeys {
  readonly revoked: ProbeKey | undefined;
  /** Keys of one scope each, of two different scopes: one of them lacks any scope an operation needs. */
  readonly narrow: readonly ProbeKey[];
  /** Why keys are missing. */
  readonly reason: string | undefined;
}

/** The `family:level` scopes of the spec's OAuth2 scheme (without `admin`). */
export function scopeCatalogue(): string[] {
  const schemes = objectAt(objectAt(SPEC, 'components'), 'securitySchemes');
  const flows = objectAt(objectAt(schemes, 'OAuth2'), 'flows');
  return Object.keys(objectAt(objectAt(flows, 'authorizationCode'), 'scopes')).filter((s) => s !== 'admin');
}

/** Creates one key through the API; throws with the answer when the server does not make one. */
async function createKey(ctx: RunContext, body: Record<string, unknown>): Promise<ProbeKey> {
  const op = specOperation('apiKeys_create');
  const c: RequestCase = { operationId: op.operationId, kind: 'positive', path: {}, query: {}, headers: {}, body: { json: body }, broke: undefined };
  const exchange = await ctx.send(op, wireRequest(c, op.method, op.path, ctx.settings.baseUrl, ctx.credential));
  ctx.check(op, exchange, 'positive', c);
  const response = exchange.response;
  const id = readPointer(response?.json, '/data/api_key/id');
  const key = readPointer(response?.json, '/data/key');
  if (typeof id !== 'string' || typeof key !== 'string') throw new Error(response ? `apiKeys_create answered ${describeResponse(response)}` : `apiKeys_create got no answer: ${exchange.error ?? ''}`);
  ctx.addSecret(key);
  return { id, key, scopes: Array.isArray(body['scopes']) ? (body['scopes'] as string[]) : [] };
}

/** Revokes a key the run created; the answer is judged like any other. */
export async function revokeKey(ctx: RunContext, id: string): Promise<void> {
  const op = specOperation('apiKeys_revoke');
  const c: RequestCase = { operationId: op.operationId, kind: 'positive', path: { key_id: id }, query: {}, headers: {}, body: undefined, broke: undefined };
  const exchange = await ctx.send(op, wireRequest(c, op.method, op.path, ctx.settings.baseUrl, ctx.credential));
  ctx.check(op, exchange, 'positive', c);
}

/** Creates the probe keys (write runs on a stateful server only). */
export async function createProbeKeys(ctx: RunContext): Promise<ProbeKeys> {
  if (!ctx.settings.stateful) return { revoked: undefined, narrow: [], reason: 'the server keeps no state, so it cannot know a revoked key or a key\'s scopes' };
  if (!ctx.settings.write) return { revoked: undefined, narrow: [], reason: 'needs a revoked key and a key without the scope, which the run creates only with --write' };
  const name = `opsmerge contract probe ${ctx.settings.seed}`;
  try {
    const revoked = await createKey(ctx, { name: `${name} (revoked)`, preset: 'read' });
    await revokeKey(ctx, revoked.id);
    const [first, second] = scopeCatalogue();
    const narrow = [];
    for (const scope of [first, second]) if (scope !== undefined) narrow.push(await createKey(ctx, { name: `${name} (${scope} only)`, scopes: [scope] }));
    return { revoked, narrow, reason: undefined };
  } catch (error) {
    return { revoked: undefined, narrow: [], reason: `could not create the probe keys: ${error instanceof Error ? error.message : String(error)}` };
  }
}
