/**
 * Query values are checked before anything is sent: `NaN`, `Infinity`, functions, symbols,
 * objects where the spec has a scalar, a value of the wrong type or outside the spec's bounds,
 * and a name the operation does not take are refused with an error naming the parameter —
 * never serialised into something the caller did not mean (`per_page=NaN`, a function's source,
 * an empty `since=` for a `Date`, a misspelt filter the server ignores).
 *
 * For an operation the spec does not know (a low-level call on another path), only what cannot
 * be serialised faithfully is refused: non-finite numbers, functions, symbols, bigints and
 * nesting beyond openapi-fetch's `name[key]=` and repeated `name=`.
 *
 * `undefined` and `null` leave a parameter out, as openapi-fetch does.
 *
 * @internal
 * @packageDocumentation
 */
import type { RouteInfo } from '../../generated/routes.js';
import { InvalidArgumentError } from '../errors/usage.js';
import { describeRange, describeUnknown, describeValue, isObject, isPlainObject } from '../internal/check.js';
import { queryRule, type QueryRule } from '../internal/routes.js';
import { isWellFormed } from './text.js';

/** What a value must be under its rule, when it is not that; undefined when it may be sent. */
function ruleProblem(value: unknown, { type, min, max }: QueryRule): string | undefined {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'string': {
      if (typeof value === 'string' && !isWellFormed(value)) return 'well-formed Unicode text (it holds a lone surrogate)';
      const length = typeof value === 'string' ? [...value].length : -1; // JSON Schema counts code points
      if (length >= (min ?? 0) && length <= (max ?? Number.POSITIVE_INFINITY)) return undefined;
      return `a string${describeRange(min, max)}${min === undefined && max === undefined ? '' : ' characters long'}`;
    }
    default: {
      const integer = type === 'integer';
      const fits = typeof value === 'number' && Number.isFinite(value) && (!integer || Number.isInteger(value));
      if (fits && value >= (min ?? -Infinity) && value <= (max ?? Infinity)) return undefined;
      return `${integer ? 'a whole number' : 'a finite number'}${describeRange(min, max)}`;
    }
  }
}

/** Whether openapi-fetch's default serializer sends a value as it is: text, a finite number, a boolean. */
function isScalar(value: unknown): boolean {
  return typeof value === 'string' ? isWellFormed(value) : typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** What is wrong with a value of a parameter the spec does not describe, or undefined. */
function genericProblem(value: unknown): string | undefined {
  if (isScalar(value)) return undefined;
  if (Array.isArray(value)) return value.every(isScalar) ? undefined : 'an array of strings, finite numbers or booleans';
  if (isPlainObject(value)) {
    return Object.values(value).every((v) => v === undefined || v === null || isScalar(v)) ? undefined : 'an object of strings, finite numbers or booleans';
  }
  return 'a string, a finite number, a boolean, or an array or plain object of them';
}

/** A hint for the likely slip behind a value. */
function hint(value: unknown): string {
  if (value instanceof Date) return ' (pass a date-time as an ISO 8601 string: date.toISOString())';
  return '';
}

/**
 * Checks a call's query parameters: against the operation's parameters and the spec's rules
 * when `route` is known, else only that each value serialises faithfully.
 * @param operation - The call, for messages: `agents.list()` or `GET /v1/agents`.
 * @throws InvalidArgumentError naming the parameter.
 */
export function checkQuery(query: unknown, route: RouteInfo | undefined, operation: string): void {
  if (query === undefined || query === null) return;
  if (!isObject(query)) {
    throw new InvalidArgumentError({ message: `the query parameters must be an object, got ${describeValue(query)}`, operation, location: 'query', argument: 'query' });
  }
  for (const name of Object.keys(query)) {
    const value = query[name];
    if (value === undefined || value === null) continue; // left out, whatever its name
    if (route && !route.queryParams.includes(name)) {
      const takes = route.queryParams.length === 0 ? 'no query parameters' : `the query parameters ${route.queryParams.join(', ')}`;
      throw new InvalidArgumentError({ message: `unknown query parameter ${describeUnknown(name, route.queryParams)}: it takes ${takes}`, operation, location: 'query', argument: name });
    }
    const problem = route ? ruleProblem(value, queryRule(name)) : genericProblem(value);
    if (problem !== undefined) {
      throw new InvalidArgumentError({ message: `${name} must be ${problem}, got ${describeValue(value)}${hint(value)}`, operation, location: 'query', argument: name });
    }
  }
}
