/**
 * `opsmerge mock --stateful` as a sandbox: the flags that set the plan, quota, rate limits,
 * clock and OAuth, the banner a newcomer reads, and a taken port.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtLauncher, json, runInProcess, spawnCli } from './helpers.js';
import { stopChild, withChild } from '../support/child.js';

/** Collects a child's output until `done` says enough, failing with the output after `timeoutMs`. */
function output(child: ChildProcess, done: (out: string, err: string) => boolean, timeoutMs = 45_000): Promise<{ out: string; err: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const check = () => {
      if (done(out, err)) {
        clearTimeout(timer);
        resolve({ out, err });
      }
    };
    const timer = setTimeout(() => reject(new Error(`timed out:\n${out}\n${err}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => ((out += chunk.toString()), check()));
    child.stderr!.on('data', (chunk: Buffer) => ((err += chunk.toString()), check()));
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}\n${err}`)));
  });
}

function occupy(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined)); // taken by someone else already: just as good
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

// The CLI is bundled once per source state; on a clean clone that takes a while, outside any test's time.
beforeAll(() => builtLauncher(), 180_000);

// Each test starts the mock as a child process, several at once: allow for a loaded machine.
describe.concurrent('opsmerge mock --stateful', { timeout: 60_000 }, () => {
  it('prints a banner with now, plan, scenarios, the OAuth clients, the control token and export lines', async () => {
    const child = await spawnCli(['mock', '--stateful', '--port', '0', '--clock', 'frozen', '--now', '2026-11-22T09:00:00Z', '--scenario', 'flaky', '--plan', 'starter']);
    const exit = await withChild(child, async () => {
      const { out } = await output(child, (o) => o.includes('opsmerge whoami'));
      const url = /on (http:\/\/127\.0\.0\.1:\d+) — sandbox key (om_test_\w{32})/.exec(out);
      expect(url).not.toBeNull();
      expect(out).toContain('now        2026-11-22T09:00:00Z (clock frozen');
      expect(out).toContain('plan       starter: 5 active API keys, 10,000 requests/day per key, no IP allow-lists');
      expect(out).toContain('scenarios  flaky');
      expect(out).toMatch(/client mock-web-app \(secret omcs_\w+\), public client mock-native-app/);
      expect(out).toMatch(/Authorization: Bearer omctl_\w{32}/);
      expect(out).toContain(`export OPSMERGE_BASE_URL=${url![1]}\n`);
      expect(out).toContain(`export OPSMERGE_API_KEY=${url![2]}\n`);
      expect(out).toMatch(/export OPSMERGE_MOCK_TOKEN=omctl_\w{32}\n/);
    });
    expect(exit).toBe(0);
  });

  it.each([['text', []], ['ndjson', ['--ndjson']]])('closes cleanly on SIGTERM sent the moment the first byte of its %s banner arrives', async (_format, flags) => {
    // A script that starts the mock, reads the banner and stops it must get a clean close:
    // the signal handler is in place before the banner says the mock is ready.
    const exits = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const child = await spawnCli(['mock', '--stateful', '--port', '0', ...flags]);
        await new Promise((resolve) => child.stdout!.once('data', resolve));
        return stopChild(child);
      }),
    );
    expect(exits).toEqual([0, 0, 0, 0]);
  });

  it('applies the plan, quota, rate-limit and OAuth flags, which a curl-only partner can then observe', async () => {
    const child = await spawnCli([
      'mock', '--stateful', '--port', '0', '--ndjson',
      '--plan', 'enterprise', '--daily-quota', '3', '--rate-limit', 'default=2/60', '--oauth-token-ttl', '60', '--oauth-redirect-uri', 'https://partner.example/cb', '--control-token', 'a-control-token-of-my-own',
    ]);
    const exit = await withChild(child, async () => {
      const { out } = await output(child, (o) => o.includes('\n'));
      const banner = json<{ url: string; api_key: string; plan: string; control: { token: string }; oauth: { clients: Array<{ redirect_uris: string[] }> } }>(out.split('\n')[0]!);
      expect(banner.plan).toBe('enterprise');
      expect(banner.control.token).toBe('a-control-token-of-my-own');
      expect(banner.oauth.clients[0]!.redirect_uris).toEqual(['https://partner.example/cb']);
      const state = await fetch(`${banner.url}/_mock/state`, { headers: { Authorization: 'Bearer a-control-token-of-my-own' } });
      expect(((await state.json()) as { data: unknown }).data).toMatchObject({ plan: 'enterprise', limits: { key_limit: null, daily_quota: 3 }, rate_limits: { default: { limit: 2, window_seconds: 60 } } });
      const me = () => fetch(`${banner.url}/v1/auth/me`, { headers: { Authorization: `Bearer ${banner.api_key}` } });
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const res = await me();
        statuses.push(`${res.status} ${res.status === 200 ? '' : ((await res.json()) as { error: { code: string } }).error.code}`.trim());
      }
      expect(statuses).toEqual(['200', '200', '429 RATE_LIMITED']);
    });
    expect(exit).toBe(0);
  });

  it('exits 2 when the port given with --port is taken', async () => {
    const blocker = await occupy(0);
    const port = (blocker!.address() as { port: number }).port;
    try {
      const result = await runInProcess(['mock', '--stateful', '--port', String(port)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`port ${port} is taken`);
      expect(result.stderr).toContain('--port 0');
    } finally {
      blocker!.close();
    }
  });

  it('exits 2 when the port given with --port is taken, for Prism too', async () => {
    const blocker = await occupy(0);
    const port = (blocker!.address() as { port: number }).port;
    try {
      const result = await runInProcess(['mock', '--port', String(port)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`port ${port} is taken`);
    } finally {
      blocker!.close();
    }
  });

  it('falls back from the default port 4010 when it is taken, and says so', async () => {
    const blocker = await occupy(4010);
    const child = await spawnCli(['mock', '--stateful', '--ndjson']);
    try {
      const { out, err } = await output(child, (o, e) => o.includes('\n') && e.includes('taken'));
      expect(err).toMatch(/port 4010 is taken; the mock listens on http:\/\/127\.0\.0\.1:\d+ instead/);
      expect(json<{ url: string }>(out.split('\n')[0]!).url).not.toBe('http://127.0.0.1:4010');
    } finally {
      await stopChild(child);
      blocker?.close();
    }
  });

  it.each([
    [['--plan', 'platinum'], /--plan/],
    [['--daily-quota', '-1'], /--daily-quota must be a whole number/],
    [['--rate-limit', 'default=0/60'], /at least 1/],
    [['--rate-limit', 'widgets=5/1'], /unknown group "widgets"/],
    [['--rate-limit', '5 per second'], /GROUP=LIMIT\/SECONDS/],
    [['--clock', 'sometimes'], /--clock/],
    [['--now', 'yesterday-ish'], /--now must be a date/],
    [['--oauth-redirect-uri', 'https://partner.example/cb#frag'], /fragment/],
    [['--oauth-redirect-uri', '/relative'], /absolute/],
    [['--oauth-token-ttl', '0'], /at least 1/],
    [['--control-token', 'short'], /16 to 200/],
  ])('exits 2 for %j', async (args, message) => {
    const result = await runInProcess(['mock', '--stateful', '--port', '0', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('says in --help that the stateful mock needs Node 22.12 and lists the sandbox flags', async () => {
    const help = await runInProcess(['mock', '--help']);
    expect(help.stdout).toContain('Node ≥ 22.12');
    for (const flag of ['--plan', '--daily-quota', '--rate-limit', '--clock', '--now', '--oauth-token-ttl', '--oauth-consent', '--control-token']) expect(help.stdout).toContain(flag);
  });
});
