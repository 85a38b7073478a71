/**
 * The facade's way into a pipeline: builds the request itself instead of letting openapi-fetch
 * build a `Request` that the pipeline takes apart again, and hands back the parsed body.
 *
 * @packageDocumentation
 */
import { createFinalURL, createQuerySerializer, defaultPathSerializer, mergeHeaders } from 'openapi-fetch';
import { checkCallInput } from '../arguments/input.js';
import type { RateLimitInfo } from '../headers/rate-limit.js';
import type { RequestOptions } from '../options.js';
import type { RouteInfo } from '../../generated/routes.js';
import { checkEnvelope } from './envelope.js';
import type { Pipeline } from './pipeline.js';
import { errorBody, successBody } from './response-body.js';

/** What a direct call sends besides its options: path parameters, query and JSON body. */
export interface CallInput {
  /** Values of the route's path parameters, by name (checked: see `arguments/path.ts`). */
  path?: Record<string, unknown>;
  /** Query parameters: primitives, arrays (repeated `name=`), objects (`name[key]=`); undefined and null are left out. */
  query?: Record<string, unknown> | undefined;
  /** The JSON body; `undefined` sends none (checked and serialised: see `arguments/body.ts`). */
  body?: unknown;
}

/** The outcome of a direct call that got a response. */
export interface CallResult {
  /** The response (its body already read). */
  response: Response;
  /**
   * For a success, its parsed JSON, checked to be the documented envelope (undefined for
   * 204/205/304 and HEAD); for an error status, the body as openapi-fetch reports it: parsed
   * JSON, else the text, else undefined when empty.
   */
  body: unknown;
  /** The rate-limit state the pipeline read from the response. */
  rateLimit: RateLimitInfo | undefined;
}

const encoder = new TextEncoder();

/**
 * The query string as the low-level client builds it: openapi-fetch's own default serializer
 * (form style, exploded arrays, deepObject objects, undefined and null left out), so a facade
 * call and the same low-level call put the same URL on the wire.
 */
export const serializeQuery: (query: Record<string, unknown> | undefined) => string = createQuerySerializer();

/** A direct call of a known operation: see {@link createCall}. */
export type Call = (route: RouteInfo, input: CallInput, options: RequestOptions) => Promise<CallResult>;

/**
 * The facade's way into a pipeline. What it puts on the wire is what the low-level client sends
 * for the same input: path parameters percent-encoded, the query serialised like
 * openapi-fetch's default serializer, a JSON body with its content type, the client's default
 * headers.
 */
export function createCall(pipeline: Pipeline): Call {
  return (route, input, requestOptions) => {
    try {
      return sendCall(pipeline, route, input, requestOptions);
    } catch (error) {
      return Promise.reject(error); // a bad option or input fails the call, never throws at the caller
    }
  };
}

/** One direct call: one `then` on the pipeline (see `composePolicies` for why not `await`). */
function sendCall(pipeline: Pipeline, route: RouteInfo, input: CallInput, requestOptions: RequestOptions): Promise<CallResult> {
  const context = pipeline.context(route, route.method, route.path, requestOptions.signal, requestOptions);
  const json = checkCallInput(route, input);
  const params = { ...(input.path ? { path: input.path } : {}), ...(input.query ? { query: input.query } : {}) };
  const url = new URL(createFinalURL(route.path, { baseUrl: pipeline.baseUrl, params, querySerializer: serializeQuery, pathSerializer: defaultPathSerializer }));
  let body: ArrayBuffer | undefined;
  if (json !== undefined) {
    const bytes = encoder.encode(json);
    body = bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
  }
  // openapi-fetch's merge, in its order: the body's content type, then the client's headers.
  const headers = mergeHeaders(body === undefined ? undefined : { 'Content-Type': 'application/json' }, pipeline.headers);
  return pipeline.send({ url, method: route.method, headers, body }, context).then((response) => {
    if (!response.ok) return { response, body: errorBody(response, context), rateLimit: context.rateLimit };
    const success = successBody(response, context);
    if (success) checkEnvelope(route, response, success.json);
    return { response, body: success?.json, rateLimit: context.rateLimit };
  });
}
