/**
 * What the building blocks of a request cost on this machine, in a process of its own: the
 * fetch-standard objects a pipeline may create per request, the SDK's own helpers, and one whole
 * call with a `fetch` that answers from memory (the SDK's JavaScript alone, no socket).
 */
import createFetchClient from 'openapi-fetch';
import type { paths } from '../../generated/schema.js';
import { API_KEY } from '../clients.js';
import { ME } from '../server/fixtures.js';
import { IDLE_POLICIES, IN_MEMORY, type UnitCost } from './unit-costs.js';

const sdkIndex = process.env.BENCH_SDK ?? new URL('../../src/index.js', import.meta.url).href;
const { parseRateLimitHeaders } = (await import(new URL('./headers/rate-limit.js', sdkIndex).href)) as typeof import('../../src/headers/rate-limit.js');
const { createClient } = (await import(sdkIndex)) as typeof import('../../src/index.js');
const sdkModule = <T>(path: string): Promise<T> => import(new URL(path, sdkIndex).href) as Promise<T>;
const { composePolicies } = await sdkModule<typeof import('../../src/transport/compose.js')>('./transport/compose.js');
const { stabilityPolicy } = await sdkModule<typeof import('../../src/transport/stability.js')>('./transport/stability.js');
const { deprecationPolicy } = await sdkModule<typeof import('../../src/transport/deprecation.js')>('./transport/deprecation.js');
const { idempotencyPolicy } = await sdkModule<typeof import('../../src/transport/idempotency.js')>('./transport/idempotency.js');
const { logPolicy } = await sdkModule<typeof import('../../src/transport/log.js')>('./transport/log.js');
const { InternalLogger, SecretRegistry } = await sdkModule<typeof import('../../src/internal/logger.js')>('./internal/logger.js');
const { route } = await sdkModule<typeof import('../../src/internal/routes.js')>('./internal/routes.js');
const text = JSON.stringify(ME);
const headers = new Headers({
  'content-type': 'application/json; charset=utf-8',
  'x-request-id': 'req_000000000000000000000001',
  'x-ratelimit-limit': '300',
  'x-ratelimit-remaining': '299',
  'x-ratelimit-reset': '1795689660',
});
const bytes = new TextEncoder().encode(text).buffer;
const url = 'http://127.0.0.1:9/v1/auth/me';
const iterations = Number(process.argv[2] ?? 20_000);

/** A `fetch` that answers at once, from memory, with the API's headers. */
let served = 0;
const memoryFetch = async (): Promise<Response> =>
  new Response(text, {
    status: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-request-id': `req_${(++served).toString(16).padStart(24, '0')}`,
      'x-ratelimit-limit': '10000000',
      'x-ratelimit-remaining': String(10_000_000 - (served % 100_000)),
      'x-ratelimit-reset': String(Math.ceil(Date.now() / 60_000) * 60),
    },
  });
const low = createFetchClient<paths>({ baseUrl: 'http://127.0.0.1:9', headers: { authorization: `Bearer ${API_KEY}` }, fetch: memoryFetch as typeof fetch });
const ours = createClient({ apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9', logLevel: 'off', fetch: memoryFetch as typeof fetch });

// The pipeline's performance rule (src/transport/compose.ts): a policy with nothing to do returns
// `next`'s promise itself, with no async frame or `then` of its own. These rows price it: four
// idle policies composed around a `next` that answers at once, against that `next` alone. An
// idle policy that awaits shows here as a microtask turn per call.
const answered = Promise.resolve(new Response(null, { status: 204 }));
const next = (): Promise<Response> => answered;
const idle = composePolicies([stabilityPolicy('stable'), deprecationPolicy({ mode: 'off' }), idempotencyPolicy(), logPolicy()], next);
const idleRequest = { url: new URL(url), method: 'GET', headers, body: undefined };
const idleContext = {
  operation: route('auth_me'),
  method: 'GET',
  path: '/v1/auth/me',
  signal: undefined,
  timeoutMs: 60_000,
  maxRetries: 2,
  maxWaitMs: 60_000,
  idempotencyKey: undefined,
  maxResponseBytes: 10 * 1024 * 1024,
  attempt: 1,
  attemptSignal: undefined,
  credential: undefined,
  rateLimit: undefined,
  logger: new InternalLogger(undefined, 'off', new SecretRegistry()),
  scrub: (text: string) => text,
};

const cases: [string, () => unknown][] = [
  [IDLE_POLICIES[0], () => composePolicies([], next)(idleRequest, idleContext)],
  [IDLE_POLICIES[1], () => idle(idleRequest, idleContext)],
  [IN_MEMORY[0], () => low.GET('/v1/auth/me')],
  [IN_MEMORY[1], () => ours.auth.me()],
  ['`new Response(text, { headers })` (a new body stream)', () => new Response(text, { status: 200, headers })],
  ['`new Response(text)` + `.clone()` (a tee of the body stream)', () => new Response(text).clone()],
  ['`new Request(url, init)`', () => new Request(url, { method: 'GET', headers })],
  ['`new Request(url, { …init, signal })` (undici then follows the signal)', () => new Request(url, { method: 'GET', headers, signal: new AbortController().signal })],
  ['`new Headers(headers)` (a copy)', () => new Headers(headers)],
  ['`new URL(url)`', () => new URL(url)],
  ['`headers.get(name)`', () => headers.get('x-ratelimit-remaining')],
  ['`JSON.parse` of the /v1/auth/me body', () => JSON.parse(text)],
  ['`TextDecoder.decode` of the body', () => new TextDecoder().decode(bytes)],
  ['`AbortController` + `setTimeout` + `clearTimeout`', () => clearTimeout(setTimeout(() => new AbortController().abort(), 60_000))],
  ['our `parseRateLimitHeaders` (the X-RateLimit-* and IETF fields)', () => parseRateLimitHeaders(headers, Date.now())],
];

const results: UnitCost[] = [];
for (const [name, fn] of cases) {
  // Promises are awaited one at a time: a whole call is timed, not only its synchronous start.
  const isAsync = fn() instanceof Promise || typeof (fn() as { then?: unknown })?.then === 'function';
  const loop = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) isAsync ? await fn() : fn();
  };
  await loop(iterations / 4);
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const started = performance.now();
    await loop(iterations);
    runs.push(((performance.now() - started) * 1000) / iterations);
  }
  results.push({ name, us: runs.sort((a, b) => a - b)[2] as number });
}
process.send?.(results);
