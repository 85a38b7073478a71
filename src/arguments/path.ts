/**
 * Path parameters can never change the route. A value is sent percent-encoded as one segment
 * (`encodeURIComponent`: `/`, `?`, `#` and `%` stay inside it, so `a/b` or `..%2f` reach the
 * server as the literal value), and refused when no encoding can keep it one segment of its own
 * route: `.` and `..` (URL parsers remove dot segments, `%2e%2e` included), an empty or blank
 * string, text that is not well-formed Unicode, and anything but a string.
 *
 * @internal
 * @packageDocumentation
 */
import { InvalidArgumentError } from '../errors/usage.js';
import { describeValue } from '../internal/check.js';
import { isWellFormed } from './text.js';

function refuse(operation: string, name: string, message: string): never {
  throw new InvalidArgumentError({ message, operation, location: 'path', argument: name });
}

/**
 * Checks one path parameter's value: a string that stays one segment of the route once
 * percent-encoded (openapi-fetch's serializer does the encoding, for the facade and the
 * low-level client alike).
 * @throws InvalidArgumentError naming the parameter.
 */
export function checkPathParam(value: unknown, name: string, operation: string): void {
  if (typeof value !== 'string') refuse(operation, name, value === undefined ? `the path parameter ${name} is missing` : `${name} must be a string, got ${describeValue(value)}`);
  if (value.trim() === '') refuse(operation, name, `${name} must not be ${value === '' ? 'empty' : 'white space only'}: the request would go to another route`);
  if (value === '.' || value === '..') refuse(operation, name, `${name} must not be "${value}": a dot segment would change the route`);
  if (!isWellFormed(value)) refuse(operation, name, `${name} is not well-formed Unicode (it holds a lone surrogate), so it cannot be percent-encoded`);
}

const TEMPLATE_PARAM = /\{([^{}]+)\}/g;
/** The parameter names of each template seen, so a call does not run the pattern again. */
const namesOf = new Map<string, readonly string[]>();

/**
 * Checks the value of every parameter a path template names (`/v1/tickets/{ticket_id}`).
 * @param names - The template's parameter names, when the caller knows them (a route of the spec).
 * @throws InvalidArgumentError naming the first parameter that is missing or cannot be sent.
 */
export function checkPathParams(template: string, values: unknown, operation: string, names?: readonly string[]): void {
  let params = names ?? namesOf.get(template);
  if (!params) {
    params = [...template.matchAll(TEMPLATE_PARAM)].map((m) => m[1]!);
    if (namesOf.size < 256) namesOf.set(template, params);
  }
  if (params.length === 0) return;
  if (values !== undefined && (typeof values !== 'object' || values === null)) {
    throw new InvalidArgumentError({ message: `params.path must be an object of path parameters, got ${describeValue(values)}`, operation, location: 'path', argument: 'path' });
  }
  const given = values as Record<string, unknown> | undefined;
  for (const name of params) checkPathParam(given?.[name], name, operation);
}
