/**
 * Routes typed with the spec's generated `paths`: a route is written as the spec writes it
 * (`/v1/clients/{client_id}`), only paths that have the method compile, and
 * `info.response(201).json(body)` checks the body against that operation's documented
 * response for that status. The router (router.ts) serves them. @internal
 */
import type { paths } from '@opsmerge/sdk';
import { jsonResponse } from '../pipeline/json-response.js';
import type { MockRequest } from '../pipeline/mock-request.js';

/** The HTTP methods the spec uses. */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The spec paths that have an operation for `M`. */
export type PathsWith<M extends Method> = {
  [P in keyof paths]: [NonNullable<paths[P][M]>] extends [never] ? never : P;
}[keyof paths];

/** The generated operation type of `M` on path `P`. */
export type OperationAt<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type ResponsesOf<Op> = Op extends { responses: infer R } ? R : never;

/** The documented statuses of an operation. */
export type StatusOf<Op> = keyof ResponsesOf<Op> & number;

/** The JSON body an operation documents for `S`. */
export type JsonBodyOf<Op, S extends StatusOf<Op>> = ResponsesOf<Op>[S] extends { content: { 'application/json': infer B } } ? B : never;

/** Builds responses for one operation. */
export interface ResponseFor<Op> {
  /** A JSON response with a documented status; the body must match the spec's schema for it. */
  <S extends StatusOf<Op>>(status: S): { json(body: JsonBodyOf<Op, S>, init?: { headers?: HeadersInit }): Response };
  /** Any response, unchecked (for errors built elsewhere, and the pipeline's own headers). */
  untyped(response: Response): Response;
}

/** What a typed resolver receives: msw's request and path parameters, and a typed response builder. */
export interface TypedResolverInfo<Op> {
  /** The request. */
  readonly request: MockRequest;
  /** Path parameters by the spec's names (`client_id`), percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** Builds this operation's responses. */
  readonly response: ResponseFor<Op>;
}

/** A resolver of one operation. */
export type TypedResolver<Op> = (info: TypedResolverInfo<Op>) => Response | Promise<Response>;

/** One operation's resolver at its method and path template. */
export interface Route {
  /** Upper-case HTTP method. */
  readonly method: Uppercase<Method>;
  /** The spec's path template, e.g. `/v1/clients/{client_id}`. */
  readonly path: string;
  readonly resolver: TypedResolver<unknown>;
}

/** `http.get('/v1/…', resolver)` and friends. */
export type TypedHttp = {
  readonly [M in Method]: <P extends PathsWith<M>>(path: P, resolver: TypedResolver<OperationAt<P, M>>) => Route;
};

function responder<Op>(): ResponseFor<Op> {
  const build = (status: number) => ({
    // Not msw's HttpResponse.json: it also measures the body through a Blob, which cost more than the rest of a list request.
    json: (body: unknown, init?: { headers?: HeadersInit }): Response => jsonResponse(body, status, init?.headers),
  });
  // The status and body are checked by ResponseFor's signature where handlers call it.
  return Object.assign(build, { untyped: (response: Response) => response }) as unknown as ResponseFor<Op>;
}

/** Runs a route's resolver on a request and its path parameters. */
export function resolveRoute(route: Route, request: MockRequest, params: Readonly<Record<string, string>>): Response | Promise<Response> {
  return route.resolver({ request, params, response: responder() });
}

/** The typed `http`: each call declares one {@link Route}. */
export const typedHttp: TypedHttp = {
  get: (path, resolver) => ({ method: 'GET', path, resolver: resolver as TypedResolver<unknown> }),
  post: (path, resolver) => ({ method: 'POST', path, resolver: resolver as TypedResolver<unknown> }),
  put: (path, resolver) => ({ method: 'PUT', path, resolver: resolver as TypedResolver<unknown> }),
  patch: (path, resolver) => ({ method: 'PATCH', path, resolver: resolver as TypedResolver<unknown> }),
  delete: (path, resolver) => ({ method: 'DELETE', path, resolver: resolver as TypedResolver<unknown> }),
};
