/**
 * `opsmerge contract`: the partner conformance run, in the CLI's own process (no vitest, no
 * tsx), run as a subprocess the way an installed package runs it — against the stateful mock
 * (read-only and --write), a mock with a broken operation, and a server answering the wrong
 * shape. Also: what the command's code reaches, so it works from the published package.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, type OperationInfo } from '../../generated/operations.js';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';
import { FAMILIES } from '../../conformance/families/index.js';
import { ROOT, against, runCli, runInProcess } from './helpers.js';

const all = Object.values(operations) as OperationInfo[];
const internalCount = all.filter((o) => o.stability === 'internal').length;
const flowCount = Object.values(FAMILIES).flatMap((f) => f.contracts).filter((c) => c.kind === 'flow').length;
/** The summary line's counts: `64 operations: 41 PASS, 0 FAIL, 23 SKIP · 5 flows: …`. */
const SUMMARY = /^(\d+) operations: (\d+) PASS, (\d+) FAIL, (\d+) SKIP · (\d+) flows: (\d+) PASS, (\d+) FAIL, (\d+) SKIP$/m;

function summary(stdout: string): number[] {
  const match = SUMMARY.exec(stdout);
  if (!match) throw new Error(`no summary line in:\n${stdout}`);
  return match.slice(1).map(Number);
}

/** A server that answers every request 200 with the right headers but a body of the wrong shape. */
function wrongShapeServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    response.writeHead(200, {
      'Content-Type': 'application/json',
      'X-Request-Id': `req_${'0a'.repeat(12)}`,
      'X-RateLimit-Limit': '1000',
      'X-RateLimit-Remaining': '999',
      'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000) + 60),
    });
    response.end(JSON.stringify({ data: { items: 'not a list', hello: request.url } }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

let clean: RunningMockServer;
let forWrites: RunningMockServer;
let broken: RunningMockServer;
let wrong: { url: string; server: Server };
const WRONG_KEY = `om_test_${'WrongShapeServerKey'.padEnd(32, 'x')}`;

beforeAll(async () => {
  [clean, forWrites, broken, wrong] = await Promise.all([
    startMockServer({ port: 0, seed: 21 }),
    startMockServer({ port: 0, seed: 22 }),
    // One operation answers with broken JSON: the run must report it and exit 1.
    startMockServer({ port: 0, seed: 18, scenarios: [{ name: 'malformed', operations: ['benchmarks_list'] }] }),
    wrongShapeServer(),
  ]);
});
afterAll(async () => {
  await Promise.all([clean?.close(), forWrites?.close(), broken?.close(), new Promise((resolve) => (wrong ? wrong.server.close(resolve) : resolve(undefined)))]);
});

describe.concurrent('opsmerge contract', () => {
  it('runs read-only by default: PASS for every read, SKIP for writes and internal operations, exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['contract', ...against(clean, clean.api.testKey)]);
    expect(stderr).not.toMatch(/error:/);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^OpsMerge API conformance — ${clean.url.replace(/\./g, '\\.')} — read-only operations \\(--write adds writes\\)$`, 'm'));
    expect(stdout).toMatch(/^agents_list\s+GET\s+\/v1\/agents\s+PASS$/m);
    expect(stdout).toMatch(/^tickets_create\s+POST\s+\/v1\/tickets\s+SKIP \(changes data; runs with --write\)$/m);
    expect(stdout).toMatch(/^installerTokens_create\s+POST\s+\S+\s+SKIP \(internal operation: not part of the partner contract/m);
    const [ops, pass, fail, skip, flows, flowPass, flowFail, flowSkip] = summary(stdout);
    expect(ops).toBe(all.length);
    expect(fail).toBe(0);
    expect(pass! + skip!).toBe(all.length);
    // Every line of the table says PASS or SKIP, and the counts are those of the lines.
    expect(stdout.match(/^\w+\s+(GET|POST|PATCH|PUT|DELETE)\s+\/v1\S*\s+PASS$/gm)?.length).toBe(pass);
    expect(stdout.match(/^\w+\s+(GET|POST|PATCH|PUT|DELETE)\s+\/v1\S*\s+SKIP \(/gm)?.length).toBe(skip);
    expect([flows, flowPass, flowFail, flowSkip]).toEqual([flowCount, 0, 0, flowCount]);
    expect(stdout + stderr).not.toContain(clean.api.testKey);
  }, 90_000);

  it('with --write runs every contract and flow: only the internal operations are SKIP', async () => {
    const { code, stdout, stderr } = await runCli(['contract', '--write', ...against(forWrites, forWrites.api.testKey)]);
    expect(stderr).not.toMatch(/error:/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/— read and write operations \(--write\)$/m);
    expect(stdout).toMatch(/^tickets_create\s+POST\s+\/v1\/tickets\s+PASS$/m);
    expect(stdout).toMatch(/^flow\s+create a key → call with it → revoke it → 401 KEY_REVOKED {2}PASS$/m);
    expect(summary(stdout)).toEqual([all.length, all.length - internalCount, 0, internalCount, flowCount, flowCount, 0, 0]);
    expect(stdout + stderr).not.toContain(forWrites.api.testKey);
  }, 90_000);

  it('prints FAIL with the reason and exits 1 when an operation answers broken JSON', async () => {
    const { code, stdout, stderr } = await runCli(['contract', ...against(broken, broken.api.testKey)]);
    expect(stdout).toMatch(/^agents_list\s+GET\s+\/v1\/agents\s+PASS$/m);
    expect(stdout).toMatch(/^benchmarks_list\s+GET\s+\/v1\/analytics\/benchmarks\s+FAIL \(responses do not match the spec .*body is not valid JSON/m);
    expect(summary(stdout)[2]).toBe(1);
    expect(stdout).toMatch(/^Failures:\n {2}benchmarks_list lists ordered percentiles/m);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: the server does not conform: see the FAIL lines above\. Fix: each failure is explained under "Failures:"\.$/m);
    expect(stdout + stderr).not.toContain(broken.api.testKey);
  }, 90_000);

  it('fails every operation of a server that answers the wrong shape, naming what differs, without echoing the key', async () => {
    const { code, stdout, stderr } = await runCli(['contract', '--base-url', wrong.url, '--api-key', WRONG_KEY]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^auth_me\s+GET\s+\/v1\/auth\/me\s+FAIL \(responses do not match the spec \(\d+ problems?\): auth_me 200: body\/data must have required property/m);
    expect(stdout).toMatch(/^agents_list\s+GET\s+\/v1\/agents\s+FAIL \(responses do not match the spec \(\d+ problems?\): agents_list 200: body\/data must have required property/m);
    const [, pass, fail] = summary(stdout);
    expect(pass).toBe(0);
    expect(fail).toBeGreaterThan(30);
    expect(stderr).toMatch(/^error: the server does not conform/m);
    expect(stdout + stderr).not.toContain(WRONG_KEY);
    expect(stdout + stderr).not.toContain(WRONG_KEY.slice(8));
  }, 90_000);

  it('needs a base URL that parses, and prints text only', async () => {
    const noUrl = await runInProcess(['contract', '--api-key', clean.api.testKey]);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/contract needs the server to test\. Fix: pass --base-url URL/);
    const badUrl = await runInProcess(['contract', '--api-key', clean.api.testKey, '--base-url', 'staging.example.com']);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/--base-url is not a URL: staging\.example\.com/);
    const asJson = await runInProcess(['contract', '--json', ...against(clean, clean.api.testKey)]);
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stderr)).toMatchObject({ error: { code: 'USAGE', exit_code: 2 } });
    for (const r of [noUrl, badUrl, asJson]) expect(r.stdout + r.stderr).not.toContain(clean.api.testKey);
  });
});

describe('what the CLI ships', () => {
  it('reaches no test file, script or devDependency: only the CLI and the suite, the dependencies of @opsmerge/cli (the SDK and mocks packages among them), its optional peers and node: builtins', async () => {
    const pkg = (await import('../../packages/cli/package.json', { with: { type: 'json' } })).default as { dependencies: Record<string, string>; peerDependencies: Record<string, string> };
    const allowed = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]);
    expect(allowed).toEqual(new Set(['@opsmerge/sdk', '@opsmerge/mocks', 'commander', 'cli-table3', 'msw', '@stoplight/prism-cli']));
    const result = await build({
      entryPoints: [join(ROOT, 'cli', 'main.ts')],
      absWorkingDir: ROOT,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node22',
      write: false,
      outdir: 'out',
      metafile: true,
      logLevel: 'silent',
      // As published: the SDK and the mocks are packages of their own (esbuild would follow tsconfig paths into them).
      plugins: [{ name: 'workspace-packages', setup: (b) => b.onResolve({ filter: /^@opsmerge\// }, (args) => ({ path: args.path, external: true })) }],
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((file) => !/^(cli|conformance)\//.test(file))).toEqual([]);
    expect(inputs).toContain('conformance/runner.ts');
    const external = new Set(Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
    const packages = [...external].filter((path) => !path.startsWith('node:')).map((path) => (path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]!));
    expect([...new Set(packages)].filter((name) => !allowed.has(name))).toEqual([]);
  });
});
