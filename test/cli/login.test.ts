import { chmodSync, existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';
import { json, runCli, tempDir } from './helpers.js';

let mock: RunningMockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, seed: 17 });
});
afterAll(() => mock.close());

function configFile(home: string): string {
  return join(home, 'opsmerge', 'config.json');
}

const posix = process.platform !== 'win32';

describe.concurrent('opsmerge login and profiles', { timeout: 60_000 }, () => {
  it('stores the key from stdin in an owner-only file, never echoing it, and whoami uses it', async () => {
    const home = tempDir();
    const login = await runCli(['login', '--base-url', mock.url], { configHome: home, input: `${mock.api.testKey}\n` });
    expect(login.code).toBe(0);
    expect(login.stdout).toMatch(/^Logged in as Sandbox test key, om_test_…\w{4} — .* \(sandbox\)\. Saved profile "default" to /);
    expect(login.stdout + login.stderr).not.toContain(mock.api.testKey);
    const file = configFile(home);
    expect(json(readFileSync(file, 'utf8'))).toEqual({ profiles: { default: { api_key: mock.api.testKey, base_url: mock.url } } });
    if (posix) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(join(home, 'opsmerge')).mode & 0o777).toBe(0o700);
    }
    const me = await runCli(['whoami'], { configHome: home });
    expect(me.code).toBe(0);
    expect(me.stdout).toMatch(/Credentials from\s+profile "default"/);
    expect(me.stdout).toContain(`Base URL           ${mock.url}`);
    expect(me.stdout + me.stderr).not.toContain(mock.api.testKey);
  });

  it('keeps named profiles apart: --profile and OPSMERGE_PROFILE pick one, and logout removes it', async () => {
    const home = tempDir();
    const { key } = mock.api.addApiKey({ scopes: ['alerts:read'] });
    expect((await runCli(['login', '--profile', 'narrow', '--base-url', mock.url, '--json'], { configHome: home, input: key })).code).toBe(0);
    const byFlag = await runCli(['whoami', '--profile', 'narrow', '--json'], { configHome: home });
    expect(byFlag.code).toBe(0);
    expect(json(byFlag.stdout)).toMatchObject({ scopes: ['alerts:read'] });
    const byEnv = await runCli(['agents', 'list'], { configHome: home, env: { OPSMERGE_PROFILE: 'narrow' } });
    expect(byEnv.code).toBe(4);
    expect(byEnv.stderr).toMatch(/lacks the scope agents:read/);
    const unknown = await runCli(['whoami', '--profile', 'other'], { configHome: home });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/there is no profile "other" in .*Fix: create it with `opsmerge login --profile other`; profiles there: narrow/);
    const logout = await runCli(['logout', '--profile', 'narrow'], { configHome: home });
    expect(logout.code).toBe(0);
    expect(json(readFileSync(configFile(home), 'utf8'))).toEqual({ profiles: {} });
  });

  it('stores nothing when the key is malformed, unknown to the server, or missing', async () => {
    const home = tempDir();
    const malformed = await runCli(['login', '--base-url', mock.url], { configHome: home, input: 'om_test_short' });
    expect(malformed.code).toBe(3);
    expect(malformed.stderr).toMatch(/malformed.*Fix: paste the whole key/);
    expect(malformed.stderr).not.toContain('om_test_short');
    const unknown = 'om_test_' + 'A'.repeat(32);
    const rejected = await runCli(['login', '--base-url', mock.url], { configHome: home, input: unknown });
    expect(rejected.code).toBe(3);
    expect(rejected.stderr).not.toContain(unknown);
    const empty = await runCli(['login', '--base-url', mock.url], { configHome: home, input: '' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no API key was given/);
    expect(existsSync(configFile(home))).toBe(false);
  });

  it('refuses --api-key, so the key stays out of shell history', async () => {
    const { code, stderr } = await runCli(['login', '--api-key', mock.api.testKey, '--base-url', mock.url]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/login does not take --api-key/);
    expect(stderr).not.toContain(mock.api.testKey);
  });

  it('prefers --api-key and OPSMERGE_API_KEY over the default profile', async () => {
    const home = tempDir();
    const { key } = mock.api.addApiKey({ scopes: ['alerts:read'] });
    expect((await runCli(['login', '--base-url', mock.url], { configHome: home, input: key })).code).toBe(0);
    const fromFlag = await runCli(['whoami', '--json', '--base-url', mock.url, '--api-key', mock.api.testKey], { configHome: home });
    expect(json(fromFlag.stdout)).toMatchObject({ scopes: ['admin'] });
    const fromEnv = await runCli(['whoami', '--json', '--base-url', mock.url], { configHome: home, env: { OPSMERGE_API_KEY: mock.api.testKey } });
    expect(json(fromEnv.stdout)).toMatchObject({ scopes: ['admin'] });
    const fromProfile = await runCli(['whoami', '--json'], { configHome: home });
    expect(json(fromProfile.stdout)).toMatchObject({ scopes: ['alerts:read'] });
  });

  it.skipIf(!posix)('warns when the config file is readable by others', async () => {
    const home = tempDir();
    mkdirSync(join(home, 'opsmerge'));
    writeFileSync(configFile(home), JSON.stringify({ profiles: { default: { api_key: mock.api.testKey, base_url: mock.url } } }));
    chmodSync(configFile(home), 0o644);
    const { code, stderr } = await runCli(['whoami'], { configHome: home });
    expect(code).toBe(0);
    expect(stderr).toMatch(/warning: .*config\.json is readable by other users; run `chmod 600 /);
  });
});
