/**
 * The try-it console's engine, bundled on its own (assets/try-it.js) and loaded by the page
 * the first time the reader runs something: the stateful mock of `@opsmerge/mocks` (its MSW
 * handlers over a seeded store, in this page) answers the SDK through an in-page `fetch`
 * built with msw's `getResponse` — no service worker, no network. The store lives as long as
 * the page: a key created by one run works in the next.
 */
import { getResponse, type HttpHandler } from 'msw';
import { createMockApi } from '@opsmerge/mocks';
import { createClient, isOpsMergeError, operations, type OperationInfo } from '@opsmerge/sdk';
import type { SampleArgs } from '../samples.js';
import type { Exchange, RunResult, TryItConsole } from './try-it-format.js';

function headerList(headers: Headers): [string, string][] {
  const list: [string, string][] = [];
  headers.forEach((value, name) => list.push([name, value]));
  return list;
}

/** A `fetch` that answers from the mock's handlers and records each exchange. */
function mockFetch(handlers: readonly HttpHandler[], exchanges: Exchange[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.clone().text();
    const shown = { method: request.method, url: request.url, headers: headerList(request.headers), ...(body ? { body } : {}) };
    const response =
      (await getResponse([...handlers], request)) ??
      Response.json({ error: { code: 'NOT_FOUND', message: `The mock has no route for ${request.method} ${new URL(request.url).pathname}` } }, { status: 404 });
    exchanges.push({ request: shown, response: { status: response.status, statusText: response.statusText, headers: headerList(response.headers), body: await response.clone().text() } });
    return response;
  };
}

/** The arguments of the facade method, in its order: path values, then the body or the query. */
function callArguments(op: OperationInfo, args: SampleArgs): unknown[] {
  const values: unknown[] = op.pathParams.map((name) => args.path[name] ?? '');
  if (op.body !== 'none') {
    if (args.body !== undefined) values.push(args.body);
  } else if (args.query !== undefined) {
    values.push(args.query);
  }
  return values;
}

/** A console over a fresh mock. */
export function createConsole(): TryItConsole {
  const api = createMockApi();
  return {
    get testKey() {
      return api.testKey;
    },
    reset: () => api.reset(),
    async run(operationId, args, apiKey) {
      const op = (operations as Readonly<Record<string, OperationInfo>>)[operationId];
      if (!op) throw new Error(`no operation ${operationId}`);
      const exchanges: Exchange[] = [];
      const notices: string[] = [];
      try {
        // One request per run, as the reader sees it: no retries, no pacing.
        const client = createClient({
          apiKey: apiKey || api.testKey,
          stability: 'internal',
          fetch: mockFetch(api.handlers, exchanges),
          maxRetries: 0,
          rateLimit: { mode: 'off' },
          onDeprecation: (notice) => notices.push(notice.message),
        });
        const resource = (client as unknown as Record<string, Record<string, (...a: unknown[]) => PromiseLike<unknown>>>)[op.resource];
        const method = resource?.[op.name];
        if (!method) throw new Error(`the SDK has no client.${op.resource}.${op.name}()`);
        await method.apply(resource, callArguments(op, args));
        return { exchanges, notices };
      } catch (error) {
        const name = error instanceof Error ? error.name : 'Error';
        const message = error instanceof Error ? error.message : String(error);
        const code = isOpsMergeError(error) && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
        return { exchanges, notices, error: { name, message, ...(code ? { code } : {}) } };
      }
    },
  };
}

window.OpsMergeTryIt = { createConsole };
