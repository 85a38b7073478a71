/**
 * A JSON body is serialised before anything is sent, and refused — with the JSON pointer of the
 * part at fault — when JSON would not carry what the caller passed: a circular structure, a
 * `BigInt`, a `toJSON` that throws, a function, symbol, `NaN` or `Infinity` (JSON would drop
 * them or send `null`), a `Map` or `Set` (sent as `{}`), a Promise (a missing `await`). A body
 * the operation requires may not be missing, and the spec's bodies are all JSON objects.
 *
 * @internal
 * @packageDocumentation
 */
import type { RouteInfo } from '../../generated/routes.js';
import { InvalidArgumentError } from '../errors/usage.js';
import { describeValue, isObject } from '../internal/check.js';
import { isWellFormed } from './text.js';

/** Why JSON would not carry a value as the caller meant it; undefined when it would. */
function unsendable(value: unknown, inArray: boolean): string | undefined {
  switch (typeof value) {
    case 'bigint':
      return 'is a bigint, which JSON cannot carry: send it as a string or a number';
    case 'function':
    case 'symbol':
      return `is ${describeValue(value)}, which JSON cannot carry (it would be ${inArray ? 'sent as null' : 'left out'})`;
    case 'number':
      return Number.isFinite(value) ? undefined : `is ${value}, which JSON cannot carry (it would be sent as null)`;
    case 'string':
      return isWellFormed(value) ? undefined : 'is not well-formed Unicode (it holds a lone surrogate)';
    case 'undefined':
      return inArray ? 'is undefined, which JSON sends as null in an array' : undefined;
  }
  if (value instanceof Map || value instanceof Set) return `is ${describeValue(value)}, which JSON sends as {}: pass ${value instanceof Map ? 'a plain object (Object.fromEntries(map))' : 'an array ([...set])'}`;
  if (isObject(value) && typeof value['then'] === 'function') return 'is a Promise (a missing await?)';
  return undefined;
}

/**
 * Whether JSON.stringify writes `value` exactly as it is: plain data (objects, arrays, strings,
 * finite numbers, booleans, null) with nothing it would drop, turn into null or `{}`, and no
 * `toJSON`. The common body, checked in one quick walk; anything else (or a body nested deeper
 * than a body should be, a cycle perhaps) takes the slower pass that names the part at fault.
 */
function isPlainData(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
      return isWellFormed(value);
    case 'number':
      return Number.isFinite(value);
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth > 64 || typeof (value as { toJSON?: unknown }).toJSON === 'function' || value instanceof Map || value instanceof Set || typeof (value as { then?: unknown }).then === 'function') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isPlainData(item, depth + 1)) return false;
    return true;
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined && !isPlainData(item, depth + 1)) return false;
  }
  return true;
}

/** `~` and `/` escaped for a JSON pointer segment (RFC 6901). */
const pointerSegment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The JSON text of a call's body, or `undefined` when there is none.
 * @param route - The operation, when the spec knows it: its body must then be present when
 *   required, absent when it takes none, and a JSON object.
 * @param operation - The call, for messages: `tickets.create()` or `POST /v1/tickets`.
 * @throws InvalidArgumentError naming the part of the body at fault (`body/lines/0/amount`).
 */
export function serializeBody(body: unknown, route: RouteInfo | undefined, operation: string): string | undefined {
  const refuse = (message: string, argument = 'body', cause?: unknown): never => {
    throw new InvalidArgumentError({ message, operation, location: 'body', argument, ...(cause === undefined ? {} : { cause }) });
  };
  if (route?.body === 'none' && body !== undefined) refuse('takes no body');
  if (body === undefined) return route?.body === 'required' ? refuse('needs a request body (an object), got undefined') : undefined;
  if (route && (!isObject(body) || typeof body['then'] === 'function' || body instanceof Map || body instanceof Set)) {
    refuse(`the body must be an object, got ${describeValue(body)}${route.body === 'optional' ? '; leave it out (undefined) to send none' : ''}`);
  }
  if (isPlainData(body, 0)) return JSON.stringify(body);
  // The replacer sees every value JSON.stringify writes (after toJSON); `paths` remembers where
  // each object sits, for the pointer of a part at fault. The root's holder is JSON's own.
  const paths = new Map<object, string>();
  let text: string | undefined;
  try {
    text = JSON.stringify(body, function (this: object, key: string, value: unknown) {
      const parent = paths.get(this);
      const here = parent === undefined ? 'body' : `${parent}/${pointerSegment(key)}`;
      const problem = unsendable(value, Array.isArray(this));
      if (problem !== undefined) refuse(`${here} ${problem}`, here);
      if (typeof value === 'object' && value !== null) paths.set(value, here);
      return value;
    });
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    const reason = error instanceof Error ? `${error.name}: ${error.message.split('\n', 1)[0]!.slice(0, 160)}` : describeValue(error);
    return refuse(`the body cannot be serialised as JSON (${reason})`, 'body', error);
  }
  // JSON.stringify returns undefined for a top-level function, symbol or undefined.
  return text ?? refuse(`the body cannot be sent as JSON: it is ${describeValue(body)}`);
}
