import type { RouteInfo } from '../../generated/routes.js';
import { REQUEST_OPTION_CHECKS } from '../check-options.js';
import { ApiError } from '../errors/index.js';
import { parseRateLimitHeaders } from '../headers/rate-limit.js';
import { checkQuery } from '../arguments/query.js';
import { checkOptions, type CheckTable } from '../internal/check.js';
import { anySignal } from '../internal/any-signal.js';
import { adoptSignal } from '../internal/foreign-signal.js';
import { routeList } from '../internal/routes.js';
import type { RequestOptions, StabilityLevel } from '../options.js';
import { PAGINATION_OPTION_CHECKS, PagePromise, type ListEnvelope, type PaginationOptions } from '../pagination.js';
import type { Call } from '../transport/direct-call.js';
import { stabilityRefusal } from '../transport/stability.js';
import { APIPromise, type WithResponse } from './api-promise.js';

/** Options of a facade call: the per-request options, plus `concurrency` for list walks. */
export type CallOptions = RequestOptions & PaginationOptions;

/** The check of every facade call option; any other name is an error. */
const CALL_OPTION_CHECKS: CheckTable<keyof CallOptions> = { ...REQUEST_OPTION_CHECKS, ...PAGINATION_OPTION_CHECKS };

type Method = (...args: unknown[]) => APIPromise<unknown> | PagePromise<unknown>;

/** Sends one operation straight into the pipeline and unwraps `{ data }`, or throws the typed error. */
async function send(
  call: Call,
  op: RouteInfo,
  path: Record<string, unknown>,
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

/** A call's arguments, read from its positional list: path ids, then the body or the query, then the options. */
interface Arguments {
  path: Record<string, unknown>;
  body: unknown;
  query: Record<string, unknown> | undefined;
  options: CallOptions;
}

function readArguments(op: RouteInfo, args: unknown[], label: string): Arguments {
  const path: Record<string, unknown> = {};
  op.pathParams.forEach((name, i) => (path[name] = args[i]));
  const rest = args.slice(op.pathParams.length);
  const body = op.body !== 'none' ? rest.shift() : undefined;
  const query = op.body === 'none' && op.queryParams.length > 0 ? (rest.shift() as Record<string, unknown> | undefined) : undefined;
  const options = rest.shift();
  checkOptions(options, CALL_OPTION_CHECKS, label);
  return { path, body, query, options: (options ?? {}) as CallOptions };
}

/**
 * One facade method. It never throws: a refused call (a stability level above the client's,
 * a wrong option or argument) returns a promise that rejects with the typed error, like any
 * other failure, so `.catch()` and `await` see every error alike.
 */
function createMethod(call: Call, op: RouteInfo, level: StabilityLevel): Method {
  const label = `${op.resource}.${op.name}()`;
  return (...args: unknown[]) => {
    try {
      const refused = stabilityRefusal(op, level);
      if (refused) throw refused;
      const { path, body, query, options: given } = readArguments(op, args, label);
      const { concurrency, maxPages, signal: callerSignal, ...options } = given;
      const adopted = callerSignal === undefined ? undefined : adoptSignal(callerSignal);
      const signal = adopted?.signal;
      if (!op.paginated) {
        const result = send(call, op, path, query, body, { ...options, ...(signal ? { signal } : {}) });
        if (adopted) void result.then(adopted.release, adopted.release);
        return new APIPromise(result);
      }
      // Checked here too (each page's request checks again): `page` picks where the walk starts.
      checkQuery(query, op, label);
      const { page: start, ...filters } = query ?? {};
      const fetcher = (page: number, walk: AbortSignal) => {
        const both = anySignal([walk, signal]); // the walk's own and the caller's
        return send(call, op, path, { ...filters, page }, undefined, { ...options, signal: both.signal }).finally(both.release) as Promise<WithResponse<ListEnvelope<unknown>>>;
      };
      const walk = { ...(concurrency !== undefined ? { concurrency } : {}), ...(maxPages !== undefined ? { maxPages } : {}), ...(signal ? { signal } : {}) };
      return new PagePromise(fetcher, walk, start === undefined ? 1 : (start as number));
    } catch (error) {
      return op.paginated ? new PagePromise(() => Promise.reject(error)) : new APIPromise(Promise.reject(error));
    }
  };
}

/**
 * Builds `client.<resource>.<method>()` for every operation of the routes table, each calling
 * the pipeline directly (no `Request` is built and taken apart again): the
 * resource and method names come from the operationId (`agents_list` → `agents.list`).
 * Operations above the client's stability level exist at run time but their calls reject,
 * naming the option, so JavaScript callers get a clear error instead of `undefined is not a function`.
 */
export function createResources(call: Call, level: StabilityLevel): Record<string, Record<string, Method>> {
  const resources: Record<string, Record<string, Method>> = {};
  for (const op of routeList()) {
    (resources[op.resource] ??= {})[op.name] = createMethod(call, op, level);
  }
  return resources;
}
