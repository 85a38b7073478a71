/**
 * Property-based exploration of one operation: fast-check draws cases (the spec's examples
 * first), each is sent and judged by every check. On the first failure fast-check shrinks the
 * case while the same check keeps failing — every shrink step is a real request, at most
 * {@link MAX_SHRINK_REQUESTS} of them — and the smallest failing request is filed with its curl
 * line. Exploration then goes on with the remaining budget, looking for failures of other checks.
 */
import fc from 'fast-check';
import type { CheckName } from '../checks/names.js';
import type { Outcome } from '../checks/outcome.js';
import { evaluate } from '../checks/index.js';
import type { RequestCase } from '../generate/cases.js';
import type { Exchange } from '../http/transport.js';
import { wireRequest } from '../http/wire.js';
import { deref } from '../spec/document.js';
import type { SpecOperation } from '../spec/operations.js';
import type { RunContext } from './context.js';

/** The most requests shrinking one failure may send. */
export const MAX_SHRINK_REQUESTS = 60;

/** The longest shrinking one failure may take, in milliseconds. */
export const MAX_SHRINK_MS = 30_000;

/** A 32-bit seed for one operation and phase, derived from the run's seed (FNV-1a). */
export function seedFor(seed: number, ...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const char of `${seed}:${parts.join(':')}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash | 0;
}

/** Sends one case of `op`; a 2xx answer of a write updates what the run created. */
export async function sendCase(ctx: RunContext, op: SpecOperation, c: RequestCase): Promise<Exchange> {
  const request = wireRequest(c, op.method, op.path, ctx.settings.baseUrl, ctx.credential);
  const exchange = await ctx.send(op, request);
  const response = exchange.response;
  if (response && response.status >= 200 && response.status < 300 && op.method !== 'GET') {
    if (op.method === 'DELETE') {
      const id = Object.values(c.path).at(-1);
      if (id !== undefined) {
        ctx.cleanup.removed(id);
        ctx.ids.forget(id);
      }
    } else {
      const id = ctx.cleanup.created(op, c, response);
      if (id !== undefined) ctx.ids.own(id);
    }
  }
  return exchange;
}

interface Found {
  readonly outcome: Outcome;
  readonly exchange: Exchange;
  readonly c: RequestCase;
}

/**
 * Smaller versions of a case, each leaving out one optional query parameter or one optional
 * property of a JSON body: how a failing spec example (which fast-check cannot shrink) is
 * reduced to a minimal request.
 */
export function leaveOneOut(op: SpecOperation, c: RequestCase): RequestCase[] {
  const out: RequestCase[] = [];
  const required = new Set(op.parameters.filter((p) => p.required).map((p) => p.name));
  for (const name of Object.keys(c.query)) {
    if (!required.has(name)) out.push({ ...c, query: Object.fromEntries(Object.entries(c.query).filter(([k]) => k !== name)) });
  }
  const schema = op.requestBody?.schema;
  const json = c.body && 'json' in c.body ? c.body.json : undefined;
  if (json !== null && typeof json === 'object' && !Array.isArray(json) && typeof schema === 'object') {
    const bodyRequired = new Set((deref(schema)['required'] ?? []) as string[]);
    for (const name of Object.keys(json)) {
      if (!bodyRequired.has(name)) out.push({ ...c, body: { json: Object.fromEntries(Object.entries(json).filter(([k]) => k !== name)) } });
    }
  }
  return out;
}

/**
 * Explores `op` with cases of one kind, up to `runs` cases (and, under a time budget, up to
 * `timeLimitMs`). Outcomes of the drawn cases are counted; shrink steps are not.
 */
export async function explore(ctx: RunContext, op: SpecOperation, kind: 'positive' | 'negative', cases: fc.Arbitrary<RequestCase>, examples: readonly RequestCase[], runs: number, timeLimitMs: number): Promise<void> {
  const filed = new Set<CheckName>();
  const startedAt = Date.now();
  let remaining = runs;
  for (let round = 0; remaining > 0 && Date.now() - startedAt < timeLimitMs; round++) {
    let target: CheckName | undefined;
    let found: Found | undefined;
    let drawn = 0;
    let shrinkRequests = 0;
    let shrinkStartedAt = 0;
    const shrinkBudgetLeft = () => ++shrinkRequests <= MAX_SHRINK_REQUESTS && Date.now() - shrinkStartedAt <= MAX_SHRINK_MS;
    /** While shrinking: whether `c` still fails the target check (then it becomes the one to report). */
    const stillFails = async (c: RequestCase): Promise<boolean> => {
      const exchange = await sendCase(ctx, op, c);
      const again = evaluate(op, exchange, kind, (check) => check === target, c).find((o) => !o.ok);
      if (again) found = { outcome: again, exchange, c };
      return again !== undefined;
    };
    const property = fc.asyncProperty(cases, async (c) => {
      const skipped = ctx.settings.skipCase?.(c);
      if (skipped !== undefined) {
        ctx.results.skip(op.operationId, kind === 'positive' ? 'positive_data_acceptance' : 'negative_data_rejection', `some cases not sent: ${skipped}`);
        fc.pre(false);
      }
      if (target !== undefined) return !shrinkBudgetLeft() || !(await stillFails(c));
      const exchange = await sendCase(ctx, op, c);
      drawn += 1;
      const failing = ctx.judge(op, exchange, kind, c).filter((o) => !o.ok && !filed.has(o.check));
      if (failing.length === 0) return true;
      const [first, ...others] = failing as [Outcome, ...Outcome[]];
      found = { outcome: first, exchange, c };
      target = first.check;
      shrinkStartedAt = Date.now();
      // Other checks that failed on the same answer are filed as they are, unshrunk.
      for (const outcome of others) {
        filed.add(outcome.check);
        ctx.report(op, outcome, exchange, c.broke);
      }
      return false;
    });
    const details = await fc.check(property, {
      seed: seedFor(ctx.settings.seed, op.operationId, kind, round),
      numRuns: remaining,
      examples: round === 0 ? examples.map((e) => [e] as [RequestCase]) : [],
      ...(Number.isFinite(timeLimitMs) ? { interruptAfterTimeLimit: Math.max(1, timeLimitMs - (Date.now() - startedAt)) } : {}),
    });
    remaining -= drawn;
    if (!details.failed || !found || target === undefined) return;
    // A spec example has no shrink tree: leave its optional parts out one at a time instead.
    if (examples.includes(found.c)) {
      for (let smaller = true; smaller; ) {
        smaller = false;
        for (const candidate of leaveOneOut(op, found.c)) {
          if (!shrinkBudgetLeft()) break;
          if (await stillFails(candidate)) {
            smaller = true;
            break;
          }
        }
      }
    }
    filed.add(target);
    ctx.report(op, found.outcome, found.exchange, found.c.broke);
  }
}
