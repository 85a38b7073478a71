import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installConsumer, packOnce } from '../package/support.js';
import { CORS, startRuntimeApi, type LoggedRequest } from './api.js';
import { MISSING_AGENT_ID, WALK_PER_PAGE, type Check, type ScenarioReport } from './scenario.js';
import { prepareScenario, RUNTIMES, type Availability, type Runtime } from './runtimes.js';

/**
 * The runtime matrix: the packed `@opsmerge/sdk`, installed from its tarball, runs one scenario
 * (scenario.ts) on Node 20, 22 and 24, Deno, Bun, headless Chromium (cross-origin, under CORS),
 * workerd and edge-runtime, each against a local API of its own (api.ts). A runtime that cannot
 * run on this machine is skipped with the reason in the test's name.
 */

// Probed while the tests are collected, so a skip can say why in its name.
const probes = new Map<Runtime, Availability>();
for (const runtime of RUNTIMES) probes.set(runtime, await runtime.probe());

let consumer: string;

beforeAll(async () => {
  const packed = await packOnce();
  consumer = (await installConsumer(packed, 'sdk', ['@opsmerge/sdk'])).dir;
  await prepareScenario(consumer);
}, 600_000);

/** What the API held and saw during one runtime's run. */
interface Run {
  report: ScenarioReport & { pageOrigin?: string; consoleErrors?: string[] };
  log: readonly LoggedRequest[];
  apiUrl: string;
  organisation: string;
  agents: string[];
}

/** The observations of a check that did not throw; a thrown one fails with its error. */
function saw(check: Check | undefined): Record<string, unknown> {
  expect(check, 'the check is missing from the report').toBeDefined();
  if (!check!.ok) expect.fail(`the check threw ${check!.error}`);
  return check as Record<string, unknown>;
}

const requests = (log: readonly LoggedRequest[], method: string, path: RegExp): LoggedRequest[] => log.filter((r) => r.method === method && path.test(r.url));

describe.each(RUNTIMES.map((runtime) => [runtime.name, runtime] as const))('%s', (name, runtime) => {
  const probe = probes.get(runtime)!;
  if (!probe.available) {
    it.skip(`is skipped: ${probe.reason}`, () => undefined);
    return;
  }

  let run: Run;
  beforeAll(async () => {
    const api = await startRuntimeApi();
    try {
      const report = (await runtime.run({ consumer, apiUrl: api.url, apiKey: api.mock.testKey })) as Run['report'];
      run = { report, log: api.log, apiUrl: api.url, organisation: api.mock.store.data.organisation.name, agents: api.mock.store.data.agents.map((a) => a.id) };
    } finally {
      await api.close();
    }
  }, 120_000);

  it(`runs here: ${probe.version}`, () => {
    expect(run.report).toBeTypeOf('object');
  });

  it('auth.me: the sandbox organisation, and the X-Request-Id and X-RateLimit-Limit of the response are readable', () => {
    expect(saw(run.report.me)).toEqual({ ok: true, environment: 'sandbox', organisation: run.organisation, requestId: expect.stringMatching(/^req_/), rateLimitLimit: 300 });
  });

  it(`agents.list walks every page (${WALK_PER_PAGE} per page): each agent once, in the API's order`, () => {
    expect(saw(run.report.walk)['ids']).toEqual(run.agents);
    const pages = requests(run.log, 'GET', /^\/v1\/agents\?(?!.*client_id)/);
    expect(pages).toHaveLength(Math.ceil(run.agents.length / WALK_PER_PAGE));
    expect(pages.every((p) => p.url.includes(`per_page=${WALK_PER_PAGE}`) && p.status === 200)).toBe(true);
  });

  it('a 404 throws NotFoundError with the code and the request id of the response', () => {
    expect(saw(run.report.notFound)).toEqual({ ok: true, thrown: 'NotFoundError', status: 404, code: 'NOT_FOUND', requestId: expect.stringMatching(/^req_/) });
    // The facade's call, then the core client's (the last check).
    expect(requests(run.log, 'GET', new RegExp(`^/v1/agents/${MISSING_AGENT_ID}$`)).map((r) => r.status)).toEqual([404, 404]);
  });

  it('a 503 with Retry-After: 0 is retried once, and the call returns the agent', () => {
    const first = run.agents[0]!;
    expect(saw(run.report.retried)).toEqual({ ok: true, id: first, requestId: expect.stringMatching(/^req_/) });
    expect(requests(run.log, 'GET', new RegExp(`^/v1/agents/${first}$`)).map((r) => r.status)).toEqual([503, 200]);
  });

  it('agents.list(query, { signal }) rejects with AbortError when the signal aborts a pending request', () => {
    expect(saw(run.report.abort)).toEqual({ ok: true, name: 'AbortError', elapsedMs: expect.any(Number) });
    expect(saw(run.report.abort)['elapsedMs']).toBeLessThan(5_000);
  });

  it('tickets.create sends JSON with an Idempotency-Key, and returns the ticket', () => {
    expect(saw(run.report.write)).toEqual({ ok: true, id: expect.stringMatching(/^tkt_/), subject: 'Runtime matrix' });
    const [post, ...more] = requests(run.log, 'POST', /^\/v1\/tickets$/);
    expect(more).toEqual([]);
    expect(post).toMatchObject({ idempotencyKey: true, contentType: expect.stringMatching(/^application\/json/), status: 201 });
  });

  it("the core entry: createCoreClient's GET reads auth.me, and a 404 comes back as { error } with the code", () => {
    expect(saw(run.report.core)).toEqual({ ok: true, environment: 'sandbox', facade: 'undefined', missingStatus: 404, missingCode: 'NOT_FOUND' });
  });

  it('every call to the API carried the key in Authorization', () => {
    const calls = run.log.filter((r) => r.method !== 'OPTIONS');
    expect(calls.length).toBeGreaterThan(5);
    expect(calls.filter((r) => !r.authorization)).toEqual([]);
  });

  if (runtime.crossOrigin) it('crossed origins under CORS: every request from the page origin, preflights asking only for the headers the API allows, no CORS error in the console', () => {
    const allowed = CORS.allowHeaders.map((h) => h.toLowerCase());
    expect(run.report.pageOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(run.report.pageOrigin).not.toBe(new URL(run.apiUrl).origin);
    expect(run.log.filter((r) => r.origin !== run.report.pageOrigin)).toEqual([]);
    const preflights = run.log.filter((r) => r.method === 'OPTIONS');
    expect(preflights.length).toBeGreaterThan(0);
    expect(preflights.flatMap((p) => p.preflightHeaders).filter((h) => !allowed.includes(h))).toEqual([]);
    // Chrome logs every non-2xx answer (the 404s, the 503) as a console error; a CORS refusal says so.
    expect(run.report.consoleErrors?.filter((e) => /CORS|Access-Control/i.test(e))).toEqual([]);
  });
});
