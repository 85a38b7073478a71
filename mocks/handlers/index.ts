/** Every family's handlers for a list of base URLs, plus a 404 for unknown `/v1/` routes. */
import { http as mswHttp, type HttpHandler } from 'msw';
import { MockApiError, errorResponse } from '../pipeline/errors.js';
import type { PipelineDeps, Runner } from '../pipeline/run-operation.js';
import { accountHandlers } from './account.js';
import { analyticsHandlers } from './analytics.js';
import { incidentHandlers } from './incidents.js';
import { internalHandlers } from './internal.js';
import { m365Handlers } from './m365.js';
import { psaHandlers } from './psa.js';
import { rmmHandlers } from './rmm.js';
import { createTypedHttp } from './typed-http.js';

/** What {@link buildHandlers} needs. */
export interface BuildHandlersInput {
  readonly baseUrls: readonly string[];
  readonly deps: PipelineDeps;
  readonly run: Runner;
  readonly includeInternal: boolean;
}

/** The handlers of every operation for every base URL, unknown-route 404s last. */
export function buildHandlers({ baseUrls, deps, run, includeInternal }: BuildHandlersInput): HttpHandler[] {
  const handlers: HttpHandler[] = [];
  for (const raw of baseUrls) {
    const baseUrl = raw.replace(/\/+$/, '');
    const context = { http: createTypedHttp(baseUrl), run, store: deps.store };
    handlers.push(
      ...accountHandlers(context),
      ...rmmHandlers(context),
      ...psaHandlers(context),
      ...incidentHandlers(context),
      ...analyticsHandlers(context),
      ...m365Handlers(context),
      ...(includeInternal ? internalHandlers(context) : []),
    );
  }
  for (const raw of baseUrls) {
    const baseUrl = raw.replace(/\/+$/, '');
    handlers.push(
      mswHttp.all(`${baseUrl}/v1/*`, ({ request }) => {
        const requestId = deps.requestIds.next();
        const path = new URL(request.url).pathname;
        const response = errorResponse(new MockApiError('NOT_FOUND', `No such operation: ${request.method} ${path}`), requestId);
        const state = deps.limiter.peek(null, 'default');
        response.headers.set('X-Request-Id', requestId);
        response.headers.set('X-RateLimit-Limit', String(state.limit));
        response.headers.set('X-RateLimit-Remaining', String(state.remaining));
        response.headers.set('X-RateLimit-Reset', String(state.resetEpochSeconds));
        return response;
      }),
    );
  }
  return handlers;
}
