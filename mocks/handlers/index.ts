/**
 * Every family's routes, and the MSW handlers that serve them: one catch-all per base URL that
 * hands `/v1/…` requests to the router, so MSW in-process and the HTTP server route alike.
 */
import { http, type HttpHandler } from 'msw';
import type { PipelineDeps, Runner } from '../pipeline/run-operation.js';
import { accountRoutes } from './account.js';
import { analyticsRoutes } from './analytics.js';
import type { HandlerSettings } from './context.js';
import { incidentRoutes } from './incidents.js';
import { internalRoutes } from './internal.js';
import { m365Routes } from './m365.js';
import { psaRoutes } from './psa.js';
import { rmmRoutes } from './rmm.js';
import type { Router } from './router.js';
import { typedHttp, type Route } from './typed-http.js';

/** What {@link buildRoutes} needs. */
export interface BuildRoutesInput {
  readonly deps: PipelineDeps;
  readonly run: Runner;
  readonly settings: HandlerSettings;
  readonly includeInternal: boolean;
}

/** The route of every operation the mock serves. */
export function buildRoutes({ deps, run, settings, includeInternal }: BuildRoutesInput): Route[] {
  const context = { http: typedHttp, run, store: deps.store, settings };
  return [
    ...accountRoutes(context),
    ...rmmRoutes(context),
    ...psaRoutes(context),
    ...incidentRoutes(context),
    ...analyticsRoutes(context),
    ...m365Routes(context),
    ...(includeInternal ? internalRoutes(context) : []),
  ];
}

/**
 * One MSW handler per base URL (`'*'` for any origin) answering every method on `/v1/…`
 * through the router. The router sees the URL as `fetch` normalised it (dot segments already
 * resolved by the client): only the HTTP server (node-server.ts) sees paths as sent.
 */
export function mswHandlers(baseUrls: readonly string[], router: Router): HttpHandler[] {
  return baseUrls.map((raw) => {
    const baseUrl = raw.replace(/\/+$/, '');
    const basePath = baseUrl === '*' ? undefined : new URL(baseUrl).pathname.replace(/\/+$/, '');
    return http.all(`${baseUrl}/v1/*`, ({ request }) => {
      const { pathname } = new URL(request.url);
      const routed = router.route(request.method, basePath === undefined ? pathname.slice(pathname.indexOf('/v1/')) : pathname.slice(basePath.length));
      return routed.response ?? routed.run(request);
    });
  });
}
