/**
 * A server with planted defects, one per check of the conformance run, each on an operation of
 * its own (negative_data_rejection has two: a broken filter, an unknown query parameter): an HTTP
 * proxy on 127.0.0.1 in front of the stateful mock that answers like the mock except where a
 * defect is planted. The generated run must catch every one with its named check.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchPath } from '@opsmerge/mocks/validate';
import { startMockServer, type RunningMockServer } from '@opsmerge/mocks/server';
import type { CheckName } from '../../../conformance/checks/names.js';

/** A planted defect: the check that must catch it, and where it is. */
export interface PlantedDefect {
  readonly check: CheckName;
  readonly operationId: string;
  /** What the server does wrong. */
  readonly what: string;
}

/** The planted defects. */
export const PLANTED: readonly PlantedDefect[] = [
  { check: 'not_a_server_error', operationId: 'sites_create', what: 'a 500 instead of a 422 for an invalid site' },
  { check: 'status_code_conformance', operationId: 'agents_get', what: '203 instead of 200' },
  { check: 'content_type_conformance', operationId: 'users_list', what: 'text/plain instead of application/json' },
  { check: 'response_schema_conformance', operationId: 'sites_get', what: 'a site without its required name' },
  { check: 'response_headers_conformance', operationId: 'clients_list', what: 'no X-Request-Id' },
  { check: 'negative_data_rejection', operationId: 'contacts_list', what: 'the query is ignored: invalid filters get 200' },
  { check: 'negative_data_rejection', operationId: 'auth_me', what: 'an unknown query parameter is ignored, not 422' },
  { check: 'positive_data_acceptance', operationId: 'checks_list', what: 'any status filter is refused with 422' },
  { check: 'ignored_auth', operationId: 'scripts_list', what: 'a request without a valid key is served as the admin key' },
  { check: 'use_after_free', operationId: 'tickets_delete', what: 'a deleted ticket is still served' },
  { check: 'ensure_resource_availability', operationId: 'contacts_create', what: 'a created contact is not found' },
  { check: 'unsupported_method', operationId: 'invoices_list', what: 'undocumented methods on /v1/invoices answer 200' },
  { check: 'idempotency', operationId: 'clients_create', what: 'the Idempotency-Key is ignored' },
];

/** The running server. */
export interface PlantedServer {
  readonly url: string;
  /** An admin key of the mock behind it. */
  readonly apiKey: string;
  readonly mock: RunningMockServer;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, headers: Headers | Record<string, string>, body: string): void {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? [...headers] : Object.entries(headers);
  for (const [name, value] of entries) if (!HOP_BY_HOP.has(name.toLowerCase()) && name.toLowerCase() !== 'content-encoding') out[name] = value;
  res.writeHead(status, out).end(body);
}

/** Starts the mock and the proxy with the defects planted. */
export async function startPlantedServer(): Promise<PlantedServer> {
  const mock = await startMockServer({ port: 0, seed: 31, rateLimits: { default: { limit: 100_000 }, events: { limit: 100_000 } } });
  const apiKey = mock.api.testKey;
  const deletedTickets = new Map<string, string>();
  const ticketBodies = new Map<string, string>();
  const createdContacts = new Set<string>();

  const forward = async (req: IncomingMessage, url: URL, body: Buffer, headers: Record<string, string>): Promise<Response> =>
    fetch(`${mock.url}${url.pathname}${url.search}`, { method: req.method ?? 'GET', headers, ...(body.length > 0 ? { body: new Uint8Array(body) } : {}), redirect: 'manual' });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://planted.invalid');
    const method = req.method ?? 'GET';
    const body = await bodyOf(req);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && !HOP_BY_HOP.has(name)) headers[name] = value;
    const route = matchPath(url.pathname);
    const op = route?.operations.get(method)?.operationId;

    // unsupported_method: /v1/invoices serves what it does not document (the mock answers 405 + Allow).
    if (route?.template === '/v1/invoices' && !op) return send(res, 200, { 'content-type': 'application/json' }, '{"data":{}}');
    // ignored_auth: a request to scripts_list without a valid key goes on with the admin key.
    if (op === 'scripts_list' && headers['authorization'] !== `Bearer ${apiKey}`) headers['authorization'] = `Bearer ${apiKey}`;
    // idempotency: clients_create forgets the Idempotency-Key.
    if (op === 'clients_create') delete headers['idempotency-key'];
    // negative_data_rejection: contacts_list ignores its query.
    if (op === 'contacts_list') url.search = '';
    // negative_data_rejection: auth_me ignores the query parameters it does not define (all but api_key).
    if (op === 'auth_me') for (const name of [...url.searchParams.keys()]) if (name !== 'api_key') url.searchParams.delete(name);

    const response = await forward(req, url, body, headers);
    let text = await response.text();
    let status = response.status;
    const out = new Headers(response.headers);

    if (op === 'sites_create' && status === 422) status = 500;
    if (op === 'agents_get' && status === 200) status = 203;
    if (op === 'users_list') out.set('content-type', 'text/plain');
    if (op === 'clients_list') out.delete('x-request-id');
    if (op === 'sites_get' && status === 200) {
      const parsed = JSON.parse(text) as { data: Record<string, unknown> };
      delete parsed.data['name'];
      text = JSON.stringify(parsed);
    }
    if (op === 'checks_list' && status === 200 && url.searchParams.has('status')) {
      status = 422;
      const id = out.get('x-request-id') ?? '';
      text = JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'The request is invalid', request_id: id, details: [{ field: 'status', message: 'is not supported' }] } });
    }
    if (op === 'tickets_get' || op === 'tickets_create') {
      const id = (JSON.parse(text) as { data?: { id?: string } }).data?.id;
      if (id && status < 300) ticketBodies.set(id, text);
    }
    if (op === 'tickets_delete' && status === 200) {
      const id = url.pathname.split('/').at(-1)!;
      deletedTickets.set(id, ticketBodies.get(id) ?? text);
    }
    if (op === 'tickets_get' && status === 404) {
      const id = url.pathname.split('/').at(-1)!;
      const kept = deletedTickets.get(id);
      if (kept !== undefined) {
        status = 200;
        text = kept;
      }
    }
    if (op === 'contacts_create' && status === 201) createdContacts.add((JSON.parse(text) as { data: { id: string } }).data.id);
    if (op === 'contacts_get' && createdContacts.has(url.pathname.split('/').at(-1)!)) {
      status = 404;
      text = JSON.stringify({ error: { code: 'NOT_FOUND', message: 'No such resource', request_id: out.get('x-request-id') ?? '' } });
    }
    send(res, status, out, text);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 502, { 'content-type': 'text/plain' }, String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiKey,
    mock,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await mock.close();
    },
  };
}
