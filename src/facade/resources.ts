import { routeList, type RouteInfo } from '../routes.js';
import { ApiError, ConfigurationError } from '../errors/index.js';
import { anySignal } from '../internal/any-signal.js';
import { parseRateLimitHeaders } from '../headers/rate-limit.js';
import type { RequestOptions, StabilityLevel } from '../options.js';
import { PagePromise, type ListEnvelope, type PaginationOptions } from '../pagination.js';
import type { Call } from '../transport/direct-call.js';
import { APIPromise, type WithResponse } from './api-promise.js';

const RANK: Record<StabilityLevel, number> = { stable: 0, beta: 1, internal: 2 };

/** Options of a facade call: the per-request options, plus `concurrency` for list walks. */
export type CallOptions = RequestOptions & PaginationOptions;

type Method = (...args: unknown[]) => APIPromise<unknown> | PagePromise<unknown>;

function checkPathValue(op: RouteInfo, name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigurationError(`${op.resource}.${op.name}() needs ${name} as a non-empty string (argument ${op.pathParams.indexOf(name) + 1}), got ${value === '' ? 'an empty string' : typeof value}`, {
      option: name,
    });
  }
  return value;
}

/** Sends one operation straight into the pipeline and unwraps `{ data }`, or throws the typed error. */
async function send(
  call: Call,
  op: RouteInfo,
  path: Record<string, string>,
  query: Record<string, unknown> | undefined,
  body: unknown,
  options: RequestOptions,
): Promise<WithResponse<unknown>> {
  const { response, body: parsed, rateLimit } = await call(op, { path, query, body }, options);
  if (!response.ok) {
    throw ApiError.fromResponse({ status: response.status, body: parsed, headers: response.headers, method: op.method, path: op.path });
  }
  // The direct call checked the envelope: a success here is `{ data: {…} }`.
  const data = (parsed as { data: unknown } | undefined)?.data;
  return { data, response, requestId: response.headers.get('x-request-id') ?? undefined, rateLimit: rateLimit ?? parseRateLimitHeaders(response.headers, Date.now()) };
}

function createMethod(call: Call, op: RouteInfo, level: StabilityLevel): Method {
  const argsBeyondPath = op.body !== 'none' ? 'body' : op.query ? 'query' : 'none';
  return (...args: unknown[]) => {
    if (RANK[op.stability] > RANK[level]) {
      throw new ConfigurationError(
        `${op.resource}.${op.name}() is a ${op.stability} operation; create the client with createClient({ stability: '${op.stability}' }) to call it.`,
        { option: 'stability' },
      );
    }
    const path: Record<string, string> = {};
    op.pathParams.forEach((name, i) => (path[name] = checkPathValue(op, name, args[i])));
    const rest = args.slice(op.pathParams.length);
    const body = argsBeyondPath === 'body' ? rest.shift() : undefined;
    const query = argsBeyondPath === 'query' ? (rest.shift() as Record<string, unknown> | undefined) : undefined;
    const { concurrency, maxPages, ...options } = (rest.shift() ?? {}) as CallOptions;
    if (op.body === 'required' && (body === undefined || body === null)) {
      throw new ConfigurationError(`${op.resource}.${op.name}() needs a request body`, { option: 'body' });
    }
    if (!op.paginated) return new APIPromise(send(call, op, path, query, body, options));
    // `page` picks where the walk starts; every later page is the walk's to number.
    const { page: start, ...filters } = query ?? {};
    const fetcher = (page: number, walk: AbortSignal) => {
      const signal = anySignal([walk, options.signal]); // the walk's own and the caller's
      return send(call, op, path, { ...filters, page }, undefined, { ...options, signal: signal.signal }).finally(signal.release) as Promise<WithResponse<ListEnvelope<unknown>>>;
    };
    const walk = { ...(concurrency !== undefined ? { concurrency } : {}), ...(maxPages !== undefined ? { maxPages } : {}), ...(options.signal ? { signal: options.signal } : {}) };
    return new PagePromise(fetcher, walk, start === undefined ? 1 : Number(start));
  };
}

/**
 * Builds `client.<resource>.<method>()` for every operation of the routes table, each calling
 * the pipeline directly (no `Request` is built and taken apart again): the
 * resource and method names come from the operationId (`agents_list` → `agents.list`).
 * Operations above the client's stability level exist at run time but throw, naming the
 * option, so JavaScript callers get a clear error instead of `undefined is not a function`.
 */
export function createResources(call: Call, level: StabilityLevel): Record<string, Record<string, Method>> {
  const resources: Record<string, Record<string, Method>> = {};
  for (const op of routeList()) {
    (resources[op.resource] ??= {})[op.name] = createMethod(call, op, level);
  }
  return resources;
}
