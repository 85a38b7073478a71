/**
 * The CLI's exit codes, one per kind of failure, so scripts can branch on `$?` without
 * parsing messages. docs/cli.md lists them; keep the two in step.
 */
export const ExitCode = {
  /** Success. */
  ok: 0,
  /** Anything else: a conflict (409), a failed contract run, an unexpected error. */
  other: 1,
  /** Bad command line, or the API rejected the arguments (400, 422). */
  usage: 2,
  /** No key, a malformed key, or the API refused it (401: revoked, expired, other environment). */
  auth: 3,
  /** The key may not do this (403: missing scope, role, plan, IP allow-list). */
  permission: 4,
  /** No such resource (404). */
  notFound: 5,
  /** Over the key's rate limit or daily quota (429). */
  rateLimited: 6,
  /** The server failed (5xx, broken response) or could not be reached. */
  server: 7,
  /** Cancelled with Ctrl-C (128 + SIGINT, as shells report it). */
  interrupted: 130,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** What {@link CliError} carries besides its message. */
export interface CliErrorOptions {
  /** The exit code of the failure. */
  exitCode: ExitCodeValue;
  /** A machine-readable code for `--json` errors, e.g. `MISSING_API_KEY`. */
  code: string;
  /** The fix, in one sentence. */
  hint?: string;
  /** The underlying error. */
  cause?: unknown;
}

/** A failure the CLI itself detected, already worded for the user. */
export class CliError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly code: string;
  readonly hint: string | undefined;

  constructor(message: string, options: CliErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = options.exitCode;
    this.code = options.code;
    this.hint = options.hint;
  }
}

/** A usage error (exit 2) with the usual hint. */
export function usageError(message: string, hint = 'see `opsmerge --help`'): CliError {
  return new CliError(message, { exitCode: ExitCode.usage, code: 'USAGE', hint });
}
