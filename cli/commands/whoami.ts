/** `opsmerge whoami`: the organisation, key, scopes, environment and rate-limit budget. */
import type { Command } from 'commander';
import type { Me } from '@opsmerge/sdk';
import { examples, type Builder } from '../builder.js';

/** `om_test_…wVg4`: the prefix and last four characters, never the key. */
export function maskedKey(prefix: string, last4: string): string {
  return `${prefix}…${last4}`;
}

/** "in 42 s", "in 3 min" */
function fromNow(epochSeconds: number, nowMs = Date.now()): string {
  const seconds = Math.max(0, Math.round(epochSeconds - nowMs / 1000));
  return seconds < 120 ? `in ${seconds} s` : `in ${Math.round(seconds / 60)} min`;
}

function rows(me: Me, baseUrl: string, source: string): Array<[string, unknown]> {
  const org = me.organisation;
  const out: Array<[string, unknown]> = [['Organisation', `${org.name} (${org.id}, ${org.plan} plan)`]];
  if (me.user) out.push(['User', `${me.user.name} <${me.user.email}>`]);
  out.push(['Key', me.key ? `${me.key.name} — ${maskedKey(me.key.key_prefix, me.key.last4)} (${me.key.id})` : 'none (OAuth token)']);
  out.push(['Credentials from', source]);
  out.push(['Environment', me.environment]);
  out.push(['Base URL', baseUrl]);
  out.push(['Scopes', me.scopes && me.scopes.length > 0 ? me.scopes.join(', ') : '-']);
  const rate = me.rate_limit;
  out.push(['Rate limit', `${rate.remaining} of ${rate.limit} requests left, window resets ${fromNow(rate.reset)} (${new Date(rate.reset * 1000).toISOString()})`]);
  out.push(['Daily quota', rate.daily_quota ?? 'none']);
  return out;
}

/** Adds `whoami`. */
export function addWhoamiCommand(program: Command, builder: Builder): void {
  const command = program
    .command('whoami')
    .description('show the organisation, key, scopes, environment and rate-limit budget in use')
    .helpGroup('Account:');
  examples(command, ['opsmerge whoami', 'opsmerge whoami --json | jq .scopes', 'OPSMERGE_API_KEY=om_test_… opsmerge whoami --base-url http://127.0.0.1:4010']);
  builder.action(command, async (ctx) => {
    const { apiKey, baseUrl, source } = await ctx.credentials();
    const client = ctx.clientFor(apiKey, baseUrl);
    const me = await client.auth.me();
    if (ctx.output.machine) ctx.output.json(me);
    else ctx.output.record(rows(me, client.baseUrl, source));
  });
}
