/**
 * The caller asked for something the SDK refuses before any I/O: an invalid option
 * ({@link ConfigurationError}), an operation past its sunset ({@link SunsetError}).
 *
 * @packageDocumentation
 */
import { OpsMergeError, defineError, isError, type OpsMergeErrorJSON, type OpsMergeErrorOptions } from './base.js';

/** What `ConfigurationError#toJSON()` returns. */
export interface ConfigurationErrorJSON extends OpsMergeErrorJSON {
  /** The option at fault. */
  option: string;
}

/** The fields a {@link ConfigurationError} is built from. */
export interface ConfigurationErrorOptions extends OpsMergeErrorOptions {
  /** The option at fault, e.g. `baseUrl` or `retry.maxRetries` (dotted for nested options). */
  option: string;
}

/**
 * A client option is invalid. Thrown when the client is created, before any request.
 * The message always names the option: when the text given does not mention it, it is
 * prefixed, as in `Invalid option "timeoutMs": must be a positive number, got -1`.
 *
 * @example
 * ```ts
 * throw new ConfigurationError('must be a positive number, got -1', { option: 'timeoutMs' });
 * ```
 */
export class ConfigurationError extends OpsMergeError {
  static {
    defineError(this, 'ConfigurationError', ['option']);
  }

  /** The option at fault, e.g. `timeoutMs` or `retry.maxRetries`. */
  readonly option: string;

  /**
   * @param message - What is wrong, e.g. `baseUrl "x" is not an absolute URL.`
   * @param options - The option's name, and a `cause` when the problem surfaced as a thrown error.
   */
  constructor(message: string, options: ConfigurationErrorOptions) {
    super(message.includes(options.option) ? message : `Invalid option "${options.option}": ${message}`, options);
    this.option = options.option;
  }
}

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface ConfigurationError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): ConfigurationErrorJSON;
}

/** The fields a {@link SunsetError} is built from. */
export interface SunsetErrorInit extends OpsMergeErrorOptions {
  /** The operation, e.g. `alerts_listActive` or `GET /v1/alerts/active`. */
  operation: string;
  /** When it stopped (or stops) working, from `x-sunset` or the `Sunset` header. */
  sunsetAt: Date;
  /** The operation to use instead, when there is one. */
  successor?: string | undefined;
}

/** What `SunsetError#toJSON()` returns. */
export interface SunsetErrorJSON extends OpsMergeErrorJSON {
  /** The operation. */
  operation: string;
  /** ISO 8601 sunset time. */
  sunsetAt: string;
  /** The replacement operation, when there is one. */
  successor: string | undefined;
}

/**
 * The operation is past its Sunset date (RFC 8594) and the SDK refused to call it.
 * Move to `successor`.
 */
export class SunsetError extends OpsMergeError {
  static {
    defineError(this, 'SunsetError', ['operation', 'sunsetAt', 'successor']);
  }

  /** The operation that was switched off. */
  readonly operation: string;
  /** When it was switched off. */
  readonly sunsetAt: Date;
  /** The operation to use instead. */
  readonly successor?: string;

  /** @param init - The operation, its sunset date and successor; see {@link SunsetErrorInit}. */
  constructor(init: SunsetErrorInit) {
    super(
      `${init.operation} reached its sunset on ${init.sunsetAt.toISOString()}` +
        (init.successor === undefined ? '' : `; use ${init.successor} instead`),
      init,
    );
    this.operation = init.operation;
    this.sunsetAt = init.sunsetAt;
    if (init.successor !== undefined) this.successor = init.successor;
  }
}

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface SunsetError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): SunsetErrorJSON;
}

/** Whether `value` is a {@link ConfigurationError}. */
export function isConfigurationError(value: unknown): value is ConfigurationError {
  return isError(value, ConfigurationError);
}

/** Whether `value` is a {@link SunsetError}. */
export function isSunsetError(value: unknown): value is SunsetError {
  return isError(value, SunsetError);
}
