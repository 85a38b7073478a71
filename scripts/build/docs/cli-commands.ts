/**
 * The `opsmerge` command for an operation, when the CLI has one: the resource commands it
 * generates from the operations table (`<resource> list | get`, cli/commands/resources.ts)
 * and its hand-written ones (`whoami`, `keys`, `events`). Operations without a command get
 * none; the samples of the others run against the stateful mock in the test suite.
 */
import { resourceOperations } from '../../../cli/commands/resources.js';
import { flagOf, kebab } from '../../../cli/list-options.js';
import type { OperationDoc } from './model.js';
import { shellQuote, type SampleArgs } from './samples.js';

/** A command: its words (`['keys', 'create']`) and a full argument list for the sample's values. */
export interface CliCommand {
  readonly command: readonly string[];
  readonly argv: readonly string[];
}

type Body = Readonly<Record<string, unknown>> | undefined;

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function flags(values: Readonly<Record<string, unknown>> | undefined): string[] {
  return Object.entries(values ?? {}).flatMap(([name, value]) => [`--${flagOf(name)}`, text(value)]);
}

function keysCreate(body: Body): string[] {
  const argv = ['--name', text(body?.['name'] ?? 'NAME')];
  if (Array.isArray(body?.['scopes'])) argv.push('--scopes', body['scopes'].join(','));
  else if (body?.['preset'] !== undefined) argv.push('--preset', text(body['preset']));
  if (body?.['expires_at'] !== undefined) argv.push('--expires', text(body['expires_at']));
  return argv;
}

function eventsTrigger(body: Body): string[] {
  const argv: string[] = [];
  for (const [field, flag] of [
    ['service_id', '--service-id'],
    ['summary', '--summary'],
    ['severity', '--severity'],
    ['source', '--source'],
    ['dedup_key', '--dedup-key'],
  ] as const) {
    if (body?.[field] !== undefined) argv.push(flag, text(body[field]));
  }
  if (body?.['custom_details'] !== undefined) argv.push('--details', JSON.stringify(body['custom_details']));
  return argv;
}

/** The hand-written commands, by operationId: their words and how the sample's values become arguments. */
const HAND_WRITTEN: Readonly<Record<string, { command: string[]; args: (a: SampleArgs) => string[] }>> = {
  auth_me: { command: ['whoami'], args: () => [] },
  apiKeys_list: { command: ['keys', 'list'], args: (a) => flags(a.query) },
  apiKeys_get: { command: ['keys', 'get'], args: (a) => Object.values(a.path) },
  apiKeys_create: { command: ['keys', 'create'], args: (a) => keysCreate(a.body as Body) },
  apiKeys_revoke: { command: ['keys', 'revoke'], args: (a) => Object.values(a.path) },
  events_trigger: { command: ['events', 'trigger'], args: (a) => eventsTrigger(a.body as Body) },
  events_acknowledge: { command: ['events', 'acknowledge'], args: (a) => ['--dedup-key', text((a.body as Body)?.['dedup_key'] ?? 'DEDUP_KEY')] },
  events_resolve: { command: ['events', 'resolve'], args: (a) => ['--dedup-key', text((a.body as Body)?.['dedup_key'] ?? 'DEDUP_KEY')] },
};

let generated: Map<string, { command: string[]; beta: boolean }> | undefined;

/** The generated `<resource> list | get` commands, by operationId. */
function generatedCommands(): Map<string, { command: string[]; beta: boolean }> {
  generated ??= new Map(
    resourceOperations().flatMap(({ resource, list, get, stability }) =>
      [list, get].flatMap((op) => (op ? [[op.operationId, { command: [kebab(resource), op.name], beta: stability === 'beta' }] as const] : [])),
    ),
  );
  return generated;
}

/** The command of an operation with the sample's values, or undefined when the CLI has none. */
export function cliCommand(op: OperationDoc, args: SampleArgs): CliCommand | undefined {
  const own = HAND_WRITTEN[op.info.operationId];
  if (own) return { command: own.command, argv: [...own.command, ...own.args(args)] };
  const found = generatedCommands().get(op.info.operationId);
  if (!found) return undefined;
  const command = found.beta ? ['--beta', ...found.command] : found.command;
  return { command, argv: [...command, ...op.info.pathParams.map((name) => args.path[name] ?? name.toUpperCase()), ...flags(args.query)] };
}

/** `opsmerge agents list --status online`, each argument shell-quoted. */
export function commandLine(argv: readonly string[]): string {
  return ['opsmerge', ...argv.map(shellQuote)].join(' ');
}
