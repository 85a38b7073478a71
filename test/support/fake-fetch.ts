/** A recording fake `fetch` for runtime tests: each request is logged, a handler answers. */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export type Handler = (request: RecordedRequest, index: number) => Response | Promise<Response>;

export interface FakeFetch {
  fetch: typeof fetch;
  calls: RecordedRequest[];
  /** `"GET /v1/agents"` lines, Octokit style. */
  log(): string[];
}

export function fakeFetch(handler: Handler): FakeFetch {
  const calls: RecordedRequest[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const recorded: RecordedRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: new Headers(request.headers),
      body: request.body ? await request.text() : '',
    };
    calls.push(recorded);
    if (request.signal.aborted) throw request.signal.reason;
    return handler(recorded, calls.length - 1);
  };
  return {
    fetch: fn as typeof fetch,
    calls,
    log: () => calls.map((c) => `${c.method} ${c.url.pathname}`),
  };
}

let requestCounter = 0;

/** A JSON response with the API's standard headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  requestCounter++;
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json',
      'x-request-id': `req_${requestCounter.toString(16).padStart(24, '0')}`,
      ...headers,
    },
  });
}

export function apiError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return json(status, { error: { code, message, request_id: 'req_7f3c2a91b0d44e1f8a6c5d21' } }, { 'x-request-id': 'req_7f3c2a91b0d44e1f8a6c5d21', ...headers });
}

export const TEST_KEY = 'om_test_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a';
export const LIVE_KEY = 'om_live_Zb8Lm2Qe5Rt7Yu9Io1Pa3Sd4Fg6HQx7e';
export const me = { data: { organisation: { id: 'org_01HZX0A1B2', name: 'Northwind', plan: 'growth' }, key: null, environment: 'sandbox', rate_limit: { limit: 300, remaining: 299, reset: 1795689600 } } };
