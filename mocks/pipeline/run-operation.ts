/**
 * The request pipeline every handler runs through, in this order (outermost first):
 *
 * 1. scenarios   — switched-on failures answer before anything else (like a proxy would)
 * 2. settle      — queued work (reboots, runs, scheduled revocations) catches up with the clock
 * 3. authenticate— 401 for missing, unknown, revoked, expired or wrong-environment keys
 * 4. rate limit  — per key and group; counts only authenticated requests (DESIGN "per key")
 * 5. authorize   — role, then scopes: 403 `FORBIDDEN` / `INSUFFICIENT_SCOPE`
 * 6. validate    — path, query, headers and body against the spec: 400 / 422
 * 7. idempotency — POST with `Idempotency-Key`: replay or 409, before anything is written
 * 8. handler     — the operation itself, on the store
 * 9. headers     — `X-Request-Id`, `X-RateLimit-*` and deprecation headers on every answer
 */
import { HttpResponse, delay } from 'msw';
import { operations, type OperationId, type OperationInfo, type OperationTypes as OperationSchemas } from '@opsmerge/sdk';
import type { Scenarios } from '../scenarios.js';
import type { AuditActor, MockStore } from '../store/store.js';
import type { Environment } from '../store/types.js';
import { authenticate, recordUsage, type Principal } from './authenticate.js';
import { authorize } from './authorize.js';
import { deprecationHeaders } from './deprecation.js';
import { environmentOf } from './environment.js';
import { MockApiError, errorResponse } from './errors.js';
import { canonicalJson, type IdempotencyStore } from './idempotency.js';
import type { MockRequest } from './mock-request.js';
import { setStandardHeaders } from './protocol.js';
import type { RateLimiter, RateState } from './rate-limit.js';
import type { RequestIds } from './request-id.js';
import { parseRequest } from './validate-request.js';

type OperationSchema<Id extends OperationId> = OperationSchemas[Id];

/** Validated query parameters of an operation (defaults filled in). */
export type QueryOf<Id extends OperationId> = NonNullable<OperationSchema<Id>['parameters']['query']>;
/** Path parameters of an operation. */
export type PathOf<Id extends OperationId> = NonNullable<OperationSchema<Id>['parameters']['path']>;
/** The JSON body of an operation (undefined when optional and not sent). */
export type BodyOf<Id extends OperationId> =
  OperationSchema<Id> extends { requestBody: { content: { 'application/json': infer B } } }
    ? B
    : OperationSchema<Id> extends { requestBody?: { content: { 'application/json': infer B } } }
      ? B | undefined
      : undefined;

/** What a handler gets: the validated request, the caller and the store. */
export interface Call<Id extends OperationId> {
  readonly operation: OperationInfo;
  readonly store: MockStore;
  readonly principal: Principal;
  /** The API key acting, for `acknowledged_by`, `resolved_by` and the audit log. */
  readonly actor: AuditActor;
  readonly query: QueryOf<Id>;
  readonly params: PathOf<Id>;
  readonly body: BodyOf<Id>;
  readonly environment: Environment;
  readonly requestId: string;
  readonly url: URL;
  /** The key's rate-limit budget after this request. */
  readonly rate: RateState;
  /** The plan's daily quota, or null. */
  readonly dailyQuota: number | null;
  /** Records the action in the audit log as done by this key. */
  audit(action: string, targetType: string, targetId: string): void;
}

/** The part of a handler's resolver info (handlers/typed-http.ts) the pipeline uses. */
export interface ResolverInfoLike<R> {
  readonly request: MockRequest;
  readonly params: object;
  readonly response: { untyped(response: Response): R };
}

/** Shared state of the pipeline. */
export interface PipelineDeps {
  readonly store: MockStore;
  readonly limiter: RateLimiter;
  readonly idempotency: IdempotencyStore;
  readonly scenarios: Scenarios;
  readonly requestIds: RequestIds;
  /** Environment of base URLs that are neither production nor sandbox. */
  readonly environment: Environment;
}

/** Runs one operation through the pipeline; see the module comment. */
export type Runner = <Id extends OperationId, R extends Response>(
  info: ResolverInfoLike<R>,
  operationId: Id,
  handler: (call: Call<Id>) => R | Promise<R>,
) => Promise<R>;

/** Builds the runner over shared state. */
export function createRunner(deps: PipelineDeps): Runner {
  return async (info, operationId, handler) => {
    const operation: OperationInfo = operations[operationId];
    const { request } = info;
    const url = new URL(request.url);
    const requestId = deps.requestIds.next();
    const environment = environmentOf(url, deps.environment);
    let rate: RateState | null = null;

    const finish = (response: Response) => {
      setStandardHeaders(response.headers, requestId, rate ?? deps.limiter.peek(null, operation.rateLimitGroup));
      for (const [name, value] of Object.entries(deprecationHeaders(operation))) response.headers.set(name, value);
      return info.response.untyped(response);
    };

    const latency = deps.scenarios.latencyFor(operationId);
    if (latency > 0) await delay(latency);
    const effect = deps.scenarios.effectFor(operationId);
    if (effect?.kind === 'network-error') return info.response.untyped(HttpResponse.error());
    if (effect?.kind === 'malformed') {
      return finish(new Response('{"data": {"items": [{"id": "agt_01HZX4C9P2", "hostname": ', { status: 200, headers: { 'Content-Type': 'application/json' } }));
    }
    if (effect?.kind === 'error') {
      if (effect.code === 'RATE_LIMITED') {
        const state = deps.limiter.peek(null, operation.rateLimitGroup);
        rate = { ...state, remaining: 0 };
      }
      const error = new MockApiError(effect.code, effect.message, { headers: { 'Retry-After': String(effect.retryAfterSeconds) } });
      return finish(errorResponse(error, requestId));
    }

    let idempotency: { scope: string; key: string } | null = null;
    try {
      deps.store.settle();
      const principal = authenticate(deps.store, request, url, environment);
      const decision = deps.limiter.consume(principal.key.id, operation.rateLimitGroup);
      rate = decision;
      if (!decision.allowed) {
        const message = decision.reason === 'QUOTA_EXCEEDED' ? `Daily quota of ${deps.limiter.dailyQuota ?? 0} requests is spent` : 'API key rate limit exceeded';
        throw new MockApiError(decision.reason, message, { headers: { 'Retry-After': String(decision.retryAfterSeconds) } });
      }
      recordUsage(deps.store, principal.key);
      authorize(operation, principal);
      const parsed = await parseRequest(operation, request, url, info.params as Record<string, unknown>);

      if (operation.idempotencyKey && parsed.idempotencyKey !== undefined) {
        const fingerprint = `${operation.method} ${url.pathname} ${canonicalJson(parsed.body ?? null)}`;
        const lookup = deps.idempotency.begin(principal.key.id, parsed.idempotencyKey, fingerprint, deps.store.now().getTime());
        if (lookup.kind === 'conflict') {
          throw new MockApiError(
            'CONFLICT',
            lookup.reason === 'in-flight'
              ? `A request with Idempotency-Key ${parsed.idempotencyKey} is still being processed`
              : `Idempotency-Key ${parsed.idempotencyKey} was used with a different request body`,
          );
        }
        if (lookup.kind === 'replay') {
          const headers = new Headers(lookup.result.headers.map(([k, v]) => [k, v] as [string, string]));
          headers.set('Idempotent-Replayed', 'true');
          return finish(new Response(lookup.result.body, { status: lookup.result.status, headers }));
        }
        idempotency = { scope: principal.key.id, key: parsed.idempotencyKey };
      }

      const actor: AuditActor = { type: 'api_key', id: principal.key.id, name: principal.key.name };
      const call: Call<typeof operationId> = {
        operation,
        store: deps.store,
        principal,
        actor,
        query: parsed.query as QueryOf<typeof operationId>,
        params: parsed.params as PathOf<typeof operationId>,
        body: parsed.body as BodyOf<typeof operationId>,
        environment,
        requestId,
        url,
        rate: decision,
        dailyQuota: deps.limiter.dailyQuota,
        audit: (action, targetType, targetId) => deps.store.audit(action, targetType, targetId, actor),
      };
      const response = await handler(call);
      if (idempotency) {
        if (response.status >= 200 && response.status < 300) {
          const replayed = ['Content-Type', 'Location'].flatMap((name) => {
            const value = response.headers.get(name);
            return value === null ? [] : [[name, value] as const];
          });
          deps.idempotency.complete(idempotency.scope, idempotency.key, { status: response.status, body: await response.clone().text(), headers: replayed });
        } else {
          deps.idempotency.abandon(idempotency.scope, idempotency.key);
        }
      }
      return finish(response);
    } catch (error) {
      if (idempotency) deps.idempotency.abandon(idempotency.scope, idempotency.key);
      if (error instanceof MockApiError) return finish(errorResponse(error, requestId));
      const message = error instanceof Error ? error.message : String(error);
      return finish(errorResponse(new MockApiError('INTERNAL_ERROR', `Something went wrong on our side (mock: ${message})`), requestId));
    }
  };
}
