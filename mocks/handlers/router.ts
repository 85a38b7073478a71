/**
 * Routes a request to its operation by the raw path (mocks/match-path.ts), the same way for
 * MSW in-process and for the HTTP server: no template → 404 `NOT_FOUND`; a method the path
 * does not document → 405 `METHOD_NOT_ALLOWED` with `Allow`; `OPTIONS` → 204 with `Allow`;
 * `HEAD` on a `GET` path → the `GET` answer without its body. Methods are case-sensitive
 * (RFC 9110 §9.1): `get` is not `GET`. @internal
 */
import type { ErrorCode, OperationInfo } from '@opsmerge/sdk';
import { matchPath } from '../match-path.js';
import type { MockRequest } from '../pipeline/mock-request.js';
import { allowedMethods, methodNotAllowed, optionsAnswer, protocolError, type ProtocolDeps } from '../pipeline/protocol.js';
import { resolveRoute, type Route } from './typed-http.js';

/** Where a method and path lead: an operation to run, or an answer given without one. */
export type Routed =
  | {
      /** The operation that runs (`GET`'s for `HEAD`). */
      readonly operation: OperationInfo;
      /** Runs it on the request (whose method and path were routed). */
      run(request: MockRequest): Promise<Response>;
      readonly response?: undefined;
    }
  | { readonly operation?: undefined; readonly response: Response };

/** Routes requests by their raw path below the base URL. */
export interface Router {
  /**
   * Where `method` on `path` leads. Nothing is read from the request to decide, so the HTTP
   * server reads a body only for an operation that takes one.
   * @param path - The request's path below the base URL as sent (not normalised), without query.
   */
  route(method: string, path: string): Routed;
  /** An error answered outside any operation, in the envelope, with the standard headers. */
  error(code: ErrorCode, message: string, headers?: Readonly<Record<string, string>>): Response;
  /** 204 to `OPTIONS` with this `Allow`, and the standard headers. */
  options(allow: string): Response;
}

/** The `GET` answer as `HEAD` gets it (RFC 9110 §9.3.2): the same status and headers, Content-Length included, no body. */
async function withoutBody(answer: Response): Promise<Response> {
  if (answer.type === 'error') return answer; // the network-error scenario
  const length = (await answer.arrayBuffer()).byteLength;
  const headers = new Headers(answer.headers);
  headers.set('Content-Length', String(length));
  return new Response(null, { status: answer.status, headers });
}

/** A router over routes (one per operation). */
export function createRouter(routes: readonly Route[], deps: ProtocolDeps): Router {
  const byKey = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
  const answer = (response: Response): Routed => ({ response });

  return {
    error: (code, message, headers) => protocolError(deps, code, message, headers),
    options: (allow) => optionsAnswer(deps, allow),
    route(method, path) {
      const match = matchPath(path);
      if (!match) return answer(protocolError(deps, 'NOT_FOUND', `No such path: ${method} ${path}`));
      const head = method === 'HEAD' && !match.operations.has('HEAD');
      const operation = match.operations.get(head ? 'GET' : method);
      if (!operation) {
        const allow = allowedMethods(match.operations.keys());
        return answer(method === 'OPTIONS' ? optionsAnswer(deps, allow) : methodNotAllowed(deps, method, path, allow));
      }
      const route = byKey.get(`${operation.method} ${operation.path}`);
      // In the spec, but left out of this mock (`includeInternal: false`).
      if (!route) return answer(protocolError(deps, 'NOT_FOUND', `No such path: ${method} ${path}`));
      return {
        operation,
        run: async (request) => {
          if (!head) return resolveRoute(route, request, match.params);
          const get: MockRequest = { url: request.url, method: 'GET', headers: request.headers, arrayBuffer: () => request.arrayBuffer() };
          return withoutBody(await resolveRoute(route, get, match.params));
        },
      };
    },
  };
}
