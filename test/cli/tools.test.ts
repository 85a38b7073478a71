/**
 * `opsmerge mock`: Prism, and the stateful mock. Each starts a long-lived process, so they run
 * concurrently. `opsmerge contract` has its own file, contract.test.ts.
 */
import type { ChildProcess } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtLauncher, json, runCli, spawnCli } from './helpers.js';
import { withChild } from '../support/child.js';

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

// The CLI is bundled once per source state; on a clean clone that takes a while, outside any test's time.
beforeAll(() => builtLauncher(), 180_000);

// Each test starts the mock as a child process, several at once: allow for a loaded machine.
describe.concurrent('opsmerge mock', { timeout: 60_000 }, () => {
  it('serves the stateful mock with --stateful, printing its URL and key, until SIGTERM', async () => {
    const child = await spawnCli(['mock', '--stateful', '--port', '0', '--seed', '3', '--ndjson']);
    const exit = await withChild(child, async () => {
      const mock = await announcement(child, 45_000);
      expect(mock).toMatchObject({ kind: 'stateful', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), api_key: expect.stringMatching(/^om_test_/), environment: 'sandbox' });
      const me = await runCli(['whoami', '--json', '--base-url', mock.url, '--api-key', mock.api_key]);
      expect(me.code).toBe(0);
      expect(json(me.stdout)).toMatchObject({ environment: 'sandbox', scopes: ['admin'] });
    });
    expect(exit).toBe(0);
  });

  it('serves the spec with Prism by default', async () => {
    const child = await spawnCli(['mock', '--port', '0', '--ndjson']);
    const exit = await withChild(child, async () => {
      const prism = await announcement(child, 45_000);
      expect(prism).toMatchObject({ kind: 'prism', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
      const agents = await runCli(['agents', 'list', '--json', '--base-url', prism.url, '--api-key', prism.api_key]);
      expect(agents.code).toBe(0);
      expect(json<{ items: unknown[] }>(agents.stdout).items.length).toBeGreaterThan(0);
    });
    expect(exit).toBe(0);
  }, 60_000);
});
