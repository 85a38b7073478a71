import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';
import { against, json, runCli } from './helpers.js';

let mock: RunningMockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: 12 });
});
afterAll(() => mock.close());

const FULL_KEY = /om_(live|test)_[0-9A-Za-z]{32}/;

describe.concurrent('opsmerge keys', { timeout: 60_000 }, () => {
  it('lists keys with their prefix and last four characters, never a full key', async () => {
    const { code, stdout } = await runCli(['keys', 'list', ...against(mock, mock.api.testKey)]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ID\s+NAME\s+KEY\s+STATUS\s+SCOPES/);
    expect(stdout).toMatch(/om_test_…\w{4}/);
    expect(stdout).not.toMatch(FULL_KEY);
  });

  it('lists keys as the API\'s list envelope with --json, filtered by --status', async () => {
    const { code, stdout } = await runCli(['keys', 'list', '--status', 'active', '--json', ...against(mock, mock.api.testKey)]);
    expect(code).toBe(0);
    const page = json<{ items: Array<Record<string, unknown>>; total: number; page: number; per_page: number }>(stdout);
    expect(page).toMatchObject({ total: expect.any(Number), page: 1, per_page: 50 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((k) => k['status'] === 'active')).toBe(true);
    expect(stdout).not.toMatch(FULL_KEY);
  });

  it('creates a key, prints it once with the warning, and the key works at once', async () => {
    const created = await runCli(['keys', 'create', '--name', 'CLI test', '--scopes', 'agents:read,alerts:read', '--expires', '2030-01-01', ...against(mock, mock.api.testKey)]);
    expect(created.code).toBe(0);
    const key = FULL_KEY.exec(created.stdout)?.[0];
    expect(key).toBeDefined();
    expect(created.stdout.split(key!)).toHaveLength(2); // exactly once
    expect(created.stdout).toMatch(/Scopes\s+agents:read, alerts:read/);
    expect(created.stdout).toMatch(/Expires\s+2030-01-01T00:00:00Z/);
    expect(created.stderr).toMatch(/^warning: .*cannot be shown again/im);
    const me = await runCli(['whoami', '--json', ...against(mock, key!)]);
    expect(me.code).toBe(0);
    expect(json(me.stdout)).toMatchObject({ key: { name: 'CLI test' }, scopes: ['agents:read', 'alerts:read'] });
  });

  it('creates a key with --json: { api_key, key, warning }', async () => {
    const { code, stdout, stderr } = await runCli(['keys', 'create', '--name', 'CI', '--preset', 'read', '--json', ...against(mock, mock.api.testKey)]);
    expect(code).toBe(0);
    const created = json<{ api_key: Record<string, unknown>; key: string; warning: string }>(stdout);
    expect(created.key).toMatch(FULL_KEY);
    expect(created.api_key).toMatchObject({ name: 'CI', key_prefix: 'om_test_', last4: created.key.slice(-4), status: 'active' });
    expect(created.warning).toMatch(/cannot be shown again/);
    expect(stderr).toMatch(/warning:/);
    expect(stderr).not.toMatch(FULL_KEY);
  });

  it('refuses --scopes with --preset, a malformed scope and a bad date, with exit 2', async () => {
    const both = await runCli(['keys', 'create', '--name', 'x', '--scopes', 'agents:read', '--preset', 'read', ...against(mock, mock.api.testKey)]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/cannot be used with option '--preset/);
    const scope = await runCli(['keys', 'create', '--name', 'x', '--scopes', 'agents:everything', ...against(mock, mock.api.testKey)]);
    expect(scope.code).toBe(2);
    expect(scope.stderr).toMatch(/not a scope: agents:everything/);
    const date = await runCli(['keys', 'create', '--name', 'x', '--expires', 'tomorrow', ...against(mock, mock.api.testKey)]);
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(/--expires must be a date/);
  });

  it('revokes a key: it stops working (exit 3), and revoking it again is a conflict (exit 1)', async () => {
    const { key, apiKey } = mock.api.addApiKey({ preset: 'read' });
    const revoked = await runCli(['keys', 'revoke', apiKey.id, ...against(mock, mock.api.testKey)]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`^Revoked .*\\(${apiKey.id}, om_test_…${key.slice(-4)}\\)`));
    const use = await runCli(['agents', 'list', ...against(mock, key)]);
    expect(use.code).toBe(3);
    expect(use.stderr).toMatch(/revoked.*KEY_REVOKED/);
    const again = await runCli(['keys', 'revoke', apiKey.id, '--json', ...against(mock, mock.api.testKey)]);
    expect(again.code).toBe(1);
    expect(json(again.stderr)).toMatchObject({ error: { code: 'ALREADY_REVOKED', status: 409, exit_code: 1 } });
  });

  it('shows one key with get, and exits 5 for an unknown id', async () => {
    const { apiKey } = mock.api.addApiKey({ preset: 'read' });
    const found = await runCli(['keys', 'get', apiKey.id, '--json', ...against(mock, mock.api.testKey)]);
    expect(found.code).toBe(0);
    expect(json(found.stdout)).toMatchObject({ id: apiKey.id, last4: apiKey.last4 });
    const missing = await runCli(['keys', 'get', 'key_0000000000', ...against(mock, mock.api.testKey)]);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toMatch(/^error: not found: .*404 NOT_FOUND.*Fix: check the ID/);
  });

  it('exits 4 naming the missing scope when a narrow key lists agents', async () => {
    const { key } = mock.api.addApiKey({ scopes: ['alerts:read'] });
    const text = await runCli(['agents', 'list', ...against(mock, key)]);
    expect(text.code).toBe(4);
    expect(text.stderr.trim().split('\n')).toHaveLength(1);
    expect(text.stderr).toMatch(/the API key lacks the scope agents:read \(403 INSUFFICIENT_SCOPE.*Fix: use a key that holds agents:read/);
    const asJson = await runCli(['agents', 'list', '--json', ...against(mock, key)]);
    expect(asJson.code).toBe(4);
    expect(json(asJson.stderr)).toMatchObject({ error: { code: 'INSUFFICIENT_SCOPE', status: 403, exit_code: 4, details: [{ scope: 'agents:read' }] } });
  });

  it('exits 4 naming the scope a narrow key cannot grant', async () => {
    const { key } = mock.api.addApiKey({ scopes: ['api_keys:write', 'alerts:read'] });
    const { code, stderr } = await runCli(['keys', 'create', '--name', 'wider', '--scopes', 'agents:execute', ...against(mock, key)]);
    expect(code).toBe(4);
    expect(stderr).toMatch(/lacks the scope agents:execute/);
    expect(stderr).not.toContain(key);
  });
});
