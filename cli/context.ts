/**
 * What every command shares: the global options, the output, the credentials and the SDK
 * client built from them.
 *
 * Credentials, first match wins: `--api-key`; the profile named by `--profile`;
 * `OPSMERGE_API_KEY`; the profile named by `OPSMERGE_PROFILE`, else the `default` profile.
 * Base URL: `--base-url`; `OPSMERGE_BASE_URL`; the profile's `base_url` (only with the
 * profile's own key); else the key's server (`om_live_` → production, `om_test_` → sandbox).
 */
import { createClient, type ClientOptions, type Logger, type OperationInfo, type OpsMergeClient, type WaitNotice } from '@opsmerge/sdk';
import { configPath, DEFAULT_PROFILE, readConfig } from './config.js';
import { CliError, ExitCode, usageError } from './exit-codes.js';
import { Output, type Format, type Sink } from './output.js';
import type { Source } from './prompt.js';

/** The process streams and environment, injectable for tests. */
export interface Io {
  readonly stdout: Sink;
  readonly stderr: Sink;
  readonly stdin: Source;
  readonly env: NodeJS.ProcessEnv;
}

/** Options every command accepts. */
export interface GlobalOptions {
  apiKey?: string;
  baseUrl?: string;
  profile?: string;
  json?: boolean;
  ndjson?: boolean;
  beta?: boolean;
  debug?: boolean;
}

/** The client the CLI uses: stable operations, plus beta ones with `--beta`. */
export type CliClient = OpsMergeClient<'stable' | 'beta'>;

/** A facade method called by name (`agents.list`), as the operations table lists them. */
export type FacadeMethod = (...args: unknown[]) => PromiseLike<unknown> & object;

/** Resolved credentials and where they came from. */
export interface Credentials {
  apiKey: string;
  baseUrl: string | undefined;
  source: '--api-key' | 'OPSMERGE_API_KEY' | `profile "${string}"`;
}

/**
 * The longest wait the CLI sleeps through (a `Retry-After`, or pacing until the key's window
 * resets). Longer waits surface at once as exit 6 with the wait, rather than a command that
 * hangs for a minute; a wait over a second is announced on stderr (see {@link waitNote}).
 */
const MAX_WAIT_MS = 5_000;

/** What the CLI says on stderr before a wait of more than a second. */
export function waitNote(notice: WaitNotice): string {
  const seconds = `${Math.ceil(notice.waitMs / 1000)} s`;
  switch (notice.reason) {
    case 'pacing':
      return `note: waiting ${seconds} for the API key's rate-limit window to reset`;
    case 'retry-after':
      return `note: waiting ${seconds} before trying again, as the API asked (Retry-After)`;
    case 'backoff':
      return `note: waiting ${seconds} before trying again`;
  }
}

/** The output format the arguments ask for (also read before parsing, for errors). */
export function formatOf(globals: Pick<GlobalOptions, 'json' | 'ndjson'>): Format {
  if (globals.json && globals.ndjson) throw usageError('--json and --ndjson cannot be used together', 'pick one: --json for one document, --ndjson for one JSON value per line');
  return globals.json ? 'json' : globals.ndjson ? 'ndjson' : 'table';
}

/** Whether to colour stdout: a terminal, and no `NO_COLOR` (https://no-color.org). */
export function useColor(io: Io): boolean {
  return io.stdout.isTTY === true && (io.env['NO_COLOR'] ?? '') === '' && io.env['TERM'] !== 'dumb';
}

/** Per-command state: global options, output, credentials, client. */
export class Context {
  readonly io: Io;
  readonly globals: GlobalOptions;
  readonly output: Output;
  readonly #secrets = new Set<string>();

  constructor(io: Io, globals: GlobalOptions) {
    this.io = io;
    this.globals = globals;
    this.output = new Output({ stdout: io.stdout, stderr: io.stderr, format: formatOf(globals), color: useColor(io), scrub: (text) => this.scrub(text) });
    if (globals.apiKey) this.#secrets.add(globals.apiKey);
    const fromEnv = io.env['OPSMERGE_API_KEY'];
    if (fromEnv) this.#secrets.add(fromEnv);
  }

  /** The config file's path. */
  get configPath(): string {
    return configPath(this.io.env);
  }

  /** Replaces every key this process knows with `REDACTED`: a last guard on everything written to stderr. */
  scrub(text: string): string {
    let out = text;
    for (const secret of this.#secrets) if (secret.length >= 8) out = out.split(secret).join('REDACTED');
    return out;
  }

  /** Registers a secret read later (from a profile or a prompt) so it is scrubbed too. */
  addSecret(secret: string): void {
    this.#secrets.add(secret);
  }

  /** Finds the API key and base URL, or fails with exit 3 naming the three ways to give one. */
  async credentials(): Promise<Credentials> {
    const { env } = this.io;
    const explicitBase = this.globals.baseUrl ?? nonEmpty(env['OPSMERGE_BASE_URL']);
    if (this.globals.apiKey !== undefined) {
      if (this.globals.apiKey.trim() === '') throw missingKey('--api-key is empty');
      return { apiKey: this.globals.apiKey, baseUrl: explicitBase, source: '--api-key' };
    }
    const envKey = nonEmpty(env['OPSMERGE_API_KEY']);
    if (envKey !== undefined && this.globals.profile === undefined) return { apiKey: envKey, baseUrl: explicitBase, source: 'OPSMERGE_API_KEY' };
    const name = this.globals.profile ?? nonEmpty(env['OPSMERGE_PROFILE']) ?? DEFAULT_PROFILE;
    const config = await readConfig(this.configPath, (line) => this.output.note(line));
    const profile = config.profiles[name];
    if (!profile) {
      if (this.globals.profile !== undefined || env['OPSMERGE_PROFILE']) {
        throw new CliError(`there is no profile "${name}" in ${this.configPath}`, {
          exitCode: ExitCode.auth,
          code: 'PROFILE_NOT_FOUND',
          hint: `create it with \`opsmerge login --profile ${name}\`${Object.keys(config.profiles).length > 0 ? `; profiles there: ${Object.keys(config.profiles).join(', ')}` : ''}`,
        });
      }
      throw missingKey('no API key');
    }
    this.addSecret(profile.api_key);
    return { apiKey: profile.api_key, baseUrl: explicitBase ?? profile.base_url, source: `profile "${name}"` };
  }

  /** The SDK client for these options (beta operations only with `--beta`). */
  async client(): Promise<CliClient> {
    const { apiKey, baseUrl } = await this.credentials();
    return this.clientFor(apiKey, baseUrl);
  }

  /** An SDK client for an explicit key (login verifies a key before storing it). */
  clientFor(apiKey: string, baseUrl: string | undefined): CliClient {
    this.addSecret(apiKey);
    const stderr = this.io.stderr;
    const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
      void stderr.write(`${this.scrub(`${level === 'warn' || level === 'error' ? `${level}: ` : ''}${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`)}\n`);
    // Every SDK log line goes to stderr (console.info/debug would write to stdout, among the data).
    const logger: Logger = { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
    const options: ClientOptions = {
      apiKey,
      logger,
      maxRetryAfter: MAX_WAIT_MS,
      onWait: (notice) => this.output.note(waitNote(notice)),
      onDeprecation: (notice) => void stderr.write(`warning: ${this.scrub(notice.message)}\n`),
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(this.globals.debug ? { logLevel: 'debug' as const } : {}),
    };
    return createClient({ ...options, stability: this.globals.beta ? 'beta' : 'stable' });
  }
}

/** The facade method of an operation: `client[resource][name]`, as the operations table names it. */
export function facadeMethod(client: CliClient, op: OperationInfo): FacadeMethod {
  // The facade is built from the same table at run time, so every row has its method; the
  // typed facade cannot be indexed by a runtime string, hence the one cast.
  const resources = client as unknown as Record<string, Record<string, FacadeMethod> | undefined>;
  const method = resources[op.resource]?.[op.name];
  if (typeof method !== 'function') throw new Error(`the SDK facade has no ${op.resource}.${op.name}()`);
  return method;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function missingKey(problem: string): CliError {
  return new CliError(problem, {
    exitCode: ExitCode.auth,
    code: 'MISSING_API_KEY',
    hint: 'pass --api-key, set OPSMERGE_API_KEY, or store one with `opsmerge login`',
  });
}
