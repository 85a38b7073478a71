/**
 * The tools: `opsmerge mock` (Prism, and the stateful mock) and `opsmerge contract` (the
 * partner conformance run). Each starts long-lived processes, so the three run concurrently.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';
import { against, json, runCli, runInProcess, spawnCli } from './helpers.js';
import { stopChild } from '../support/child.js';

let failing: RunningMockServer;
beforeAll(async () => {
  // One operation answers with broken JSON: the conformance run must report it and exit 1.
  failing = await startMockServer({ port: 0, seed: 18, scenarios: [{ name: 'malformed', operations: ['benchmarks_list'] }] });
});
afterAll(() => failing.close());

interface Announcement {
  kind: 'prism' | 'stateful';
  url: string;
  api_key: string;
  environment: string;
}

/** Waits for the mock's first stdout line (its JSON announcement), failing with its output. */
function announcement(child: ChildProcess, timeoutMs: number): Promise<Announcement> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no announcement within ${timeoutMs} ms:\n${out}\n${err}`)), timeoutMs);
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolve(json<Announcement>(line));
      }
    });
    child.on('exit', (code) => reject(new Error(`the mock exited with ${code}:\n${out}\n${err}`)));
  });
}

const stop = stopChild;

describe.concurrent('opsmerge mock and contract', () => {
  it('serves the stateful mock with --stateful, printing its URL and key, until SIGTERM', async () => {
    const child = await spawnCli(['mock', '--stateful', '--port', '0', '--seed', '3', '--ndjson']);
    try {
      const mock = await announcement(child, 20_000);
      expect(mock).toMatchObject({ kind: 'stateful', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), api_key: expect.stringMatching(/^om_test_/), environment: 'sandbox' });
      const me = await runCli(['whoami', '--json', '--base-url', mock.url, '--api-key', mock.api_key]);
      expect(me.code).toBe(0);
      expect(json(me.stdout)).toMatchObject({ environment: 'sandbox', scopes: ['admin'] });
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  it('serves the spec with Prism by default', async () => {
    const child = await spawnCli(['mock', '--port', '0', '--ndjson']);
    try {
      const prism = await announcement(child, 45_000);
      expect(prism).toMatchObject({ kind: 'prism', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
      const agents = await runCli(['agents', 'list', '--json', '--base-url', prism.url, '--api-key', prism.api_key]);
      expect(agents.code).toBe(0);
      expect(json<{ items: unknown[] }>(agents.stdout).items.length).toBeGreaterThan(0);
    } finally {
      expect(await stop(child)).toBe(0);
    }
  }, 60_000);

  it('prints PASS/FAIL per operation and exits 1 when an operation fails', async () => {
    const { code, stdout, stderr } = await runCli(['contract', ...against(failing, failing.api.testKey)]);
    expect(stdout).toMatch(new RegExp(`OpsMerge API conformance — ${failing.url.replace(/\./g, '\\.')} — read-only operations`));
    expect(stdout).toMatch(/^agents_list\s+GET\s+\/v1\/agents\s+PASS$/m);
    expect(stdout).toMatch(/^benchmarks_list\s+GET\s+\/v1\/analytics\/benchmarks\s+FAIL/m);
    expect(stdout).toMatch(/^tickets_create\s+POST\s+\/v1\/tickets\s+SKIP \(changes data; runs with CONTRACT_WRITE=1\)$/m);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: the server does not conform: see the FAIL lines above\./m);
    expect(stdout + stderr).not.toContain(failing.api.testKey);
  }, 90_000);

  it('needs a base URL, and prints text only', async () => {
    const noUrl = await runInProcess(['contract', '--api-key', failing.api.testKey]);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/contract needs the server to test\. Fix: pass --base-url URL/);
    const asJson = await runInProcess(['contract', '--json', ...against(failing, failing.api.testKey)]);
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stderr)).toMatchObject({ error: { code: 'USAGE', exit_code: 2 } });
  });
});
