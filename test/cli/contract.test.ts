/**
 * `opsmerge contract`: the conformance run, in the CLI's own process (no vitest, no tsx), run as
 * a subprocess the way an installed package runs it. The named scenarios against the stateful
 * mock (read-only and --write), a mock with a broken operation, and a server answering the wrong
 * shape; the generated checks against the mock and a server with planted defects, with reports
 * for CI; bad values of every option. Also: what the command's code reaches, so it works from the
 * published package.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, type OperationInfo } from '../../generated/operations.js';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';
import { FAMILIES } from '../../conformance/families/index.js';
import { startPlantedServer, type PlantedServer } from '../contract/support/planted-server.js';
import { ROOT, against, runCli, runInProcess, tempDir } from './helpers.js';

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
let roomy: RunningMockServer;
let planted: PlantedServer;
const WRONG_KEY = `om_test_${'WrongShapeServerKey'.padEnd(32, 'x')}`;

beforeAll(async () => {
  [clean, forWrites, broken, wrong, roomy, planted] = await Promise.all([
    startMockServer({ port: 0, seed: 21 }),
    startMockServer({ port: 0, seed: 22 }),
    // One operation answers with broken JSON: the run must report it and exit 1.
    startMockServer({ port: 0, seed: 18, scenarios: [{ name: 'malformed', operations: ['benchmarks_list'] }] }),
    wrongShapeServer(),
    // The generated checks send more than 300 requests a minute; the pacing is tested on its own.
    startMockServer({ port: 0, seed: 23, rateLimits: { default: { limit: 100_000 }, events: { limit: 100_000 } } }),
    startPlantedServer(),
  ]);
});
afterAll(async () => {
  await Promise.all([clean?.close(), forWrites?.close(), broken?.close(), roomy?.close(), planted?.close(), new Promise((resolve) => (wrong ? wrong.server.close(resolve) : resolve(undefined)))]);
});

describe.concurrent('opsmerge contract: the named scenarios', () => {
  it('runs read-only by default: PASS for every read, SKIP for writes and internal operations, exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['contract', '--no-generated', ...against(clean, clean.api.testKey)]);
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
  }, 180_000);

  it('with --write runs every contract and flow: only the internal operations are SKIP', async () => {
    const { code, stdout, stderr } = await runCli(['contract', '--no-generated', '--write', ...against(forWrites, forWrites.api.testKey)]);
    expect(stderr).not.toMatch(/error:/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/— read and write operations \(--write\)$/m);
    expect(stdout).toMatch(/^tickets_create\s+POST\s+\/v1\/tickets\s+PASS$/m);
    expect(stdout).toMatch(/^flow\s+create a key → call with it → revoke it → 401 KEY_REVOKED {2}PASS$/m);
    expect(summary(stdout)).toEqual([all.length, all.length - internalCount, 0, internalCount, flowCount, flowCount, 0, 0]);
    expect(stdout + stderr).not.toContain(forWrites.api.testKey);
  }, 180_000);

  it('prints FAIL with the reason and exits 1 when an operation answers broken JSON', async () => {
    const { code, stdout, stderr } = await runCli(['contract', '--no-generated', ...against(broken, broken.api.testKey)]);
    expect(stdout).toMatch(/^agents_list\s+GET\s+\/v1\/agents\s+PASS$/m);
    expect(stdout).toMatch(/^benchmarks_list\s+GET\s+\/v1\/analytics\/benchmarks\s+FAIL \(responses do not match the spec .*body is not valid JSON/m);
    expect(summary(stdout)[2]).toBe(1);
    expect(stdout).toMatch(/^Scenario failures:\n {2}benchmarks_list lists ordered percentiles/m);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: the server does not conform: see the failures above\. Fix: each failure has a curl line and the command that replays it\.$/m);
    expect(stdout + stderr).not.toContain(broken.api.testKey);
  }, 180_000);

  it('fails every operation of a server that answers the wrong shape, naming what differs, without echoing the key', async () => {
    const { code, stdout, stderr } = await runCli(['contract', '--no-generated', '--base-url', wrong.url, '--api-key', WRONG_KEY]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^auth_me\s+GET\s+\/v1\/auth\/me\s+FAIL \(responses do not match the spec \(\d+ problems?\): auth_me 200: body\/data must have required property/m);
    expect(stdout).toMatch(/^agents_list\s+GET\s+\/v1\/agents\s+FAIL \(responses do not match the spec \(\d+ problems?\): agents_list 200: body\/data must have required property/m);
    const [, pass, fail] = summary(stdout);
    expect(pass).toBe(0);
    expect(fail).toBeGreaterThan(30);
    expect(stderr).toMatch(/^error: the server does not conform/m);
    expect(stdout + stderr).not.toContain(WRONG_KEY);
    expect(stdout + stderr).not.toContain(WRONG_KEY.slice(8));
  }, 180_000);

  it('stops at once, exit 7, when the server does not answer its first request within --timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const { code, stdout, stderr } = await runCli(['contract', '--timeout', '500ms', '--base-url', `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, '--api-key', WRONG_KEY]);
      expect(code).toBe(7);
      expect(stderr).toMatch(/^error: http:\/\/127\.0\.0\.1:\d+ did not answer GET \/v1\/auth\/me: no answer within the timeout \(0\.5 s\)\. Fix: check --base-url and that the server is up; a slow server may need a longer --timeout\.$/m);
      expect(stdout).toBe('');
      expect(stdout + stderr).not.toContain(WRONG_KEY.slice(8));
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  }, 60_000);

  it('needs a base URL that parses, and prints text only', async () => {
    const noUrl = await runInProcess(['contract', '--api-key', clean.api.testKey]);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/contract needs the server to test\. Fix: pass --base-url URL/);
    const badUrl = await runInProcess(['contract', '--api-key', clean.api.testKey, '--base-url', 'staging.example.com']);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/--base-url is not a URL: staging\.example\.com/);
    const asJson = await runInProcess(['contract', '--json', '--no-generated', ...against(clean, clean.api.testKey)]);
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stderr)).toMatchObject({ error: { code: 'USAGE', exit_code: 2 } });
    for (const r of [noUrl, badUrl, asJson]) expect(r.stdout + r.stderr).not.toContain(clean.api.testKey);
  });
});

describe.concurrent('opsmerge contract: the generated checks', () => {
  it('passes a conforming server: the checks, the index and the score, exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['contract', '--no-scenarios', '--seed', '11', '--budget', '2', '--operation', 'agents_list', '--operation', 'tickets_get', ...against(roomy, roomy.api.testKey)]);
    expect(stderr).not.toMatch(/error:/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Generated checks — seed 11, 2 positive and 2 negative cases per operation, \d+ requests$/m);
    expect(stdout).toMatch(/^not_a_server_error\s+[1-9]\d*\s+0\s/m);
    expect(stdout).toMatch(/^negative_data_rejection\s+[1-9]\d*\s+0\s/m);
    expect(stdout).toMatch(/^Conformance index: \d+\.\d% — \d+ of \d+ documented responses \(operation × status\) exercised$/m);
    expect(stdout).toMatch(/^Conformance score: 100\.0% — (\d+) of \1 check outcomes held$/m);
    expect(stdout).not.toMatch(/Named scenarios/);
    expect(stdout + stderr).not.toContain(roomy.api.testKey);
  }, 120_000);

  it('fails a server with defects: a curl line and a replay command per failure, JUnit and JSON reports, exit 1', async () => {
    const dir = tempDir('opsmerge-contract-');
    const { code, stdout, stderr } = await runCli([
      'contract',
      '--no-scenarios',
      '--seed',
      '7',
      '--budget',
      '2',
      '--operation',
      'agents_get',
      '--operation',
      'users_list',
      '--report',
      `junit:${join(dir, 'reports', 'conformance.xml')}`,
      '--report',
      `json:${join(dir, 'conformance.json')}`,
      ...against(planted, planted.apiKey),
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: the server does not conform: see the failures above/m);
    expect(stdout).toMatch(/^ {2}\d+\. status_code_conformance — agents_get \(GET \/v1\/agents\/\{agent_id\}\)/m);
    expect(stdout).toMatch(/^ {2}\d+\. content_type_conformance — users_list \(GET \/v1\/users\)/m);
    expect(stdout).toMatch(/^ {5}curl -sS -i '?http:\/\/127\.0\.0\.1:\d+\/v1\/agents\/agt_\w+'? -H 'Accept: application\/json' -H "Authorization: Bearer \$OPSMERGE_API_KEY"$/m);
    expect(stdout).toContain(`replay: opsmerge contract --base-url ${planted.url} --seed 7 --operation agents_get --no-scenarios`);
    const xml = readFileSync(join(dir, 'reports', 'conformance.xml'), 'utf8');
    expect(xml).toMatch(/<testcase classname="agents_get \(GET \/v1\/agents\/\{agent_id\}\)" name="status_code_conformance">\s*<failure message="203 is not a documented status/);
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as { format: string; passed: boolean; generated: { seed: number; failures: { check: string }[] } };
    expect([report.format, report.passed, report.generated.seed]).toEqual(['opsmerge-conformance/1', false, 7]);
    expect(report.generated.failures.map((f) => f.check).sort()).toEqual(['content_type_conformance', 'status_code_conformance']);
    for (const text of [stdout, stderr, xml, JSON.stringify(report)]) expect(text).not.toContain(planted.apiKey);
  }, 120_000);

  it.each([
    [['--budget', 'ten'], /--budget must be a number of cases per operation \(e\.g\. 20\) or a time \(e\.g\. 90s, 5m\), got "ten"/],
    [['--budget', '0'], /--budget must be 1–10000 cases per operation, got 0/],
    [['--seed', '-1'], /--seed must be a whole number from 0 to 2147483647, got "-1"/],
    [['--report', 'xml:out.xml'], /--report must be junit:PATH or json:PATH, got "xml:out\.xml"/],
    [['--check', 'teapot'], /--check must name a check \(not_a_server_error, /],
    [['--operation', 'tickets_explode'], /--operation: the spec has no operation tickets_explode/],
    [['--timeout', 'soon'], /--timeout must be a time for one answer, e\.g\. 30s, 2m or 500ms, got "soon"/],
    [['--timeout', '50ms'], /--timeout must be 100 ms to 10 min, got 50ms/],
  ])('refuses %j with exit 2, before any request', async (args, message) => {
    const result = await runInProcess(['contract', ...args, ...against(roomy, roomy.api.testKey)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

describe('what the CLI ships', () => {
  it('reaches no test file, script or devDependency: only the CLI and the suite, the dependencies of @opsmerge/cli (the SDK and mocks packages among them), its optional peers and node: builtins', async () => {
    const pkg = (await import('../../packages/cli/package.json', { with: { type: 'json' } })).default as { dependencies: Record<string, string>; peerDependencies: Record<string, string> };
    const allowed = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]);
    expect(allowed).toEqual(new Set(['@opsmerge/sdk', '@opsmerge/mocks', 'commander', 'cli-table3', 'fast-check', 'ajv', 'ajv-formats', 'msw', '@stoplight/prism-cli']));
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
