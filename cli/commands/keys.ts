/**
 * `opsmerge keys list | get | create | revoke`. Only `create` ever prints a full key — the
 * API returns it once — with the warning that it cannot be shown again; lists show the
 * prefix and last four characters.
 */
import { Option, type Command } from 'commander';
import { operations, type ApiKey, type ApiKeyCreate, type Scope } from '@opsmerge/sdk';
import { usageError } from '../exit-codes.js';
import { addListOptions, listRequest, parseTime } from '../list-options.js';
import { runGet, runList } from '../list-runner.js';
import type { Column } from '../output.js';
import { examples, type Builder } from '../builder.js';
import { maskedKey } from './whoami.js';

/**
 * The scope catalogue: `admin` and every scope an operation requires (the spec's `Scope` enum;
 * test/spec/scopes.test.ts checks that the two are the same set).
 */
const SCOPES: ReadonlySet<string> = new Set(['admin', ...Object.values(operations).flatMap((op) => op.scopes)]);

const COLUMNS: Column[] = [
  { key: 'id', heading: 'ID' },
  { key: 'name', heading: 'NAME' },
  { key: 'key', heading: 'KEY', value: (row) => maskedKey(String(row['key_prefix']), String(row['last4'])) },
  { key: 'status', heading: 'STATUS' },
  { key: 'scopes', heading: 'SCOPES' },
  { key: 'expires_at', heading: 'EXPIRES' },
  { key: 'last_used_at', heading: 'LAST USED' },
];

/** Parses `--scopes agents:read,alerts:write` (commas or spaces), rejecting scopes the API does not have. */
export function parseScopes(value: string): Scope[] {
  const scopes = [...new Set(value.split(/[\s,]+/).filter((s) => s !== ''))];
  const bad = scopes.filter((s) => !SCOPES.has(s));
  if (scopes.length === 0) throw usageError('--scopes is empty', 'list scopes such as agents:read,alerts:write, or use --preset read');
  if (bad.length > 0) throw usageError(`not a scope: ${bad.join(', ')}`, 'scopes come from a closed list (`opsmerge keys create --help` shows it), e.g. agents:read, psa_tickets:write, or admin');
  return scopes as Scope[];
}

/** `--expires 2027-01-01` (midnight UTC) or an RFC 3339 time. */
function parseExpiry(value: string): string {
  if (/^\d+\s*[mhdw]$/i.test(value.trim())) throw usageError('--expires needs a date, not a span', 'give a date such as 2027-01-01 or 2027-01-01T12:00:00Z');
  return parseTime(value, '--expires');
}

/** Adds `keys` and its subcommands. */
export function addKeysCommand(program: Command, builder: Builder): void {
  const keys = program.command('keys').description('list, inspect, create and revoke API keys').helpGroup('Account:');
  examples(keys, ['opsmerge keys list', 'opsmerge keys create --name "PSA sync" --preset read', 'opsmerge keys revoke key_01HZX0D7F8']);

  const list = addListOptions(keys.command('list').description('list the organisation\'s API keys (prefix and last four characters only)'), operations.apiKeys_list);
  examples(list, ['opsmerge keys list', 'opsmerge keys list --status active --json']);
  builder.action(list, (ctx, args, options) =>
    runList(ctx, operations.apiKeys_list, listRequest(operations.apiKeys_list, args, options), { label: 'API keys', columns: COLUMNS }),
  );

  const get = keys.command('get').argument('<key-id>', 'the key\'s id (key_…)').description('show one API key (never the secret)');
  examples(get, ['opsmerge keys get key_01HZX0D7F8']);
  builder.action(get, (ctx, [id]) => runGet(ctx, operations.apiKeys_get, [id!]));

  const create = keys
    .command('create')
    .description('create an API key and print it — once: it cannot be shown again')
    .requiredOption('--name <name>', 'what the key is for (1–100 characters), shown in the key list')
    .addOption(new Option('--scopes <scopes>', 'comma-separated scopes, e.g. agents:read,alerts:write').conflicts('preset'))
    .addOption(new Option('--preset <preset>', 'every scope of a level: read, write (read + write) or admin (default: read)').choices(['read', 'write', 'admin']).conflicts('scopes'))
    .option('--expires <date>', 'when the key stops working: 2027-01-01 (midnight UTC) or an RFC 3339 time (default: never)');
  create.addHelpText('after', `\nScopes:\n  ${[...SCOPES].join(', ')}\n`);
  examples(create, [
    'opsmerge keys create --name "PSA sync (production)" --preset read',
    'opsmerge keys create --name "Alert bot" --scopes alerts:read,alerts:write --expires 2027-06-30',
    'opsmerge keys create --name CI --preset read --json | jq -r .key',
  ]);
  builder.action(create, async (ctx, _args, options) => {
    const body: ApiKeyCreate = { name: String(options['name']) };
    if (typeof options['scopes'] === 'string') body.scopes = parseScopes(options['scopes']);
    if (typeof options['preset'] === 'string') body.preset = options['preset'] as NonNullable<ApiKeyCreate['preset']>;
    if (typeof options['expires'] === 'string') body.expires_at = parseExpiry(options['expires']);
    const client = await ctx.client();
    const created = await client.apiKeys.create(body);
    const { output } = ctx;
    // The warning goes to stderr in every format, so it shows even when stdout is redirected.
    const warning = /cannot be shown again/i.test(created.warning) ? created.warning : `${created.warning} It cannot be shown again.`;
    if (output.machine) output.json(created);
    else {
      const key: ApiKey = created.api_key;
      output.record([
        ['Created', `${key.name} (${key.id})`],
        ['Scopes', key.scopes],
        ['Expires', key.expires_at ?? 'never'],
        ['API key', created.key],
      ]);
    }
    output.note(`warning: ${warning}`);
  });

  const revoke = keys.command('revoke').argument('<key-id>', 'the key\'s id (key_…)').description('revoke an API key: it stops working at once');
  examples(revoke, ['opsmerge keys revoke key_01HZX0D7F8', 'opsmerge keys list --status active --json | jq -r \'.items[] | select(.name == "old") | .id\' | xargs -n1 opsmerge keys revoke']);
  builder.action(revoke, async (ctx, [id]) => {
    const client = await ctx.client();
    const revoked = await client.apiKeys.revoke(id!);
    if (ctx.output.machine) ctx.output.json(revoked);
    else ctx.output.line(`Revoked ${revoked.api_key.name} (${revoked.api_key.id}, ${maskedKey(revoked.api_key.key_prefix, revoked.api_key.last4)}): ${revoked.message}.`);
  });
}
