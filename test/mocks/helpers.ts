/** Shared helpers of the mock tests: one MSW server per file and a validating fetch. */
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { operations, type OperationId } from '../../generated/operations.js';
import { createMockApi, type MockApi, type MockApiOptions } from '../../mocks/index.js';
import { validateFetchResponse } from '../../mocks/validate.js';

/** A validated answer: the response, its parsed JSON body and headers. */
export interface Answer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly response: Response;
}

/** Options of {@link call}. */
export interface CallOptions {
  /** Path parameters to fill into the operation's path. */
  readonly params?: Readonly<Record<string, string>>;
  /** Query parameters. */
  readonly query?: Readonly<Record<string, string | number | boolean>>;
  /** JSON body. */
  readonly body?: unknown;
  /** Key to send as Bearer; `null` sends none. @default api.testKey */
  readonly key?: string | null;
  /** Extra headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Base URL. @default api.baseUrl */
  readonly baseUrl?: string;
  /** Skip the spec check (for deliberately broken responses). */
  readonly unchecked?: boolean;
}

/** Builds the URL of an operation. */
export function urlOf(api: MockApi, operationId: OperationId, options: CallOptions = {}): string {
  let path: string = operations[operationId].path;
  for (const [name, value] of Object.entries(options.params ?? {})) path = path.replace(`{${name}}`, encodeURIComponent(value));
  const url = new URL(`${options.baseUrl ?? api.baseUrl}${path}`);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, String(value));
  return url.toString();
}

/**
 * Calls an operation with plain fetch and checks the answer against the spec (status,
 * headers, body) with the shared validator — on every response.
 */
export async function call<T = any>(api: MockApi, operationId: OperationId, options: CallOptions = {}): Promise<Answer<T>> {
  const op = operations[operationId];
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? api.testKey : options.key;
  if (key !== null) headers['Authorization'] = `Bearer ${key}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(urlOf(api, operationId, options), {
    method: op.method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  if (options.unchecked) return { status: response.status, headers: response.headers, body: undefined as T, response };
  const checked = await validateFetchResponse(operationId, response);
  expect(checked.errors, `${op.method} ${op.path}`).toEqual([]);
  return { status: response.status, headers: response.headers, body: checked.body as T, response };
}

/** Starts an MSW server over a fresh mock for the current test file. */
export function useMockApi(options: MockApiOptions = {}): { readonly api: MockApi; readonly server: SetupServer } {
  const api = createMockApi(options);
  const server = setupServer(...api.handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    api.reset();
  });
  afterAll(() => server.close());
  return { api, server };
}
