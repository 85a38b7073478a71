/**
 * `opsmerge login` stores a key in a profile; `opsmerge logout` removes it. The key is read
 * from stdin or a hidden prompt — never from an argument, which shell history and `ps`
 * would keep — checked with `GET /v1/auth/me`, and written owner-only.
 */
import type { Command } from 'commander';
import { keyEnvironment } from '@opsmerge/sdk';
import { DEFAULT_PROFILE, readConfig, writeConfig, type Profile } from '../config.js';
import { CliError, ExitCode, usageError } from '../exit-codes.js';
import { readSecret } from '../prompt.js';
import { examples, type Builder } from '../builder.js';
import { maskedKey } from './whoami.js';

function profileName(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const name = flag ?? (env['OPSMERGE_PROFILE'] || DEFAULT_PROFILE);
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw usageError(`invalid profile name "${name}"`, 'use letters, digits, ".", "_" or "-"');
  return name;
}

/** Adds `login` and `logout`. */
export function addLoginCommands(program: Command, builder: Builder): void {
  const login = program
    .command('login')
    .description('store an API key in a profile (owner-only file); reads it from stdin or a hidden prompt')
    .helpGroup('Account:')
    .option('--no-verify', 'store the key without checking it against the API');
  login.addHelpText('after', '\nThe key is never taken from an argument or echoed. With --base-url, the profile remembers that URL (a mock, a proxy).\n');
  examples(login, [
    'opsmerge login                       # paste the key at the hidden prompt',
    'opsmerge login --profile staging < key.txt',
    'opsmerge login --profile mock --base-url http://127.0.0.1:4010 < mock-key.txt',
  ]);
  builder.action(login, async (ctx, _args, options) => {
    if (ctx.globals.apiKey !== undefined) {
      throw usageError('login does not take --api-key', 'pipe the key in (`opsmerge login < key.txt`) or paste it at the prompt, so it stays out of shell history');
    }
    const name = profileName(ctx.globals.profile, ctx.io.env);
    const apiKey = await readSecret('OpsMerge API key (input hidden): ', ctx.io.stdin, ctx.io.stderr);
    ctx.addSecret(apiKey);
    let environment: string;
    try {
      environment = keyEnvironment(apiKey);
    } catch (error) {
      // The SDK's message describes the problem without echoing any part of the key.
      throw new CliError((error as Error).message.replace(/^Invalid option "[^"]*": /, ''), {
        exitCode: ExitCode.auth,
        code: 'INVALID_API_KEY',
        hint: 'paste the whole key: om_live_ or om_test_ followed by 32 letters and digits',
      });
    }
    const baseUrl = ctx.globals.baseUrl;
    const profile: Profile = { api_key: apiKey, ...(baseUrl === undefined ? {} : { base_url: baseUrl }) };
    let who = `${maskedKey(apiKey.slice(0, 8), apiKey.slice(-4))} (${environment})`;
    if (options['verify'] !== false) {
      const me = await ctx.clientFor(apiKey, baseUrl).auth.me();
      who = `${me.key ? `${me.key.name}, ${maskedKey(me.key.key_prefix, me.key.last4)}` : 'an OAuth token'} — ${me.organisation.name} (${me.environment})`;
    }
    const path = ctx.configPath;
    const config = await readConfig(path, (line) => ctx.output.note(line));
    config.profiles[name] = profile;
    await writeConfig(path, config);
    if (ctx.output.machine) ctx.output.json({ profile: name, path, verified: options['verify'] !== false });
    else ctx.output.line(`Logged in as ${who}. Saved profile "${name}" to ${path}.`);
  });

  const logout = program
    .command('logout')
    .description('remove a stored profile (the key stays valid: `opsmerge keys revoke` ends it)')
    .helpGroup('Account:');
  examples(logout, ['opsmerge logout', 'opsmerge logout --profile staging']);
  builder.action(logout, async (ctx) => {
    const name = profileName(ctx.globals.profile, ctx.io.env);
    const path = ctx.configPath;
    const config = await readConfig(path, (line) => ctx.output.note(line));
    if (!config.profiles[name]) {
      throw new CliError(`there is no profile "${name}" in ${path}`, { exitCode: ExitCode.other, code: 'PROFILE_NOT_FOUND', hint: 'nothing to remove' });
    }
    delete config.profiles[name];
    await writeConfig(path, config);
    if (ctx.output.machine) ctx.output.json({ profile: name, path, removed: true });
    else ctx.output.line(`Removed profile "${name}" from ${path}.`);
  });
}
