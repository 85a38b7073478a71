import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';
import { against, json, ndjson, runCli } from './helpers.js';

type Item = Record<string, unknown>;
interface ListJson {
  items: Item[];
  total: number;
  page?: number;
  per_page?: number;
}

let mock: RunningMockServer;
let auth: string[];
beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: 13 });
  auth = against(mock, mock.api.testKey);
});
afterAll(() => mock.close());

describe.concurrent('opsmerge <resource> list and get', { timeout: 60_000 }, () => {
  it('lists one page as a table, with a note on stderr when there are more', async () => {
    const { code, stdout, stderr } = await runCli(['tickets', 'list', ...auth]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+SUBJECT\s+STATUS/);
    expect(lines).toHaveLength(51); // heading + the default page of 50
    expect(stderr).toMatch(/^50 of \d+ tickets shown; add --all or --limit N for more$/m);
  });

  it('prints one page as the API\'s list envelope with --json', async () => {
    const { code, stdout, stderr } = await runCli(['tickets', 'list', '--per-page', '7', '--json', ...auth]);
    expect(code).toBe(0);
    const page = json<ListJson>(stdout);
    expect(Object.keys(page).sort()).toEqual(['items', 'page', 'per_page', 'total']);
    expect(page).toMatchObject({ page: 1, per_page: 7 });
    expect(page.items).toHaveLength(7);
    expect(page.total).toBeGreaterThan(7);
    expect(stderr).toBe('');
  });

  it('applies filters generated from the query parameters', async () => {
    const { code, stdout } = await runCli(['agents', 'list', '--status', 'online', '--os', 'linux', '--ndjson', ...auth]);
    expect(code).toBe(0);
    const agents = ndjson(stdout);
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.every((a) => a['status'] === 'online' && a['os'] === 'linux')).toBe(true);
  });

  it('converts typed filters: integers, booleans and dates', async () => {
    const stars = await runCli(['csat-reviews', 'list', '--min-stars', '5', '--ndjson', ...auth]);
    expect(stars.code).toBe(0);
    expect(ndjson(stars.stdout).every((r) => r['stars'] === 5)).toBe(true);
    const billable = await runCli(['time-entries', 'list', '--billable', 'false', '--ndjson', ...auth]);
    expect(billable.code).toBe(0);
    expect(ndjson(billable.stdout).every((e) => e['billable'] === false)).toBe(true);
    const since = await runCli(['tickets', 'list', '--since', '2026-11-20', '--all', '--ndjson', ...auth]);
    expect(since.code).toBe(0);
    expect(ndjson(since.stdout).every((t) => String(t['updated_at']) >= '2026-11-20')).toBe(true);
  });

  it('walks every page with --all: --json gives { items, total } and no progress bar off a terminal', async () => {
    const { code, stdout, stderr } = await runCli(['tickets', 'list', '--all', '--json', ...auth]);
    expect(code).toBe(0);
    const all = json<ListJson>(stdout);
    expect(Object.keys(all).sort()).toEqual(['items', 'total']);
    expect(all.items).toHaveLength(all.total);
    expect(all.total).toBeGreaterThan(100);
    expect(new Set(all.items.map((t) => t['id'])).size).toBe(all.total);
    expect(stderr).toBe('');
  });

  it('stops at --limit across pages, and --ndjson streams one item per line', async () => {
    const limited = await runCli(['tickets', 'list', '--all', '--limit', '45', '--per-page', '20', '--json', ...auth]);
    expect(limited.code).toBe(0);
    const page = json<ListJson>(limited.stdout);
    expect(page.items).toHaveLength(45);
    expect(page.total).toBeGreaterThan(45);
    const lines = await runCli(['tickets', 'list', '--limit', '45', '--per-page', '20', '--ndjson', ...auth]);
    expect(lines.code).toBe(0);
    expect(ndjson(lines.stdout).map((t) => t['id'])).toEqual(page.items.map((t) => t['id']));
  });

  it('gets one item by id: --json is the API\'s data, the table lists its fields', async () => {
    const first = ndjson((await runCli(['agents', 'list', '--limit', '1', '--ndjson', ...auth])).stdout)[0]!;
    const asJson = await runCli(['agents', 'get', String(first['id']), '--json', ...auth]);
    expect(asJson.code).toBe(0);
    expect(json(asJson.stdout)).toEqual(first);
    const table = await runCli(['agents', 'get', String(first['id']), ...auth]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^id\\s+${String(first['id'])}$`, 'm'));
    expect(table.stdout).toMatch(new RegExp(`^hostname\\s+${String(first['hostname'])}$`, 'm'));
  });

  it('exits 5 for an unknown id, and 2 for a malformed one or one that would change the route', async () => {
    const missing = await runCli(['agents', 'get', 'agt_0000000000', '--json', ...auth]);
    expect(missing.code).toBe(5);
    expect(json(missing.stderr)).toMatchObject({ error: { code: 'NOT_FOUND', status: 404, exit_code: 5 } });
    const malformed = await runCli(['agents', 'get', 'not-an-id', ...auth]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/the API rejected the arguments: agent_id must match pattern/);
    const dotSegment = await runCli(['agents', 'get', '..', '--json', ...auth]);
    expect(dotSegment.code).toBe(2);
    expect(json(dotSegment.stderr)).toMatchObject({ error: { code: 'INVALID_ARGUMENT', exit_code: 2, message: expect.stringContaining('agent_id must not be "..": a dot segment would change the route') } });
  });

  it('offers beta resources with --beta, including path arguments', async () => {
    const refused = await runCli(['m365-tenants', 'list', ...auth]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/m365-tenants is a beta resource.*add --beta/);
    const tenants = await runCli(['--beta', 'm365-tenants', 'list', '--ndjson', ...auth]);
    expect(tenants.code).toBe(0);
    const tenant = ndjson(tenants.stdout)[0]!;
    const licenses = await runCli(['--beta', 'm365-licenses', 'list', String(tenant['id']), '--json', ...auth]);
    expect(licenses.code).toBe(0);
    expect(json<ListJson>(licenses.stdout).items.every((l) => l['tenant_id'] === tenant['id'])).toBe(true);
  });
});
