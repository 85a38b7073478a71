/**
 * The caller asked for something the SDK refuses before any I/O: an invalid option
 * ({@link ConfigurationError}), an invalid argument of a call ({@link InvalidArgumentError}),
 * an operation past its sunset ({@link SunsetError}).
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
 * An option is invalid: a client option (thrown by `createClient`, before any request), a
 * call option such as `timeout` or `signal` (the call fails before anything is sent), or an
 * option of a helper (`paginate`, `toArray`, the OAuth helpers). The message always names the
 * option and what it expects, and never echoes a secret: when the text given does not mention
 * the option, it is prefixed, as in `Invalid option "timeoutMs": must be a positive number, got -1`.
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

/** Where an argument goes in the request. */
export type ArgumentLocation = 'path' | 'query' | 'body';

/** The fields an {@link InvalidArgumentError} is built from. */
export interface InvalidArgumentErrorInit extends OpsMergeErrorOptions {
  /** What is wrong, without the operation (it is prefixed): `ticket_id must not be "..": …`. */
  message: string;
  /** The call: `tickets.delete()` for the facade, `DELETE /v1/tickets/{ticket_id}` for the low-level client. */
  operation: string;
  /** Where the argument goes: a path parameter, a query parameter or the body. */
  location: ArgumentLocation;
  /** The parameter as the spec names it (`ticket_id`, `per_page`), or `body` (with a JSON pointer below it: `body/lines/0`). */
  argument: string;
}

/** What `InvalidArgumentError#toJSON()` returns. */
export interface InvalidArgumentErrorJSON extends OpsMergeErrorJSON {
  /** The call. */
  operation: string;
  /** Where the argument goes. */
  location: ArgumentLocation;
  /** The parameter at fault. */
  argument: string;
}

/**
 * An argument of a call cannot be sent as it is: a path parameter that would change the
 * route (`..`, an empty string, not a string), a query value the spec does not allow (`NaN`,
 * out of the spec's range, an object where a string belongs, an unknown name), a body that is
 * missing or cannot be serialised as JSON. Raised before any I/O: nothing was sent.
 *
 * Values the caller passed are not echoed beyond a short, typed description (`got the number
 * 500`), so user input never lands in logs in full.
 *
 * @example
 * ```ts
 * import { createClient, isInvalidArgumentError } from '@opsmerge/sdk';
 *
 * const client = createClient();
 * try {
 *   await client.tickets.get('..');
 * } catch (error) {
 *   if (isInvalidArgumentError(error)) console.error(error.argument, error.location); // ticket_id path
 *   else throw error;
 * }
 * ```
 */
export class InvalidArgumentError extends OpsMergeError {
  static {
    defineError(this, 'InvalidArgumentError', ['operation', 'location', 'argument']);
  }

  /** The call: `tickets.delete()`, or `DELETE /v1/tickets/{ticket_id}` from the low-level client. */
  readonly operation: string;
  /** Where the argument goes: `path`, `query` or `body`. */
  readonly location: ArgumentLocation;
  /** The parameter at fault, as the spec names it, or `body` (`body/lines/0/amount` for a part of it). */
  readonly argument: string;

  /** @param init - The message, the call and the argument; see {@link InvalidArgumentErrorInit}. */
  constructor(init: InvalidArgumentErrorInit) {
    super(`${init.operation}: ${init.message}`, init);
    this.operation = init.operation;
    this.location = init.location;
    this.argument = init.argument;
  }
}

// Declaration merging gives `toJSON()` its precise type; the one implementation is OpsMergeError's.
export interface InvalidArgumentError {
  /** Safe, JSON-ready fields: what `JSON.stringify(error)` prints. */
  toJSON(): InvalidArgumentErrorJSON;
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

/** Whether `value` is an {@link InvalidArgumentError}. */
export function isInvalidArgumentError(value: unknown): value is InvalidArgumentError {
  return isError(value, InvalidArgumentError);
}

/** Whether `value` is a {@link SunsetError}. */
export function isSunsetError(value: unknown): value is SunsetError {
  return isError(value, SunsetError);
}
