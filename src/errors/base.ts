/**
 * The base of the SDK's errors, {@link OpsMergeError}, and what every error shares: safe
 * serialisation (`toJSON()`, Node's `util.inspect`), the scrubbed summary of a `cause` chain,
 * and the name registry the `is…` guards match on.
 *
 * Secrets: messages are scrubbed with `redactSecrets` when built, and `toJSON()` and
 * Node's `util.inspect` show only safe fields, redacted headers and a scrubbed summary
 * of the `cause` chain, so logging an error never prints a credential even when a
 * `cause` holds the request and its `Authorization` header. `cause` itself is kept
 * untouched for debugging.
 *
 * @packageDocumentation
 */
import { redactHeaders, redactSecrets } from '../internal/redact.js';

/** Options every SDK error accepts: the ES2022 `cause`. */
export interface OpsMergeErrorOptions {
  /** The underlying error or value, kept on `error.cause`. */
  cause?: unknown;
}

/** A scrubbed, JSON-safe summary of one link of a `cause` chain. */
export interface ErrorCauseJSON {
  /** The cause's `name` (or its type when it is not an error). */
  name: string;
  /** The cause's message, with secrets replaced by `REDACTED`. */
  message: string;
  /** A string or numeric `code` the cause carries (`ECONNRESET`, `UND_ERR_SOCKET`…). */
  code?: string | number;
  /** The next link of the chain. */
  cause?: ErrorCauseJSON;
}

/** What `OpsMergeError#toJSON()` returns. */
export interface OpsMergeErrorJSON {
  /** The class name, e.g. `RateLimitError`. */
  name: string;
  /** The message, scrubbed of secrets. */
  message: string;
  /** A scrubbed summary of the `cause` chain. */
  cause?: ErrorCauseJSON;
}

// Node's util.inspect hook, reached through the global symbol registry so no `node:`
// import is needed and other runtimes are unaffected.
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
// Each class's prototype lists the fields its `toJSON()` shows after `name`, `message`
// and `cause`, its parent's first: one `toJSON` serves every class.
const FIELDS = Symbol('toJSON fields');
// How many links of a cause chain are summarised; deeper ones are dropped.
const MAX_CAUSE_DEPTH = 8;

interface Described {
  [FIELDS]: readonly string[];
}

function toIsoString(date: Date | undefined): string | undefined {
  return date?.toISOString();
}

// The fields `toJSON()` does not show as they are: headers redacted, dates as ISO 8601.
const SERIALIZE: Readonly<Record<string, (value: never) => unknown>> = {
  headers: redactHeaders,
  resetAt: toIsoString,
  sunsetAt: toIsoString,
};

/** Replaces key-shaped secrets in a text. @internal */
export function scrub(text: string): string {
  return redactSecrets(text, []);
}

/** @internal */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A field an SDK error has and a platform error of the same name lacks (`status`, `timeoutMs`). */
export type ErrorShape = (value: Record<string, unknown>) => boolean;

/** The SDK's error names, as {@link defineError} records them, each with its shape check. */
const KNOWN = new Map<string, ErrorShape | undefined>([
  // Declared beside the code that throws them (src/oauth/errors.ts, src/pagination.ts), in modules
  // a bundle may leave out: an error of theirs from another realm or SDK copy is still recognised.
  ['OAuthError', undefined],
  ['PaginationError', undefined],
]);

/** Sets `name` as classes have it: writable, configurable, not enumerable. */
function setName(target: object, name: string): void {
  Object.defineProperty(target, 'name', { value: name, writable: true, configurable: true, enumerable: false });
}

/**
 * Names an error class on its prototype, not as an instance field: V8 reads `name` while
 * `super()` builds the stack, before any field initialiser runs, and a prototype
 * property stays out of `Object.keys(error)`. Also records the fields the class adds to
 * its parent's `toJSON()`.
 *
 * @param ctor - The class, from its `static {}` block.
 * @param name - Its name, as `error.name` and the guards see it.
 * @param fields - The instance fields `toJSON()` shows after its parent's, in order.
 * @param shape - What an instance from another realm must have besides the name; inherited.
 * @internal
 */
export function defineError(ctor: { prototype: Error }, name: string, fields: readonly string[] = [], shape?: ErrorShape): void {
  const prototype = ctor.prototype as Error & Partial<Described>;
  const parent = Object.getPrototypeOf(prototype) as Error & Partial<Described>;
  setName(prototype, name);
  prototype[FIELDS] = [...(parent[FIELDS] ?? []), ...fields];
  KNOWN.set(name, shape ?? KNOWN.get(parent.name));
}

/** Summarises a cause chain from scratch: name, scrubbed message and `code`, nothing else. */
function causeToJSON(value: unknown, depth = 0, seen = new Set<unknown>()): ErrorCauseJSON | undefined {
  if (value === undefined || depth >= MAX_CAUSE_DEPTH || seen.has(value)) return undefined;
  seen.add(value);
  if (value instanceof OpsMergeError) return value.toJSON();
  if (!isRecord(value)) return { name: typeof value, message: scrub(String(value)) };
  if (typeof value['message'] !== 'string') {
    // Arbitrary objects (a Request, a config) are named only: their fields may hold credentials.
    const ctorName: unknown = (value.constructor as { name?: unknown } | undefined)?.name;
    return { name: typeof ctorName === 'string' && ctorName !== '' ? ctorName : 'Object', message: '' };
  }
  const json: ErrorCauseJSON = {
    name: typeof value['name'] === 'string' ? value['name'] : 'Error',
    message: scrub(value['message']),
  };
  const code = value['code'];
  if (typeof code === 'number') json.code = code;
  else if (typeof code === 'string') json.code = scrub(code);
  const cause = causeToJSON(value['cause'], depth + 1, seen);
  if (cause !== undefined) json.cause = cause;
  return json;
}

/**
 * Builds the stand-in Node's `util.inspect` prints instead of an error: a plain `Error`
 * with the same name, scrubbed stack, safe fields and a scrubbed cause chain.
 */
function inspectable(json: ErrorCauseJSON | OpsMergeErrorJSON, stack: string | undefined): Error {
  const { name, message, cause, ...fields } = json;
  // A class named after the error, so Node prints `RateLimitError: …` rather than
  // `Error [RateLimitError]: …`; it has no inspect hook of its own, so no recursion.
  const View = { [name]: class extends Error {} }[name] ?? Error;
  const view = cause === undefined ? new View(message) : new View(message, { cause: inspectable(cause, undefined) });
  setName(view, name);
  view.stack = stack === undefined ? `${name}: ${message}` : scrub(stack);
  Object.assign(view, fields);
  return view;
}

/**
 * The base of every error the SDK throws. Catch it to handle anything from the SDK.
 *
 * @example
 * ```ts
 * try {
 *   await om.agents.list();
 * } catch (error) {
 *   if (isOpsMergeError(error)) logger.warn(error.toJSON());
 *   else throw error;
 * }
 * ```
 */
export class OpsMergeError extends Error {
  static {
    defineError(this, 'OpsMergeError');
  }

  /**
   * @param message - The message; secrets in it are replaced by `REDACTED`.
   * @param options - `cause`, kept as is on `error.cause`.
   */
  constructor(message: string, options?: OpsMergeErrorOptions) {
    super(scrub(message), options !== undefined && 'cause' in options ? { cause: options.cause } : undefined);
  }

  /**
   * Safe, JSON-ready fields: what `JSON.stringify(error)` prints. Each subclass adds its
   * own fields (its `…JSON` interface), response headers redacted and dates as ISO 8601.
   */
  toJSON(): OpsMergeErrorJSON {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    const cause = causeToJSON(this.cause);
    if (cause !== undefined) json['cause'] = cause;
    for (const key of (this as unknown as Described)[FIELDS]) {
      const value = (this as unknown as Record<string, unknown>)[key];
      const serialize = SERIALIZE[key];
      json[key] = serialize === undefined ? value : serialize(value as never);
    }
    return json as unknown as OpsMergeErrorJSON;
  }

  /**
   * What Node's `util.inspect` (and so `console.log`) prints: the safe fields of
   * {@link OpsMergeError.toJSON} as a regular-looking error.
   *
   * @internal
   */
  [INSPECT](): Error {
    return inspectable(this.toJSON(), this.stack);
  }
}

// Guards match by `name` (plus one structural field where a platform class shares the
// name), not `instanceof`: an error from another realm or another copy of the SDK
// has different constructors but the same shape.

/** The names of `classes`' instances. @internal */
export function namesOf(classes: ReadonlyArray<{ prototype: Error }>): ReadonlySet<string> {
  return new Set(classes.map((ctor) => ctor.prototype.name));
}

/** An SDK error by name and shape, from any realm; of one of `names` when given. */
function isNamedError(value: unknown, names?: ReadonlySet<string>): boolean {
  const name = isRecord(value) ? value['name'] : undefined;
  if (typeof name !== 'string' || !KNOWN.has(name) || (names && !names.has(name))) return false;
  return KNOWN.get(name)?.(value as Record<string, unknown>) ?? true;
}

/**
 * `instanceof ctor`, or an error of one of `names` (by default `ctor`'s own) from another realm
 * or SDK copy.
 * @internal
 */
export function isError(value: unknown, ctor: abstract new (...args: never) => Error, names = namesOf([ctor])): boolean {
  return value instanceof ctor || isNamedError(value, names);
}

/**
 * Whether `value` is any SDK error, from this realm or another.
 *
 * @example
 * ```ts
 * if (isOpsMergeError(error)) console.error(error.toJSON());
 * ```
 */
export function isOpsMergeError(value: unknown): value is OpsMergeError {
  return value instanceof OpsMergeError || isNamedError(value);
}
