/**
 * `opsmerge mock --stateful`: the flags that set up the sandbox (plan, quota, rate limits,
 * clock, OAuth, control token) and the banner that tells a newcomer everything they need:
 * where it runs, what "now" is, which scenarios are on, the OAuth test clients, the control
 * token and ready `export` lines. Imports no msw, so `--help` and flag errors work without it.
 */
import { InvalidArgumentError } from 'commander';
import { operations, type Me } from '@opsmerge/sdk';
import type { MockServerOptions, RunningMockServer } from '@opsmerge/mocks/server';
import type { ScenarioName } from '@opsmerge/mocks/scenarios';
import type { Context } from '../context.js';

/** The plans, cheapest first (the spec's `Me.organisation.plan`). */
export const PLANS = ['free', 'starter', 'growth', 'enterprise'] as const satisfies ReadonlyArray<Me['organisation']['plan']>;

const GROUPS: ReadonlySet<string> = new Set(Object.values(operations).map((op) => op.rateLimitGroup));

/** `--daily-quota 500` or `none`. */
export function limitParser(label: string): (value: string) => number | null {
  return (value) => {
    if (value.trim().toLowerCase() === 'none') return null;
    if (!/^\d{1,10}$/.test(value.trim())) throw new InvalidArgumentError(`${label} must be a whole number of requests, or none.`);
    return Number(value);
  };
}

/** A parsed `--rate-limit group=limit/seconds`. */
export type RateLimitFlags = Record<string, { limit: number; windowMs: number }>;

/** `--rate-limit default=5/1` (repeatable): a group's requests per window of seconds. */
export function rateLimitParser(value: string, previous: RateLimitFlags = {}): RateLimitFlags {
  const match = /^([a-z_]+)=(\d{1,9})\/(\d{1,6})$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('give GROUP=LIMIT/SECONDS, e.g. default=5/1 or events=10/60.');
  const [, group, limit, seconds] = match;
  if (!GROUPS.has(group!)) throw new InvalidArgumentError(`unknown group "${group}"; groups: ${[...GROUPS].join(', ')}.`);
  if (Number(limit) < 1 || Number(seconds) < 1) throw new InvalidArgumentError('LIMIT and SECONDS must be at least 1.');
  return { ...previous, [group!]: { limit: Number(limit), windowMs: Number(seconds) * 1000 } };
}

/** `--oauth-redirect-uri` (repeatable): absolute, without a fragment (RFC 6749 §3.1.2). */
export function redirectUriParser(value: string, previous: string[] = []): string[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('must be an absolute URI, e.g. http://127.0.0.1:8765/callback.');
  }
  if (value.includes('#') || url.hash !== '') throw new InvalidArgumentError('must not contain a fragment (#…).');
  return [...previous, value];
}

/** `--control-token`: 16–200 printable characters without spaces (it goes in a header). */
export function controlTokenParser(value: string): string {
  if (!/^[\x21-\x7e]{16,200}$/.test(value)) throw new InvalidArgumentError('must be 16 to 200 printable ASCII characters without spaces.');
  return value;
}

/** The stateful mock's settings from the parsed flags. */
export function statefulSettings(options: Record<string, unknown>): Omit<MockServerOptions, 'port' | 'host'> & { environment: 'sandbox' | 'production' } {
  const redirectUris = options['oauthRedirectUri'] as string[] | undefined;
  const controlToken = options['controlToken'] as string | undefined;
  const rateLimits = options['rateLimit'] as RateLimitFlags | undefined;
  const dailyQuota = options['dailyQuota'] as number | null | undefined;
  const now = options['now'] as string | undefined;
  return {
    seed: options['seed'] as number,
    environment: options['environment'] === 'production' ? 'production' : 'sandbox',
    plan: options['plan'] as (typeof PLANS)[number],
    clock: options['clock'] === 'frozen' ? 'frozen' : 'running',
    now: now === undefined ? 'real-time' : new Date(now),
    scenarios: (options['scenario'] as ScenarioName[] | undefined) ?? [],
    oauth: { accessTokenTtlSeconds: options['oauthTokenTtl'] as number, consent: options['oauthConsent'] === true, ...(redirectUris ? { redirectUris } : {}) },
    ...(dailyQuota === undefined ? {} : { dailyQuota }),
    ...(rateLimits ? { rateLimits } : {}),
    ...(controlToken ? { controlToken } : {}),
  };
}

function describeLimits(mock: RunningMockServer): { plan: string; limits: string } {
  const { store } = mock.api;
  const limits = store.limits();
  const keys = limits.keyLimit === null ? 'unlimited API keys' : `${limits.keyLimit} active API keys`;
  const quota = limits.dailyQuota === null ? 'no daily quota' : `${limits.dailyQuota.toLocaleString('en')} requests/day per key`;
  const allowLists = limits.ipAllowLists ? 'IP allow-lists' : 'no IP allow-lists';
  return {
    plan: `${store.data.organisation.plan}: ${keys}, ${quota}, ${allowLists}`,
    limits: Object.entries(mock.api.rateLimits)
      .map(([group, w]) => `${group} ${w.limit}/${w.windowMs / 1000} s`)
      .join(', '),
  };
}

/** Prints what the stateful mock is and how to use it: a JSON line with --json/--ndjson, else a banner. */
export function announceStateful(ctx: Context, mock: RunningMockServer, environment: 'sandbox' | 'production'): void {
  const { api, url } = mock;
  const apiKey = environment === 'production' ? api.liveKey : api.testKey;
  const confidential = api.oauth.clients.find((c) => c.secret !== undefined)!;
  const publicClient = api.oauth.clients.find((c) => c.secret === undefined)!;
  const now = api.store.nowIso();
  const clock = api.clock.followsRealTime ? 'running with real time' : api.clock.mode === 'running' ? `running from ${api.clock.start().toISOString().replace(/\.\d{3}Z$/, 'Z')}` : 'frozen; advance it with the control API';
  const scenarios = api.activeScenarios();
  const control = api.control!;
  if (ctx.output.machine) {
    ctx.output.json({
      kind: 'stateful',
      url,
      api_key: apiKey,
      environment,
      now,
      clock: api.clock.mode,
      plan: api.store.data.organisation.plan,
      scenarios,
      oauth: {
        authorize_url: api.oauth.authorizeUrl,
        token_url: api.oauth.tokenUrl,
        revoke_url: api.oauth.revokeUrl,
        clients: api.oauth.clients.map((c) => ({ client_id: c.id, ...(c.secret === undefined ? {} : { client_secret: c.secret }), redirect_uris: c.redirectUris })),
      },
      control: { url: control.url, token: control.token },
    });
    return;
  }
  const { plan, limits } = describeLimits(mock);
  const lines = [
    `OpsMerge stateful mock on ${url} — ${environment} key ${apiKey}`,
    `  now        ${now} (clock ${clock})`,
    `  plan       ${plan}`,
    `  limits     ${limits}`,
    `  scenarios  ${scenarios.length === 0 ? 'none' : scenarios.join(', ')}`,
    `  OAuth      ${api.oauth.authorizeUrl} · /oauth/token · /oauth/revoke`,
    `             client ${confidential.id} (secret ${confidential.secret}), public client ${publicClient.id} (PKCE only)`,
    `             redirect URI ${confidential.redirectUris.join(', ')}`,
    `  control    ${control.url}/state … with Authorization: Bearer ${control.token}`,
    '',
    `export OPSMERGE_BASE_URL=${url}`,
    `export OPSMERGE_API_KEY=${apiKey}`,
    `export OPSMERGE_MOCK_TOKEN=${control.token}`,
    `export OPSMERGE_OAUTH_CLIENT_ID=${confidential.id} OPSMERGE_OAUTH_CLIENT_SECRET=${confidential.secret}`,
    '',
    `try: curl -H "Authorization: Bearer $OPSMERGE_API_KEY" "$OPSMERGE_BASE_URL/v1/auth/me"`,
    '     opsmerge whoami',
  ];
  for (const line of lines) ctx.output.line(line);
  ctx.output.note('Ctrl-C stops it.');
}

/** A key of the right shape for Prism, which accepts any credentials of the right form. */
const PRISM_KEY = 'om_test_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a';

/** Prints Prism's base URL and a key of the right shape. */
export function announcePrism(ctx: Context, url: string): void {
  if (ctx.output.machine) {
    ctx.output.json({ kind: 'prism', url, api_key: PRISM_KEY, environment: 'sandbox' });
    return;
  }
  ctx.output.line(`OpsMerge Prism mock (stateless, validating) on ${url} — sandbox key ${PRISM_KEY}`);
  ctx.output.line('');
  ctx.output.line(`export OPSMERGE_BASE_URL=${url}`);
  ctx.output.line(`export OPSMERGE_API_KEY=${PRISM_KEY}`);
  ctx.output.line('');
  ctx.output.line(`try: curl -H "Authorization: Bearer $OPSMERGE_API_KEY" "$OPSMERGE_BASE_URL/v1/auth/me"`);
  ctx.output.note('Ctrl-C stops it.');
}
