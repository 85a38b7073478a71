/**
 * The scenario every runtime of the matrix runs with the packed SDK, against the local API of
 * api.ts: auth.me, a full list walk, a typed 404, a retried 503, an abort, a write and the core
 * entry. Web-standard code only — it runs in Node, Deno, Bun, Chromium, workerd and
 * edge-runtime. Each check reports what it saw (or the error it met) as plain JSON; the test
 * (matrix.test.ts) judges the report together with what the API's log saw.
 */
import { createClient, NotFoundError } from '@opsmerge/sdk';
import { createCoreClient } from '@opsmerge/sdk/core';

/** A client id the API never answers for: the abort check's pending request. */
export const SLOW_CLIENT_ID = 'cli_SLOW000000';

/** An agent id that does not exist. */
export const MISSING_AGENT_ID = 'agt_0000000000';

/** Page size of the walk: the seeded agents take several pages. */
export const WALK_PER_PAGE = 7;

/** What one check saw: `ok: false` with the error when it threw, else its observations. */
export type Check = { readonly ok: true; readonly [key: string]: unknown } | { readonly ok: false; readonly error: string };

export type CheckName = 'me' | 'walk' | 'notFound' | 'retried' | 'abort' | 'write' | 'core';

export type ScenarioReport = Readonly<Record<CheckName, Check>>;

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

async function check(run: () => Promise<Record<string, unknown>>): Promise<Check> {
  try {
    return { ok: true, ...(await run()) };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

/** Runs every check in order (later ones use what earlier ones found) and reports each. */
export async function runScenario(baseUrl: string, apiKey: string): Promise<ScenarioReport> {
  const client = createClient({ apiKey, baseUrl, logLevel: 'off', maxRetries: 2 });
  const ids: string[] = [];

  const me = await check(async () => {
    const { data, requestId, rateLimit } = await client.auth.me().withResponse();
    return { environment: data.environment, organisation: data.organisation.name, requestId: requestId ?? null, rateLimitLimit: rateLimit?.limit ?? null };
  });

  const walk = await check(async () => {
    for await (const agent of client.agents.list({ per_page: WALK_PER_PAGE })) ids.push(agent.id);
    return { ids };
  });

  const notFound = await check(async () => {
    const error: unknown = await client.agents.get(MISSING_AGENT_ID).then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof NotFoundError)) return { thrown: error === null ? 'nothing' : describeError(error) };
    return { thrown: 'NotFoundError', status: error.status, code: error.code, requestId: error.requestId ?? null };
  });

  // The API answers the first GET of an existing agent with 503 and `Retry-After: 0`.
  const retried = await check(async () => {
    const id = ids[0];
    if (id === undefined) throw new Error('the walk found no agent to fetch');
    const { data, requestId } = await client.agents.get(id).withResponse();
    return { id: data.id, requestId: requestId ?? null };
  });

  const abort = await check(async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const error: unknown = await client.agents.list({ client_id: SLOW_CLIENT_ID }, { signal: controller.signal }).then(
      () => null,
      (e: unknown) => e,
    );
    const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : String(error);
    return { name, elapsedMs: Date.now() - started };
  });

  const write = await check(async () => {
    const { items } = await client.clients.list({ per_page: 1 });
    const owner = items[0];
    if (owner === undefined) throw new Error('the API has no client to file a ticket for');
    const ticket = await client.tickets.create({ subject: 'Runtime matrix', description: 'Filed by the runtime matrix', client_id: owner.id });
    return { id: ticket.id, subject: ticket.subject };
  });

  const core = await check(async () => {
    const low = createCoreClient({ apiKey, baseUrl, logLevel: 'off' });
    const { data } = await low.GET('/v1/auth/me');
    const missing = await low.GET('/v1/agents/{agent_id}', { params: { path: { agent_id: MISSING_AGENT_ID } } });
    return { environment: data?.data.environment ?? null, facade: typeof (low as unknown as Record<string, unknown>)['agents'], missingStatus: missing.response.status, missingCode: missing.error?.error.code ?? null };
  });

  return { me, walk, notFound, retried, abort, write, core };
}
