/**
 * The base of the SDK's errors, {@link OpsMergeError}, and what every error shares: safe
 * serialisation (`toJSON()`, Node's `util.inspect`), the scrubbed `cause` chain, and the name
 * registry the `is…` guards match on.
 *
 * Secrets: an error never holds one, in any form a caller could print. Everything it keeps is
 * scrubbed when it is built — of every credential the SDK was handed in this process
 * (src/internal/secrets.ts), of key-shaped tokens and of credentials after an auth scheme, in
 * any encoding (raw, percent-encoded, JSON-escaped) — and bounded: the message, each field
 * taken from a response (`code`, `requestId`, `details`, a body snippet, headers), and `cause`,
 * which holds a scrubbed copy of the chain ({@link scrubErrorChain}), never the original.
 * `toJSON()` and Node's `util.inspect` show only the safe fields, headers through an allow-list;
 * neither ever throws.
 *
 * @packageDocumentation
 */
import { redactHeaders, redactUrlsInText } from '../internal/redact.js';
import { boundedText, safeJson } from '../internal/safe-json.js';
import { scrubErrorChain } from '../internal/scrub-error.js';
import { scrubKnown } from '../internal/secrets.js';

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
// The longest message an error keeps.
const MAX_MESSAGE_LENGTH = 2000;

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

/**
 * Replaces secrets in a text: every credential the SDK knows in this process, key-shaped tokens
 * and credentials after an auth scheme, in any encoding. @internal
 */
export function scrub(text: string): string {
  return scrubKnown(text);
}

/**
 * Scrubs a free text an error keeps — its message, the messages of its cause chain: secrets, and
 * the query parameters of a URL it quotes (`request to https://…?password=… failed`, a `baseUrl`
 * with a password) through the logging allow-list. @internal
 */
export function scrubText(text: string): string {
  return scrub(redactUrlsInText(text));
}

/**
 * A text from a response (a code, a request id, a header value), scrubbed and cut to `maxLength`
 * characters, so an error never holds a secret a server echoed nor an unbounded string.
 * @internal
 */
export function safeText(text: string, maxLength = 200): string {
  return boundedText(text, maxLength, scrub);
}

/** A copy of response headers with every value scrubbed, for an error to keep. @internal */
export function safeHeaders(headers: Headers | undefined): Headers {
  try {
    const entries: Array<[string, string]> = [];
    headers?.forEach((value, name) => entries.push([name, safeText(value, 2000)]));
    return new Headers(entries);
  } catch {
    return new Headers(); // a Headers-like object that cannot be read: keep none
  }
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
  ['OAuthError', (value) => typeof value['error'] === 'string'],
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

/**
 * Summarises a cause chain: name, message and `code` of each link. The chain is the scrubbed
 * copy the constructor kept ({@link scrubErrorChain}), so it holds nothing else to hide.
 */
function causeToJSON(value: unknown, depth = 0, seen = new Set<unknown>()): ErrorCauseJSON | undefined {
  if (value === undefined || depth >= MAX_CAUSE_DEPTH || seen.has(value)) return undefined;
  seen.add(value);
  if (value instanceof OpsMergeError) return value.toJSON();
  if (!isRecord(value)) return { name: typeof value, message: safeText(String(value), MAX_MESSAGE_LENGTH) };
  const { name, message, code } = value as { name?: unknown; message?: unknown; code?: unknown };
  const json: ErrorCauseJSON = {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : '',
  };
  if (typeof code === 'number' || typeof code === 'string') json.code = code;
  const cause = causeToJSON(value['cause'], depth + 1, seen);
  if (cause !== undefined) json.cause = cause;
  return json;
}

/** The error's message, scrubbed and bounded again (a caller may have replaced it); never throws. */
function messageOf(error: Error): string {
  try {
    return boundedText(String(error.message), MAX_MESSAGE_LENGTH, scrubText);
  } catch {
    return '';
  }
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
   * @param message - The message; secrets in it are replaced by `REDACTED`, and it is cut to
   *   2,000 characters.
   * @param options - `cause`: a scrubbed copy of it is kept on `error.cause` (the SDK's own
   *   errors are kept as they are).
   */
  constructor(message: string, options?: OpsMergeErrorOptions) {
    super(
      boundedText(message, MAX_MESSAGE_LENGTH, scrubText),
      options !== undefined && 'cause' in options ? { cause: scrubErrorChain(options.cause, scrubText, (value) => value instanceof OpsMergeError) } : undefined,
    );
  }

  /**
   * Safe, JSON-ready fields: what `JSON.stringify(error)` prints. Each subclass adds its
   * own fields (its `…JSON` interface), response headers redacted and dates as ISO 8601. Bounded,
   * and never throws, whatever a field holds.
   */
  toJSON(): OpsMergeErrorJSON {
    const json: Record<string, unknown> = { name: this.name, message: messageOf(this) };
    try {
      const cause = causeToJSON(this.cause);
      if (cause !== undefined) json['cause'] = cause;
    } catch {
      json['cause'] = { name: 'Error', message: '' };
    }
    for (const key of (this as unknown as Described)[FIELDS]) {
      try {
        const value = (this as unknown as Record<string, unknown>)[key];
        const serialize = SERIALIZE[key];
        json[key] = safeJson(serialize === undefined ? value : serialize(value as never), scrub);
      } catch {
        json[key] = undefined;
      }
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
    try {
      return inspectable(this.toJSON(), this.stack);
    } catch {
      return inspectable({ name: 'OpsMergeError', message: messageOf(this) }, undefined);
    }
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
