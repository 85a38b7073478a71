/**
 * Routes mounted beside the API's `/v1/` operations (the OAuth server, the control API): the
 * {@link ServerRoute} the HTTP server (node-server.ts) answers before its router, the same
 * HTTP-layer rules as the router's for a fixed set of endpoints, and the MSW handler that
 * serves a route in-process. Browser-safe: no `node:` import.
 */
import { http, type HttpHandler } from 'msw';
import { allowedMethods, methodNotAllowed, optionsAnswer, protocolError, withoutBody, type ProtocolDeps } from './pipeline/protocol.js';

/** The client end of a request's connection, for routes that care (IP allow-lists, logs). */
export interface ClientConnection {
  /** The peer's IP address (IPv4, or IPv6 such as `::1`), as the socket reports it; undefined in-process. */
  readonly remoteAddress: string | undefined;
  /** The peer's port; undefined in-process. */
  readonly remotePort: number | undefined;
}

/**
 * A route the HTTP server answers before the API's `/v1/` operations (an OAuth server, a
 * control API…). Its requests get the same target parsing, body limit and error envelope.
 */
export interface ServerRoute {
  /** Raw path prefix the route serves, e.g. `/oauth/`; matched as sent, before any normalisation. */
  readonly prefix: string;
  /**
   * Answers a request. Its body is read (up to the limit) for every method except `GET`, `HEAD`
   * and `OPTIONS`. Its URL is on the server's origin, with the path as `URL` normalises it:
   * the route was chosen on the raw path.
   */
  handle(request: Request, connection: ClientConnection): Response | Promise<Response>;
}

/** Answers one method of an endpoint. */
export type EndpointHandler = (request: Request, connection: ClientConnection) => Response | Promise<Response>;

/** What {@link endpointRoute} serves below its prefix: methods by path (`/token`, `/state`…). */
export type Endpoints = Readonly<Record<string, Readonly<Partial<Record<string, EndpointHandler>>>>>;

/**
 * A route over a fixed set of endpoints below `prefix`, with the router's HTTP-layer rules: an
 * unknown path is 404 `NOT_FOUND`, a method the endpoint does not take 405 `METHOD_NOT_ALLOWED`
 * with `Allow`, `OPTIONS` 204 with `Allow`, `HEAD` the `GET` answer without its body; errors
 * in the envelope. Every answer carries `X-Request-Id` (a handler may set its own).
 * @param prefix - Ends with `/`; endpoint paths are what follows it, with a leading `/`.
 */
export function endpointRoute(prefix: string, endpoints: Endpoints, deps: ProtocolDeps): ServerRoute {
  const root = prefix.slice(0, -1);
  return {
    prefix,
    async handle(request, connection) {
      const { pathname } = new URL(request.url);
      const methods = pathname.startsWith(prefix) ? endpoints[pathname.slice(root.length)] : undefined;
      if (!methods) return protocolError(deps, 'NOT_FOUND', `No such path: ${request.method} ${pathname}`);
      const head = request.method === 'HEAD' && methods['HEAD'] === undefined;
      const run = methods[head ? 'GET' : request.method];
      if (!run) {
        const allow = allowedMethods(Object.keys(methods));
        return request.method === 'OPTIONS' ? optionsAnswer(deps, allow) : methodNotAllowed(deps, request.method, pathname, allow);
      }
      const answer = await run(request, connection);
      if (answer.type !== 'error' && !answer.headers.has('X-Request-Id')) answer.headers.set('X-Request-Id', deps.requestIds.next());
      return head ? withoutBody(answer) : answer;
    },
  };
}

/** The MSW handler serving a route in-process under `origin` (`'*'`: any origin); there is no peer address. */
export function mswRouteHandler(origin: string, route: ServerRoute): HttpHandler {
  return http.all(`${origin}${route.prefix}*`, ({ request }) => route.handle(request, { remoteAddress: undefined, remotePort: undefined }));
}
