/**
 * The generated part of a conformance run, in order: read what the server has; create the keys
 * the auth probes need; for every operation (reads first, deletes last) explore positive and
 * negative cases, probe its auth, and check idempotency; probe the undocumented methods of every
 * path; run the stateful chains; delete what the run created.
 */
import fc from 'fast-check';
import { ignoredAuth } from '../checks/ignored-auth.js';
import { idempotency } from '../checks/idempotency.js';
import { CHECK_NAMES } from '../checks/names.js';
import { unsupportedMethod } from '../checks/unsupported-method.js';
import { operationCases, type OperationCases } from '../generate/cases.js';
import type { Transport } from '../http/transport.js';
import { SPEC_OPERATIONS, methodsByPath, type SpecOperation } from '../spec/operations.js';
import { runChain } from './chains.js';
import { RunContext, type RunSettings } from './context.js';
import { discover } from './discover.js';
import { creatablePrefixes } from './ids.js';
import { explore } from './explore.js';
import { createProbeKeys, revokeKey } from './probe-keys.js';

/** Reads first, then creates, then changes, then deletes: a delete only removes what the run made. */
const METHOD_ORDER: Readonly<Record<string, number>> = { GET: 0, POST: 1, PUT: 2, PATCH: 2, DELETE: 3 };

/** Cases per operation and kind under a time budget (the time is what limits the run). */
const TIME_BUDGET_RUNS = 1000;

/** Why every check of a write operation is skipped in a read-only run. */
export const READ_ONLY_REASON = 'changes data; runs with --write';

/** Runs the generated checks over `operations` and returns the ledger. */
export async function runGenerated(settings: RunSettings, transport: Transport, operations: readonly SpecOperation[]): Promise<RunContext> {
  const ctx = new RunContext(settings, transport);
  await discover(ctx, operations);
  const keys = await createProbeKeys(ctx);

  const creatable = creatablePrefixes(SPEC_OPERATIONS);
  const cache = new Map<string, OperationCases>();
  const casesOf = (op: SpecOperation): OperationCases => {
    let cases = cache.get(op.operationId);
    if (!cases) cache.set(op.operationId, (cases = operationCases(op, { known: ctx.ids.known, pathIds: ctx.ids.forPath(op.method, creatable), records: ctx.ids.records })));
    return cases;
  };

  const ordered = [...operations].sort((a, b) => METHOD_ORDER[a.method]! - METHOD_ORDER[b.method]!);
  const phases = ordered.length * 2;
  let phase = 0;
  const slice = () => ctx.timeLeft() / Math.max(1, phases - phase++);
  const runs = settings.budget.kind === 'cases' ? settings.budget.cases : TIME_BUDGET_RUNS;

  for (const [done, op] of ordered.entries()) {
    settings.onProgress?.(done, ordered.length);
    if (transport.stopped !== undefined) {
      ctx.skipAll(op, transport.stopped);
      phase += 2;
      continue;
    }
    if (!settings.write && op.method !== 'GET') {
      for (const check of CHECK_NAMES) ctx.results.skip(op.operationId, check, READ_ONLY_REASON);
      phase += 2;
      continue;
    }
    cache.delete(op.operationId); // built now, with the ids known so far
    const cases = casesOf(op);
    const examples = cases.example ? [cases.example] : [];
    await explore(ctx, op, 'positive', cases.positive, examples, runs, slice());
    if (cases.negative) await explore(ctx, op, 'negative', cases.negative, [], runs, slice());
    else {
      phase += 1;
      ctx.results.skip(op.operationId, 'negative_data_rejection', 'the operation takes no parameter or body that could be broken');
    }
    // The auth probes send the smallest valid case: no optional query parameter.
    const [valid] = examples.length > 0 ? examples : fc.sample(cases.positive, { seed: settings.seed, numRuns: 1 });
    const required = new Set(op.parameters.filter((p) => p.required).map((p) => p.name));
    await ignoredAuth(ctx, op, { ...valid!, query: Object.fromEntries(Object.entries(valid!.query).filter(([name]) => required.has(name))) }, keys);
    if (op.method === 'POST') await idempotency(ctx, op, cases.positive, examples);
  }

  // The documented methods of a path come from the whole spec, whichever operations this run selected.
  const selectedPaths = new Set(operations.map((op) => op.path));
  for (const [path, methods] of methodsByPath()) {
    if (selectedPaths.has(path)) await unsupportedMethod(ctx, path, methods.map((m) => SPEC_OPERATIONS.find((op) => op.path === path && op.method === m)!));
  }

  if (settings.write && settings.stateful) {
    cache.clear(); // built again, with what the run created and deleted since
    for (const op of operations) {
      if (op.method === 'POST' && op.responses.some((r) => r.key.startsWith('2') && r.links.length > 0)) await runChain(ctx, op, casesOf);
    }
  } else {
    const reason = settings.stateful ? READ_ONLY_REASON : 'the server keeps no state, so there is nothing to read back or delete';
    for (const op of operations) {
      if (op.method === 'DELETE') ctx.results.skip(op.operationId, 'use_after_free', reason);
      if (op.method === 'POST' && op.responses.some((r) => r.links.length > 0)) ctx.results.skip(op.operationId, 'ensure_resource_availability', reason);
    }
  }

  settings.onProgress?.(ordered.length, ordered.length);
  await ctx.cleanup.run(ctx);
  for (const key of keys.narrow) await revokeKey(ctx, key.id);
  return ctx;
}
