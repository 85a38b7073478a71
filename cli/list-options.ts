/**
 * Options and arguments generated from the operations table: a list operation's query
 * parameters become `--kebab-case` filters (typed, with the spec's description and enum),
 * its path parameters positional arguments; `--all`, `--limit` and `--per-page` drive the
 * page walk.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { OperationInfo } from '@opsmerge/sdk';
import { paramInfo, type ParamInfo } from './package-info.js';

/** Names the CLI itself uses; a query parameter with one of them becomes `--filter-NAME`. */
const RESERVED = new Set(['all', 'limit', 'page', 'per-page', 'json', 'ndjson', 'beta', 'debug', 'api-key', 'base-url', 'profile', 'help', 'version']);

/** `client_id` → `client-id`; `scriptRuns` → `script-runs`. */
export function kebab(name: string): string {
  return name.replace(/_/g, '-').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** The option flag of a query parameter. */
export function flagOf(name: string): string {
  const flag = kebab(name);
  return RESERVED.has(flag) ? `filter-${flag}` : flag;
}

/** commander's attribute name of a flag: `client-id` → `clientId`. */
function attributeOf(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Parses a whole number option within bounds. */
export function integerParser(label: string, min: number | undefined, max: number | undefined): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${label} must be a whole number.`);
    if (min !== undefined && n < min) throw new InvalidArgumentError(`${label} must be at least ${min}.`);
    if (max !== undefined && n > max) throw new InvalidArgumentError(`${label} must be at most ${max}.`);
    return n;
  };
}

const RELATIVE = /^(\d+)\s*(m|h|d|w)$/i;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Parses a time: RFC 3339 (`2026-11-01T08:00:00Z`), a date (`2026-11-01`, midnight UTC), or a
 * span back from now (`30m`, `24h`, `7d`, `2w`). Returns RFC 3339 in UTC.
 */
export function parseTime(value: string, label: string, now: () => number = Date.now): string {
  const text = value.trim();
  const relative = RELATIVE.exec(text);
  if (relative) return new Date(now() - Number(relative[1]) * (UNIT_MS[relative[2]!.toLowerCase()] ?? 0)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(`${label} must be a date (2026-11-01), a date-time (2026-11-01T08:00:00Z) or a span back from now (30m, 24h, 7d).`);
  }
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function describe(param: ParamInfo): string {
  const parts = [param.description ?? `only items with this ${param.name}`];
  if (param.format === 'date-time') parts.push('Accepts 2026-11-01, an RFC 3339 time or a span such as 24h, 7d.');
  return parts.join(' ');
}

function optionFor(param: ParamInfo): Option {
  const flag = flagOf(param.name);
  const placeholder = param.format === 'date-time' ? 'time' : param.type === 'integer' || param.type === 'number' ? 'n' : 'value';
  const option = new Option(`--${flag} <${placeholder}>`, describe(param));
  if (param.enum) option.choices(param.enum);
  else if (param.type === 'boolean') option.choices(['true', 'false']).argParser((v) => v === 'true');
  else if (param.type === 'integer') option.argParser(integerParser(`--${flag}`, param.minimum, param.maximum));
  else if (param.type === 'number') {
    option.argParser((v) => {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`--${flag} must be a number.`);
      return n;
    });
  } else if (param.format === 'date-time') option.argParser((v) => parseTime(v, `--${flag}`));
  return option;
}

/** The filters of a list operation (its query parameters but `page` and `per_page`). */
export function filtersOf(op: OperationInfo): ParamInfo[] {
  return paramInfo(op, 'query').filter((p) => p.name !== 'page' && p.name !== 'per_page');
}

/** Adds an operation's path parameters as `<arguments>`. */
export function addPathArguments(command: Command, op: OperationInfo): Command {
  for (const param of paramInfo(op, 'path')) command.argument(`<${kebab(param.name)}>`, param.description ?? param.name.replace(/_/g, ' '));
  return command;
}

/** Adds the filters, `--per-page`, `--all` and `--limit` of a list operation. */
export function addListOptions(command: Command, op: OperationInfo): Command {
  for (const param of filtersOf(op)) command.addOption(optionFor(param));
  if (op.queryParams.includes('per_page')) command.addOption(new Option('--per-page <n>', 'items per request, 1–100 (default 50; 100 when walking pages)').argParser(integerParser('--per-page', 1, 100)));
  command.option('--all', 'walk every page (a progress bar shows on stderr when it is a terminal)');
  command.addOption(new Option('--limit <n>', 'stop after n items, walking pages as needed').argParser(integerParser('--limit', 1, undefined)));
  return command;
}

/** What a list command was asked for. */
export interface ListRequest {
  readonly pathValues: string[];
  readonly query: Record<string, string | number | boolean>;
  readonly all: boolean;
  readonly limit: number | undefined;
}

/** Reads a list command's arguments and options back into API parameter names. */
export function listRequest(op: OperationInfo, pathValues: readonly unknown[], options: Record<string, unknown>): ListRequest {
  const query: Record<string, string | number | boolean> = {};
  for (const param of filtersOf(op)) {
    const value = options[attributeOf(flagOf(param.name))];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') query[param.name] = value;
  }
  if (typeof options['perPage'] === 'number') query['per_page'] = options['perPage'];
  return {
    pathValues: pathValues.map(String),
    query,
    all: options['all'] === true,
    limit: typeof options['limit'] === 'number' ? options['limit'] : undefined,
  };
}

/** An example value for a parameter: the spec's example, else its first enum value, else a placeholder. */
export function exampleValue(param: ParamInfo): string {
  return param.example ?? param.enum?.[0] ?? (param.format === 'date-time' ? '7d' : param.name.toUpperCase());
}
