/**
 * The low-level client's calls (`client.GET('/v1/tickets/{ticket_id}', { params })`) are checked
 * before openapi-fetch builds the URL — after that, `new URL()` has already removed a `..` and a
 * path parameter could have changed the route. Each method checks, for the operation the spec
 * names by that method and path template:
 *
 * - the path parameters (`arguments/path.ts`), the query (`arguments/query.ts`) and the body
 *   (`arguments/body.ts`, serialised here once and handed to openapi-fetch as it is);
 * - the call's own options: `signal` (another realm's is followed through a native one),
 *   a misspelt name of an option the SDK or openapi-fetch knows (`timout`, `parms`), and a
 *   per-call `baseUrl`, which would send the credentials to another server past the client's
 *   checks. `timeout`, `maxRetries` and `idempotencyKey` are checked by the pipeline, still
 *   before any I/O. Other keys pass through to `fetch` as `RequestInit` fields.
 *
 * A call with a `bodySerializer` of its own sends its body as that serializer makes it (the SDK
 * checks it only when it serialises it). A failed check rejects the call's promise with the
 * typed error; nothing is sent.
 *
 * @internal
 * @packageDocumentation
 */
import type { Client } from 'openapi-fetch';
import type { paths } from '../../generated/schema.js';
import { ConfigurationError } from '../errors/usage.js';
import { checkAbortSignal, closestName, describeUnknown, fail, isObject } from '../internal/check.js';
import { adoptSignal } from '../internal/foreign-signal.js';
import { routeOf } from '../internal/routes.js';
import { serializeBody } from './body.js';
import { checkPathParams } from './path.js';
import { checkQuery } from './query.js';

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/** Every key a low-level call's init may have: the SDK's options, openapi-fetch's, and `RequestInit`'s. */
const KNOWN_KEYS = [
  'signal', 'timeout', 'maxRetries', 'idempotencyKey',
  'params', 'body', 'headers', 'parseAs', 'querySerializer', 'bodySerializer', 'pathSerializer', 'middleware', 'fetch', 'Request', 'baseUrl',
  'method', 'keepalive', 'cache', 'credentials', 'integrity', 'mode', 'redirect', 'referrer', 'referrerPolicy', 'window', 'priority', 'duplex', 'dispatcher',
];

const KNOWN = new Set(KNOWN_KEYS);

type Init = Record<string, unknown>;
type Send = (init: Init | undefined) => Promise<unknown>;

/** The JSON text, handed to openapi-fetch as it is: it was serialised (and checked) already. */
const asIs = (body: unknown): unknown => body;

/** Checks one call; returns the init to send (a copy when something had to change) and what to do when it settles. */
function prepare(method: string, template: string, init: unknown): { init: Init | undefined; release: (() => void) | undefined } {
  const operation = `${method} ${template}`;
  if (init !== undefined && !isObject(init)) fail('options', `an object (the options of ${operation})`, init);
  const given = init as Init | undefined;
  for (const key in given) {
    if (KNOWN.has(key) || closestName(key, KNOWN_KEYS) === undefined) continue;
    throw new ConfigurationError(`Unknown option ${describeUnknown(key, KNOWN_KEYS)} of ${operation}.`, { option: key });
  }
  if (given?.['baseUrl'] !== undefined) {
    throw new ConfigurationError(
      'baseUrl is a client option: a per-call baseUrl would send the credentials to another server without the checks the client made (https, the key environment). Create a client for that server.',
      { option: 'baseUrl' },
    );
  }
  const route = routeOf(method, template);
  const params = given?.['params'];
  if (params !== undefined && !isObject(params)) fail('params', 'an object of path, query and header parameters', params);
  checkPathParams(template, params?.['path'], operation, route?.pathParams);
  checkQuery(params?.['query'], route, operation);
  let out = given;
  if ((route || given?.['body'] !== undefined) && given?.['bodySerializer'] === undefined) {
    const body = serializeBody(given?.['body'], route, operation);
    if (body !== undefined) out = { ...out, body, bodySerializer: asIs };
  }
  const signal = given?.['signal'];
  if (signal === undefined || signal === null) return { init: out, release: undefined };
  checkAbortSignal(signal, 'signal');
  const adopted = adoptSignal(signal as AbortSignal);
  if (adopted.signal !== signal) out = { ...out, signal: adopted.signal };
  return { init: out, release: adopted.release };
}

function guarded(method: string, template: unknown, init: unknown, send: Send): Promise<unknown> {
  let prepared: ReturnType<typeof prepare>;
  try {
    prepared = prepare(method, String(template), init);
  } catch (error) {
    return Promise.reject(error);
  }
  const result = send(prepared.init);
  const release = prepared.release;
  if (release) void result.then(release, release);
  return result;
}

/** Puts the checks in front of every method of a low-level client (`GET` … `TRACE`, `request`). */
export function guardLowLevel(client: Client<paths>): void {
  const methods = client as unknown as Record<string, (template: unknown, init?: unknown) => Promise<unknown>>;
  for (const method of METHODS) {
    const inner = methods[method]!;
    methods[method] = (template, init) => guarded(method, template, init, (checked) => inner(template, checked));
  }
  const request = client.request as unknown as (method: unknown, template: unknown, init?: unknown) => Promise<unknown>;
  (client as unknown as { request: typeof request }).request = (method, template, init) =>
    guarded(String(method).toUpperCase(), template, init, (checked) => request(method, template, checked));
}
