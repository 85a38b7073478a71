/**
 * One `GET /v1/auth/me` per call, with each client used the way its docs show, the body parsed
 * as JSON and the API key sent on every request. Each factory imports its client lazily so a
 * worker process loads only the client it measures.
 */
import type { paths } from '../generated/schema.js';

/** A valid sandbox key (`om_test_` + 32 letters or digits). */
export const API_KEY = 'om_test_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a';
const AUTH = { authorization: `Bearer ${API_KEY}` };

export type Call = () => Promise<unknown>;

function check(ok: boolean, name: string): void {
  if (!ok) throw new Error(`${name}: GET /v1/auth/me did not return the identity`);
}

/** The SDK under test: the compiled build named by `BENCH_SDK` (see lib/build-sdk.ts), else `src/`. */
export async function importSdk(): Promise<typeof import('../src/index.js')> {
  return (await import(process.env.BENCH_SDK ?? '../src/index.js')) as typeof import('../src/index.js');
}

export const CLIENTS = {
  'undici.request': async (baseUrl: string): Promise<Call> => {
    const { request } = await import('undici');
    const url = `${baseUrl}/v1/auth/me`;
    return async () => {
      const { statusCode, body } = await request(url, { headers: AUTH });
      const json = (await body.json()) as { data?: unknown };
      check(statusCode === 200 && !!json.data, 'undici');
    };
  },
  fetch: async (baseUrl: string): Promise<Call> => {
    const url = `${baseUrl}/v1/auth/me`;
    return async () => {
      const response = await fetch(url, { headers: AUTH });
      const json = (await response.json()) as { data?: unknown };
      check(response.ok && !!json.data, 'fetch');
    };
  },
  'openapi-fetch': async (baseUrl: string): Promise<Call> => {
    const { default: createClient } = await import('openapi-fetch');
    const client = createClient<paths>({ baseUrl, headers: AUTH });
    return async () => {
      const { data } = await client.GET('/v1/auth/me');
      check(!!data?.data, 'openapi-fetch');
    };
  },
  // What a deadline per request costs any `fetch` client: the caller's own AbortController and
  // timer, the way openapi-fetch's docs show a timeout. Our clients always have one (`timeout`).
  'openapi-fetch + deadline': async (baseUrl: string): Promise<Call> => {
    const { default: createClient } = await import('openapi-fetch');
    const client = createClient<paths>({ baseUrl, headers: AUTH });
    return async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 60_000);
      try {
        const { data } = await client.GET('/v1/auth/me', { signal: controller.signal });
        check(!!data?.data, 'openapi-fetch + deadline');
      } finally {
        clearTimeout(timer);
      }
    };
  },
  'ours: client.GET': async (baseUrl: string): Promise<Call> => {
    const { createClient } = await importSdk();
    const client = createClient({ apiKey: API_KEY, baseUrl, logLevel: 'off' });
    return async () => {
      const { data } = await client.GET('/v1/auth/me');
      check(!!data?.data, 'ours: client.GET');
    };
  },
  'ours: client.auth.me()': async (baseUrl: string): Promise<Call> => {
    const { createClient } = await importSdk();
    const client = createClient({ apiKey: API_KEY, baseUrl, logLevel: 'off' });
    return async () => check(!!(await client.auth.me()).organisation, 'ours: client.auth.me()');
  },
  'ours: client.auth.me(), pacing off': async (baseUrl: string): Promise<Call> => {
    const { createClient } = await importSdk();
    const client = createClient({ apiKey: API_KEY, baseUrl, logLevel: 'off', rateLimit: { mode: 'off' } });
    return async () => check(!!(await client.auth.me()).organisation, 'ours, pacing off');
  },
  openai: async (baseUrl: string): Promise<Call> => {
    const { default: OpenAI } = await import('openai');
    const client = new OpenAI({ apiKey: API_KEY, baseURL: baseUrl });
    return async () => check(!!(await client.get<{ data?: unknown }>('/v1/auth/me')).data, 'openai');
  },
  '@octokit/core': async (baseUrl: string): Promise<Call> => {
    const { Octokit } = await import('@octokit/core');
    // Octokit's `auth` option sends `token <key>`, a scheme the API does not accept.
    const octokit = new Octokit({ baseUrl });
    return async () => {
      const { data } = (await octokit.request('GET /v1/auth/me', { headers: AUTH })) as { data: { data?: unknown } };
      check(!!data.data, '@octokit/core');
    };
  },
  ky: async (baseUrl: string): Promise<Call> => {
    const { default: ky } = await import('ky');
    const api = ky.create({ baseUrl, headers: AUTH });
    return async () => check(!!(await api.get('v1/auth/me').json<{ data?: unknown }>()).data, 'ky');
  },
} satisfies Record<string, (baseUrl: string) => Promise<Call>>;

export type ClientName = keyof typeof CLIENTS;
export const CLIENT_NAMES = Object.keys(CLIENTS) as ClientName[];

/** Runs `n` calls with `inFlight` of them outstanding at any time. */
export async function drive(call: Call, n: number, inFlight: number): Promise<void> {
  let started = 0;
  const lane = async (): Promise<void> => {
    while (started < n) {
      started++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, n) }, lane));
}
