import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../../mocks/node-server.js';
import { validateFetchResponse } from '../../mocks/validate.js';

const root = join(import.meta.dirname, '..', '..');

/** Starts scripts/run/mock-stateful.ts in its own process and waits for its banner. */
function startScript(args: string[]): Promise<{ child: ChildProcess; url: string; key: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/run/mock-stateful.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /OpsMerge stateful mock on (http:\/\/\S+) — test key (om_test_[0-9a-zA-Z]{32})/.exec(output);
      if (match && output.includes('curl')) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, key: match[2]!, output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
}

describe('npm run mock:stateful (scripts/run/mock-stateful.ts)', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  });

  it('prints the base URL, the test key and a curl line, and serves the API over HTTP', async () => {
    const started = await startScript(['--port', '0', '--seed', '4']);
    children.push(started.child);
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.output()).toContain(`curl -H "Authorization: Bearer ${started.key}" ${started.url}/v1/auth/me`);

    const me = await fetch(`${started.url}/v1/auth/me`, { headers: { Authorization: `Bearer ${started.key}` } });
    const checked = await validateFetchResponse('auth_me', me);
    expect(checked.errors).toEqual([]);
    expect(me.status).toBe(200);
    expect((checked.body as { data: { environment: string } }).data.environment).toBe('sandbox');

    const created = await fetch(`${started.url}/v1/tickets`, {
      method: 'POST',
      headers: { 'X-API-Key': started.key, 'Content-Type': 'application/json' },
      body: JSON.stringify({ subject: 'From curl', description: 'Over real HTTP', client_id: (await firstClient(started.url, started.key)) }),
    });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { data: { id: string } }).data.id;
    const fetched = await fetch(`${started.url}/v1/tickets/${id}?api_key=${started.key}`);
    expect(fetched.status).toBe(200);
  });
});

async function firstClient(url: string, key: string): Promise<string> {
  const res = await fetch(`${url}/v1/clients`, { headers: { Authorization: `Bearer ${key}` } });
  return ((await res.json()) as { data: { items: Array<{ id: string }> } }).data.items[0]!.id;
}

describe('startMockServer', () => {
  it('serves in-process on a free port, with errors and unknown routes answered in the envelope', async () => {
    const mock = await startMockServer({ port: 0, seed: 4 });
    try {
      const unauthorised = await fetch(`${mock.url}/v1/agents`);
      const checked = await validateFetchResponse('agents_list', unauthorised);
      expect(checked.errors).toEqual([]);
      expect(unauthorised.status).toBe(401);
      const malformed = await fetch(`${mock.url}/v1/tickets`, { method: 'POST', headers: { Authorization: `Bearer ${mock.api.testKey}`, 'Content-Type': 'application/json' }, body: '{' });
      expect(malformed.status).toBe(400);
      const missing = await fetch(`${mock.url}/v1/nothing`);
      expect(missing.status).toBe(404);
    } finally {
      await mock.close();
    }
  });

  it('falls back to a free port when the asked port is taken', async () => {
    const first = await startMockServer({ port: 0 });
    const port = Number(new URL(first.url).port);
    const second = await startMockServer({ port });
    try {
      expect(second.url).not.toBe(first.url);
      expect((await fetch(`${second.url}/v1/auth/me`, { headers: { Authorization: `Bearer ${second.api.testKey}` } })).status).toBe(200);
    } finally {
      await second.close();
      await first.close();
    }
  });

  it('drops the connection in the network-error scenario', async () => {
    const mock = await startMockServer({ port: 0, scenarios: ['network-error'] });
    try {
      await expect(fetch(`${mock.url}/v1/auth/me`, { headers: { Authorization: `Bearer ${mock.api.testKey}` } })).rejects.toThrow(TypeError);
    } finally {
      await mock.close();
    }
  });
});
