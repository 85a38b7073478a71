/**
 * idempotency: a POST that takes an `Idempotency-Key`, repeated with the same key and body,
 * replays the first result (same status and body, `Idempotent-Replayed: true`); the same key
 * with another body gets 409 `CONFLICT`. Stateful servers in a write run only.
 */
import fc from 'fast-check';
import type { RequestCase } from '../generate/cases.js';
import { canonicalJson } from '../generate/schema-keywords.js';
import type { RunContext } from '../run/context.js';
import { seedFor, sendCase } from '../run/explore.js';
import type { SpecOperation } from '../spec/operations.js';
import { describeResponse, errorCodeOf, failed, held } from './outcome.js';

/** How many valid cases are tried to get one the server accepts. */
const ATTEMPTS = 4;

const isSuccess = (status: number | undefined): boolean => status !== undefined && status >= 200 && status < 300;

/** Runs the idempotency probe of `op` with its valid cases (`examples` first). */
export async function idempotency(ctx: RunContext, op: SpecOperation, cases: fc.Arbitrary<RequestCase>, examples: readonly RequestCase[]): Promise<void> {
  if (!ctx.applies(op, 'idempotency')) return;
  if (!op.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key')) return;
  if (!ctx.settings.stateful) return ctx.results.skip(op.operationId, 'idempotency', 'the server keeps no state, so it cannot replay a result');
  if (!ctx.settings.write) return ctx.results.skip(op.operationId, 'idempotency', 'sends the same write twice; runs with --write');
  const candidates = [...examples, ...fc.sample(cases, { seed: seedFor(ctx.settings.seed, op.operationId, 'idempotency'), numRuns: ATTEMPTS * 2 })];
  const key = (n: number) => `opsmerge-contract-${(seedFor(ctx.settings.seed, op.operationId, 'key', n) >>> 0).toString(36)}-${n}`;
  const bodyOf = (c: RequestCase) => canonicalJson(c.body && 'json' in c.body ? c.body.json : null);
  const answers: string[] = [];
  for (const [n, candidate] of candidates.slice(0, ATTEMPTS).entries()) {
    const c = { ...candidate, headers: { ...candidate.headers, 'Idempotency-Key': key(n) } };
    const first = await sendCase(ctx, op, c);
    ctx.check(op, first, 'positive', c);
    const a = first.response;
    if (!a || !isSuccess(a.status)) {
      answers.push(a ? describeResponse(a) : 'no answer');
      continue;
    }
    const second = await sendCase(ctx, op, c);
    ctx.check(op, second, 'positive', c);
    const b = second.response;
    const replayed = b !== undefined && b.status === a.status && canonicalJson(b.json) === canonicalJson(a.json);
    const flagged = b?.headers.get('idempotent-replayed') === 'true';
    ctx.conclude(
      op,
      replayed && flagged
        ? held('idempotency')
        : failed('idempotency', !replayed ? `the same key and body first answered ${describeResponse(a)}, then ${b ? describeResponse(b) : 'nothing'}` : 'the replay came without Idempotent-Replayed: true'),
      second,
    );
    const other = candidates.find((x) => bodyOf(x) !== bodyOf(c));
    if (!other) return ctx.results.skip(op.operationId, 'idempotency', 'no second, different valid body to reuse the key with');
    const changed = { ...other, path: c.path, headers: { ...other.headers, 'Idempotency-Key': key(n) } };
    const reuse = await sendCase(ctx, op, changed);
    ctx.check(op, reuse, 'positive', changed);
    const r = reuse.response;
    ctx.conclude(
      op,
      r?.status === 409 && errorCodeOf(r) === 'CONFLICT' ? held('idempotency') : failed('idempotency', `the same key with another body answered ${r ? describeResponse(r) : 'nothing'}, not 409 CONFLICT`),
      reuse,
    );
    return;
  }
  ctx.results.skip(op.operationId, 'idempotency', `no valid case was accepted, so there was nothing to replay (${[...new Set(answers)].join('; ')})`);
}
