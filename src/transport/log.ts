import { parseRateLimitHeaders } from '../headers/rate-limit.js';
import { SAFE_QUERY_PARAMS, redactHeaders, redactUrl } from '../internal/redact.js';
import type { CallContext, Next, OutgoingRequest, Policy } from './types.js';

/**
 * One debug line per attempt: method, path, status, duration, attempt, request id and the
 * rate-limit state. Headers and query parameters pass an allow-list (anything else is written
 * `REDACTED`: `?password=…` never reaches a log) and bodies are never logged. It sits outside
 * auth, so it never sees the credentials at all.
 */
export function logPolicy(now: () => number = () => performance.now()): Policy {
  return {
    name: 'log',
    send(request: OutgoingRequest, context: CallContext, next: Next): Promise<Response> {
      return context.logger.enabled('debug') ? logged(request, context, next, now) : next(request, context);
    },
  };
}

async function logged(request: OutgoingRequest, context: CallContext, next: Next, now: () => number): Promise<Response> {
  const started = now();
  const base = { method: context.method, path: context.path, url: redactUrl(request.url.href, SAFE_QUERY_PARAMS), attempt: context.attempt };
  try {
    const response = await next(request, context);
    context.logger.debug(`${context.method} ${context.path} → ${response.status}`, {
      ...base,
      status: response.status,
      durationMs: Math.round(now() - started),
      requestId: response.headers.get('x-request-id') ?? undefined,
      rateLimit: parseRateLimitHeaders(response.headers, Date.now()),
      requestHeaders: redactHeaders(request.headers),
      responseHeaders: redactHeaders(response.headers),
    });
    return response;
  } catch (error) {
    context.logger.debug(`${context.method} ${context.path} failed: ${(error as Error).name}`, {
      ...base,
      durationMs: Math.round(now() - started),
      error: (error as Error).message,
    });
    throw error;
  }
}
