/**
 * `opsmerge <resource> list | get`, generated at run time from the operations table: one
 * command per resource that has a `list` or `get` operation, filters from each list's query
 * parameters, arguments from path parameters. Beta resources are offered with `--beta`;
 * internal (UI-only) operations are not offered. API keys, auth and events have their own
 * hand-written commands (`keys`, `whoami`, `events`).
 */
import type { Command } from 'commander';
import { operations, type OperationInfo } from '@opsmerge/sdk';
import { CliError, ExitCode } from '../exit-codes.js';
import { addListOptions, addPathArguments, exampleValue, filtersOf, kebab, listRequest } from '../list-options.js';
import { runGet, runList } from '../list-runner.js';
import { paramInfo, tagDescription } from '../package-info.js';
import { examples, type Builder } from '../builder.js';

/** Resources with commands of their own. */
const HAND_WRITTEN = new Set(['apiKeys', 'auth', 'events']);

/** A resource's list and get operations. */
export interface ResourceOperations {
  readonly resource: string;
  readonly list: OperationInfo | undefined;
  readonly get: OperationInfo | undefined;
  /** `beta` when any of its operations is beta. */
  readonly stability: 'stable' | 'beta';
}

/** The resources that get generated commands, from the operations table, in name order. */
export function resourceOperations(): ResourceOperations[] {
  const byResource = new Map<string, { list?: OperationInfo; get?: OperationInfo }>();
  for (const op of Object.values(operations) as OperationInfo[]) {
    if (HAND_WRITTEN.has(op.resource) || op.stability === 'internal' || (op.name !== 'list' && op.name !== 'get')) continue;
    const entry = byResource.get(op.resource) ?? {};
    entry[op.name] = op;
    byResource.set(op.resource, entry);
  }
  return [...byResource.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([resource, { list, get }]) => ({
      resource,
      list,
      get,
      stability: list?.stability === 'beta' || get?.stability === 'beta' ? 'beta' : 'stable',
    }));
}

/** Command names of the beta resources. */
export function betaResourceNames(): string[] {
  return resourceOperations()
    .filter((r) => r.stability === 'beta')
    .map((r) => kebab(r.resource));
}

function scopesNote(op: OperationInfo): string {
  return `\nNeeds scope${op.scopes.length === 1 ? '' : 's'}: ${op.scopes.join(', ') || 'none'}. Stability: ${op.stability}.`;
}

/** "List agents" → "list agents" (keeps "M365" and other capitals inside). */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function labelOf(resource: string): string {
  return kebab(resource).replace(/-/g, ' ');
}

function addList(parent: Command, op: OperationInfo, builder: Builder, name: string, prefix: string): void {
  const command = addListOptions(addPathArguments(parent.command('list').description(`${lowerFirst(op.summary)} (one page; --all for every page)`), op), op);
  command.addHelpText('after', scopesNote(op));
  const args = paramInfo(op, 'path').map((p) => exampleValue(p));
  const head = [`opsmerge ${prefix}${name} list`, ...args].join(' ');
  const filter = filtersOf(op).find((p) => p.enum) ?? filtersOf(op)[0];
  examples(command, [
    head,
    ...(filter ? [`${head} --${kebab(filter.name)} ${exampleValue(filter)}`] : []),
    `${head} --all --ndjson > ${name}.ndjson`,
    `${head} --limit 200 --json | jq '.items | length'`,
  ]);
  const label = labelOf(op.resource);
  builder.action(command, (ctx, pathValues, options) => runList(ctx, op, listRequest(op, pathValues, options), { label }));
}

function addGet(parent: Command, op: OperationInfo, builder: Builder, name: string, prefix: string): void {
  const command = addPathArguments(parent.command('get').description(lowerFirst(op.summary)), op);
  command.addHelpText('after', scopesNote(op));
  const args = paramInfo(op, 'path').map((p) => exampleValue(p));
  examples(command, [[`opsmerge ${prefix}${name} get`, ...args].join(' '), [`opsmerge ${prefix}${name} get`, ...args, '--json'].join(' ')]);
  builder.action(command, (ctx, pathValues) => runGet(ctx, op, pathValues));
}

/** Adds a command per resource; beta ones only with `--beta` (otherwise a hidden stub that says so). */
export function addResourceCommands(program: Command, builder: Builder): void {
  for (const { resource, list, get, stability } of resourceOperations()) {
    const name = kebab(resource);
    const tag = (list ?? get)!.tag;
    if (stability === 'beta' && !builder.beta) {
      program
        .command(name, { hidden: true })
        .helpOption(false)
        .allowUnknownOption()
        .allowExcessArguments()
        .argument('[args...]')
        .action(() => {
          throw new CliError(`${name} is a beta resource`, {
            exitCode: ExitCode.usage,
            code: 'BETA_REQUIRED',
            hint: `add --beta (beta operations may change without notice): opsmerge --beta ${name} ${list ? 'list' : 'get'} …`,
          });
        });
      continue;
    }
    const description = `${tagDescription(tag) ?? tag}${stability === 'beta' ? ' [beta]' : ''}`;
    const command = program.command(name).description(description).helpGroup('API resources:');
    const prefix = stability === 'beta' ? '--beta ' : '';
    if (list) addList(command, list, builder, name, prefix);
    if (get) addGet(command, get, builder, name, prefix);
    examples(command, [
      ...(list ? [[`opsmerge ${prefix}${name} list`, ...paramInfo(list, 'path').map(exampleValue)].join(' ')] : []),
      ...(get ? [[`opsmerge ${prefix}${name} get`, ...paramInfo(get, 'path').map(exampleValue)].join(' ')] : []),
    ]);
  }
}
