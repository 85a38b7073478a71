/**
 * The one cause scrubber: what an SDK error keeps of the error (or value) that caused it.
 *
 * @internal
 * @packageDocumentation
 */
import { boundedText } from './safe-json.js';

// How many links of a cause chain are kept; deeper ones are dropped.
const MAX_DEPTH = 8;
const MAX_MESSAGE_LENGTH = 1000;
const MAX_STACK_LENGTH = 4000;
const MAX_NAME_LENGTH = 100;

function read(record: object, key: string): unknown {
  try {
    return (record as Record<string, unknown>)[key];
  } catch {
    return undefined; // a throwing getter or a revoked Proxy: nothing to keep
  }
}

/** The name of an object that is not an error: its constructor's, or `Object`. */
function typeName(value: object): string {
  const ctor = read(value, 'constructor');
  const name = typeof ctor === 'function' ? read(ctor, 'name') : undefined;
  return typeof name === 'string' && name !== '' ? name : 'Object';
}

/** Whether `keep` accepts `value`; a check that throws (a revoked Proxy) says no. */
function kept(keep: (value: object) => boolean, value: object): boolean {
  try {
    return keep(value);
  } catch {
    return false;
  }
}

function scrubLink(value: unknown, scrub: (text: string) => string, keep: ((value: object) => boolean) | undefined, depth: number, seen: Set<unknown>): unknown {
  if (typeof value === 'string') return boundedText(value, MAX_MESSAGE_LENGTH, scrub);
  if (typeof value === 'symbol') return boundedText(String(value), MAX_MESSAGE_LENGTH, scrub);
  if (typeof value !== 'object' && typeof value !== 'function') return value;
  if (value === null || depth >= MAX_DEPTH || seen.has(value)) return undefined;
  if (keep !== undefined && kept(keep, value)) return value;
  seen.add(value);
  const rawMessage = read(value, 'message');
  const isErrorLike = typeof rawMessage === 'string';
  const rawName = read(value, 'name');
  const name = boundedText(isErrorLike && typeof rawName === 'string' ? rawName : isErrorLike ? 'Error' : typeName(value), MAX_NAME_LENGTH, scrub);
  // An object that is not an error (a Request, a config) keeps only its type name: its fields
  // may hold credentials (an Authorization header, a body with a client secret).
  const message = isErrorLike ? boundedText(rawMessage, MAX_MESSAGE_LENGTH, scrub) : '';
  const copy = new Error(message);
  Object.defineProperty(copy, 'name', { value: name, writable: true, configurable: true, enumerable: false });
  const rawStack = isErrorLike ? read(value, 'stack') : undefined;
  copy.stack = typeof rawStack === 'string' ? boundedText(rawStack, MAX_STACK_LENGTH, scrub) : `${name}: ${message}`;
  const code = isErrorLike ? read(value, 'code') : undefined;
  if (typeof code === 'number' || typeof code === 'string') {
    Object.defineProperty(copy, 'code', { value: typeof code === 'string' ? boundedText(code, MAX_NAME_LENGTH, scrub) : code, writable: true, configurable: true, enumerable: true });
  }
  const cause = isErrorLike ? read(value, 'cause') : undefined;
  const scrubbedCause = cause === undefined ? undefined : scrubLink(cause, scrub, keep, depth + 1, seen);
  if (scrubbedCause !== undefined) copy.cause = scrubbedCause;
  return copy;
}

/**
 * A copy of a cause chain that is safe to keep on an error: each error becomes a plain `Error`
 * with the same `name` and `code` and its message and stack passed through `scrub`; a string is
 * scrubbed; an object that is not an error (a `Request`, a config) becomes an `Error` named after
 * its type with an empty message, since its fields may hold credentials. Texts are cut to a
 * bounded length, the chain to eight links; a loop ends the chain. Never throws.
 *
 * Underlying errors can quote the URL, a header or the body — with a key in it — and an SDK
 * error keeps its `cause`, so the chain is rebuilt rather than kept as is.
 *
 * @param error - The cause.
 * @param scrub - Replaces secrets in a text.
 * @param keep - Values kept as they are (the SDK's own errors, already scrubbed when built).
 * @returns The scrubbed copy; `undefined` for `undefined`, `null` or a chain cut short.
 */
export function scrubErrorChain(error: unknown, scrub: (text: string) => string, keep?: (value: object) => boolean): unknown {
  return scrubLink(error, scrub, keep, 0, new Set());
}
