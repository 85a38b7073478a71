import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';
import { against, json, runCli } from './helpers.js';

let mock: RunningMockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: 11 });
});
afterAll(() => mock.close());

describe.concurrent('opsmerge whoami', { timeout: 60_000 }, () => {
  it('shows the organisation, masked key, scopes, environment and rate-limit budget', async () => {
    const { code, stdout, stderr } = await runCli(['whoami', ...against(mock, mock.api.testKey)]);
    expect(code).toBe(0);
    const org = mock.api.store.data.organisation;
    expect(stdout).toContain(org.name);
    expect(stdout).toMatch(/Key\s+Sandbox test key — om_test_…\w{4} \(key_/);
    expect(stdout).toMatch(/Scopes\s+admin/);
    expect(stdout).toMatch(/Environment\s+sandbox/);
    expect(stdout).toMatch(/Rate limit\s+\d+ of 300 requests left/);
    expect(stdout + stderr).not.toContain(mock.api.testKey);
  });

  it('prints the API\'s /v1/auth/me data with --json', async () => {
    const { code, stdout } = await runCli(['whoami', '--json', ...against(mock, mock.api.testKey)]);
    expect(code).toBe(0);
    const me = json(stdout);
    expect(Object.keys(me)).toEqual(expect.arrayContaining(['organisation', 'key', 'scopes', 'environment', 'rate_limit']));
    expect(me['key']).toMatchObject({ key_prefix: 'om_test_', last4: mock.api.testKey.slice(-4) });
    expect(me['rate_limit']).toMatchObject({ limit: 300, remaining: expect.any(Number), reset: expect.any(Number) });
    expect(stdout).not.toContain(mock.api.testKey);
  });

  it('reads the key from OPSMERGE_API_KEY and the base URL from OPSMERGE_BASE_URL', async () => {
    const { code, stdout } = await runCli(['whoami'], { env: { OPSMERGE_API_KEY: mock.api.testKey, OPSMERGE_BASE_URL: mock.url } });
    expect(code).toBe(0);
    expect(stdout).toMatch(/Credentials from\s+OPSMERGE_API_KEY/);
  });

  it('exits 3 naming the three ways to give a key when there is none', async () => {
    const { code, stdout, stderr } = await runCli(['whoami', '--base-url', mock.url]);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^error: no API key\. Fix: pass --api-key, set OPSMERGE_API_KEY, or store one with `opsmerge login`\.$/m);
  });

  it('prints the missing-key error as JSON on stderr with --json', async () => {
    const { code, stdout, stderr } = await runCli(['whoami', '--json']);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(json(stderr)).toEqual({ error: { code: 'MISSING_API_KEY', message: 'no API key', hint: expect.stringContaining('opsmerge login'), exit_code: 3 } });
  });

  it('exits 3 naming the environments when a live key meets a sandbox server', async () => {
    const { code, stderr } = await runCli(['whoami', ...against(mock, mock.api.liveKey)]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/the API key belongs to the other environment \(401 KEY_ENVIRONMENT_MISMATCH.*Fix: om_live_ keys work only on production, om_test_ keys only on the sandbox/);
    expect(stderr).not.toContain(mock.api.liveKey);
  });

  it('exits 3 before any request when a live key is sent to the sandbox server', async () => {
    const { code, stderr } = await runCli(['whoami', '--base-url', 'https://sandbox.opsmerge.cloud/api', '--api-key', mock.api.liveKey]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/works only on the production server.*Fix: drop --base-url/);
  });

  it('exits 3 for a malformed key without echoing it', async () => {
    const bad = 'om_test_tooShortSecretValue';
    const { code, stderr } = await runCli(['whoami', ...against(mock, bad)]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/The API key is malformed: it has \d+ characters after the prefix/);
    expect(stderr).not.toContain('tooShortSecretValue');
  });

  it('exits 3 with KEY_REVOKED for a revoked key', async () => {
    const { key } = mock.api.addApiKey({ preset: 'read', status: 'revoked' });
    const { code, stderr } = await runCli(['whoami', '--json', ...against(mock, key)]);
    expect(code).toBe(3);
    expect(json(stderr)).toMatchObject({ error: { code: 'KEY_REVOKED', status: 401, exit_code: 3, request_id: expect.stringMatching(/^req_/) } });
    expect(stderr).not.toContain(key);
  });

  it('logs every request to stderr with --debug, keys redacted, stdout still JSON', async () => {
    const { code, stdout, stderr } = await runCli(['whoami', '--json', '--debug', ...against(mock, mock.api.testKey)]);
    expect(code).toBe(0);
    expect(json(stdout)).toHaveProperty('organisation');
    expect(stderr).toMatch(/\[opsmerge\] GET \/v1\/auth\/me → 200/);
    expect(stderr).toMatch(/"requestId":"req_/);
    expect(stderr).not.toContain(mock.api.testKey);
  });
});
