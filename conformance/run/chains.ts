/**
 * Stateful chains, from the spec's `links`: create a resource, read it back through every link
 * to a GET (ensure_resource_availability), change it through the links to other writes, list its
 * collection, delete it through its DELETE link, then read and delete it again
 * (use_after_free). Write runs on a stateful server only; what a chain creates is deleted by it,
 * or by the cleanup at the end.
 */
import fc from 'fast-check';
import { ensureResourceAvailability } from '../checks/ensure-resource-availability.js';
import { useAfterFree } from '../checks/use-after-free.js';
import { describeResponse } from '../checks/outcome.js';
import type { OperationCases, RequestCase } from '../generate/cases.js';
import type { ReceivedResponse } from '../http/transport.js';
import { wireRequest } from '../http/wire.js';
import { SPEC_OPERATIONS, documentedResponse, specOperation, type SpecLink, type SpecOperation } from '../spec/operations.js';
import type { RunContext } from './context.js';
import { seedFor, sendCase } from './explore.js';
import { linkParameters } from './links.js';

/** How many valid cases a chain tries to get its resource created. */
const ATTEMPTS = 5;

const ok = (response: ReceivedResponse | undefined): response is ReceivedResponse => response !== undefined && response.status >= 200 && response.status < 300;

/** A case of `op` with its path parameters from a link (a valid case when the operation takes a body). */
function linkedCase(op: SpecOperation, cases: OperationCases, path: Record<string, string>, seed: number): RequestCase {
  const [drawn] = fc.sample(cases.positive, { seed, numRuns: 1 });
  return { ...(cases.example ?? drawn!), path, query: {}, headers: {} };
}

/** Sends a case of `op` and judges it as a valid request. */
async function step(ctx: RunContext, op: SpecOperation, c: RequestCase): Promise<ReceivedResponse | undefined> {
  const exchange = await sendCase(ctx, op, c);
  ctx.check(op, exchange, 'positive', c);
  return exchange.response;
}

/** Runs the chain that starts at the creating operation `create`. */
export async function runChain(ctx: RunContext, create: SpecOperation, casesOf: (op: SpecOperation) => OperationCases): Promise<void> {
  const cases = casesOf(create);
  const candidates = [...(cases.example ? [cases.example] : []), ...fc.sample(cases.positive, { seed: seedFor(ctx.settings.seed, create.operationId, 'chain'), numRuns: ATTEMPTS })].slice(0, ATTEMPTS);
  let made: { c: RequestCase; response: ReceivedResponse } | undefined;
  const answers: string[] = [];
  for (const c of candidates) {
    const response = await step(ctx, create, c);
    if (ok(response)) {
      made = { c, response };
      break;
    }
    answers.push(response ? describeResponse(response) : 'no answer');
  }
  if (!made) return ctx.results.skip(create.operationId, 'ensure_resource_availability', `no valid case created a resource (${[...new Set(answers)].join('; ')})`);

  const links = documentedResponse(create, made.response.status)?.links ?? [];
  const targets = links.flatMap((link) => {
    const path = linkParameters(link, made.c, made.response);
    return path ? [{ link, op: specOperation(link.operationId), path }] : [];
  });
  const reads = targets.filter((t) => t.op.method === 'GET');
  const id = (path: Record<string, string>) => Object.values(path).at(-1) ?? '';
  const name = (link: SpecLink, op: SpecOperation) => `${link.name} (${op.operationId})`;

  for (const t of reads) {
    const c = { ...linkedCase(t.op, casesOf(t.op), t.path, ctx.settings.seed), body: undefined };
    const request = wireRequest(c, t.op.method, t.op.path, ctx.settings.baseUrl, ctx.credential);
    const exchange = await ctx.send(t.op, request);
    ctx.check(t.op, exchange, 'positive', c);
    if (exchange.response && exchange.response.status !== 429 && ctx.applies(create, 'ensure_resource_availability')) {
      ctx.conclude(create, ensureResourceAvailability(name(t.link, t.op), id(t.path), exchange.response), exchange);
    }
  }
  for (const t of targets.filter((x) => x.op.method !== 'GET' && x.op.method !== 'DELETE')) {
    await step(ctx, t.op, linkedCase(t.op, casesOf(t.op), t.path, seedFor(ctx.settings.seed, t.op.operationId, 'chain')));
  }
  const list = SPEC_OPERATIONS.find((op) => op.method === 'GET' && op.path === create.path);
  if (list) await step(ctx, list, { operationId: list.operationId, kind: 'positive', path: made.c.path, query: {}, headers: {}, body: undefined, broke: undefined });

  const removal = targets.find((t) => t.op.method === 'DELETE');
  if (!removal) return;
  const deleted = await step(ctx, removal.op, linkedCase(removal.op, casesOf(removal.op), removal.path, ctx.settings.seed));
  if (!ok(deleted) || !ctx.applies(removal.op, 'use_after_free')) return;
  for (const t of reads) {
    const request = wireRequest({ ...linkedCase(t.op, casesOf(t.op), t.path, ctx.settings.seed), body: undefined }, t.op.method, t.op.path, ctx.settings.baseUrl, ctx.credential);
    const exchange = await ctx.send(t.op, request);
    ctx.check(t.op, exchange, 'probe');
    if (exchange.response && exchange.response.status !== 429) ctx.conclude(removal.op, useAfterFree(`GET ${t.op.operationId}`, exchange.response), exchange);
  }
  const again = wireRequest(linkedCase(removal.op, casesOf(removal.op), removal.path, ctx.settings.seed), removal.op.method, removal.op.path, ctx.settings.baseUrl, ctx.credential);
  const exchange = await ctx.send(removal.op, again);
  ctx.check(removal.op, exchange, 'probe');
  if (exchange.response && exchange.response.status !== 429) ctx.conclude(removal.op, useAfterFree(`${removal.op.method} ${removal.op.operationId} again`, exchange.response), exchange);
}
