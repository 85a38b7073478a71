import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes, measure, readChecks } from '../../scripts/gates/size.js';
import { folderBytes, installConsumer, nodeBinary, packOnce, pinnedVersion, root, startStatefulMock, type Consumer, type MockServer, type PackedPackages } from './support.js';

/**
 * The packed tarballs, installed the way integrators install them, in three consumer projects:
 * `@opsmerge/sdk` alone, `@opsmerge/cli` (without msw or Prism), and `@opsmerge/mocks` with
 * msw. What npm installs, what runs under Node 20, 22 and 24 (the CLI against the stateful
 * mock, which itself runs on the repo's Node 24), the types of every entry in a consumer's
 * tsc, and the size budget. How the SDK behaves on each runtime is test/runtimes/.
 */
const run = promisify(execFile);
const VERSIONS = [20, 22, 24] as const;

let packed: PackedPackages;
let sdk: Consumer;
let cli: Consumer;
let mocks: Consumer;
let mock: MockServer;
const nodes = new Map<number, string>();

// The bundled entries share chunks: one class identity across entries, and each subpath loads.
const SUBPATHS = `import * as full from '@opsmerge/sdk';
import * as core from '@opsmerge/sdk/core';
import * as oauth from '@opsmerge/sdk/oauth';
import * as redis from '@opsmerge/sdk/redis';
import spec from '@opsmerge/sdk/openapi.json' with { type: 'json' };

const pkce = await oauth.createAuthorizationRequest({ clientId: 'app_test', redirectUri: 'http://localhost:8080/callback', scopes: ['agents:read'] });
console.log(JSON.stringify({
  facade: typeof core.createCoreClient({ apiKey: 'om_test_' + 'x'.repeat(32) }).agents,
  sameApiError: core.ApiError === full.ApiError && core.OpsMergeError === full.OpsMergeError,
  sameStore: core.MemoryRateLimitStore === full.MemoryRateLimitStore,
  sameOAuth: oauth.OAuthTokenManager === full.OAuthTokenManager && oauth.OAuthError === full.OAuthError,
  oauthErrorIsOpsMergeError: Object.getPrototypeOf(oauth.OAuthError.prototype) === core.OpsMergeError.prototype,
  sameRedis: redis.redisStore === full.redisStore,
  authorizeUrl: new URL(pkce.url).searchParams.get('code_challenge_method'),
  specVersion: spec.info.version,
}));
`;

// Node loads its fetch implementation (undici, ~25 ms) the first time code touches \`fetch\`,
// \`Request\`, \`Response\`, \`Headers\` or \`FormData\`. Importing the SDK must not be that first
// touch (\`class … extends Response\` at the top of a module was): it belongs to the first request.
const IMPORT_ONLY = `const undici = () => process.moduleLoadList.filter((name) => name.includes('undici'));
const before = undici();
await import('@opsmerge/sdk');
await import('@opsmerge/sdk/core');
await import('@opsmerge/sdk/oauth');
await import('@opsmerge/sdk/redis');
const afterImport = undici();
void Response; // the probe itself: touching a fetch global does load it
console.log(JSON.stringify({ before, afterImport, afterTouch: undici() }));
`;

const REQUIRE = `const sdk = require('@opsmerge/sdk');
console.log(JSON.stringify({ createClient: typeof sdk.createClient, operations: Object.keys(sdk.operations).length }));
`;

// The MSW handlers answer a Request directly, and the HTTP server serves them; the validator
// checks what the server said.
const MOCKS = `import { getResponse } from 'msw';
import { createMockApi } from '@opsmerge/mocks';
import { startMockServer } from '@opsmerge/mocks/server';
import { validateFetchResponse } from '@opsmerge/mocks/validate';
import { createClient } from '@opsmerge/sdk';

const api = createMockApi({ baseUrl: 'http://mock.test' });
const direct = await getResponse(api.handlers, new Request('http://mock.test/v1/auth/me', { headers: { Authorization: 'Bearer ' + api.testKey } }));
const server = await startMockServer({ port: 0 });
const response = await fetch(server.url + '/v1/agents?per_page=3', { headers: { Authorization: 'Bearer ' + server.api.testKey } });
const validation = await validateFetchResponse('agents_list', response);
// As on Deno and Bun: no interception, the handlers answer through the client's fetch option.
const sandbox = createMockApi();
const client = createClient({ apiKey: sandbox.testKey, logLevel: 'off', fetch: async (input, init) => (await getResponse(sandbox.handlers, new Request(input, init))) ?? new Response(null, { status: 404 }) });
const viaFetchOption = (await client.auth.me()).environment;
await server.close();
console.log(JSON.stringify({ direct: direct?.status, overHttp: response.status, valid: validation.valid, errors: validation.errors, viaFetchOption }));
`;

const SDK_TYPES = `import { createClient, type OpsMergeClient, NotFoundError } from '@opsmerge/sdk';
import { createCoreClient, type CoreClient, ApiError } from '@opsmerge/sdk/core';
import { OAuthTokenManager } from '@opsmerge/sdk/oauth';
import { redisStore, type RedisRateLimitStore } from '@opsmerge/sdk/redis';
import spec from '@opsmerge/sdk/openapi.json' with { type: 'json' };

declare const redis: Parameters<typeof redisStore>[0];
const client: OpsMergeClient = createClient({ apiKey: 'om_test_x' });
export async function main(): Promise<string> {
  const me = await client.auth.me();
  const agents = await client.agents.list({ status: 'online' });
  const version: string = spec.info.version;
  // @ts-expect-error info.version is typed: a string
  const wrong: number = spec.info.version;
  // @ts-expect-error beta resources need createClient({ stability: 'beta' })
  void client.m365Tenants;
  const core: CoreClient = createCoreClient({ apiKey: 'om_test_x' });
  const { data } = await core.GET('/v1/auth/me');
  // @ts-expect-error the core client has no resource facade
  void core.agents;
  const manager = new OAuthTokenManager({ clientId: 'app', tokens: { accessToken: 'a', tokenType: 'Bearer' } });
  const viaOAuth: CoreClient = createCoreClient({ oauth: { tokens: manager } });
  const store: RedisRateLimitStore = redisStore(redis);
  const sameHierarchy: boolean = NotFoundError.prototype instanceof ApiError;
  void [viaOAuth, store, sameHierarchy];
  return [data?.data.organisation.name, me.organisation.name, agents.items.length, version, wrong, NotFoundError.name].join();
}
`;

const MOCKS_TYPES = `import { createMockApi, type MockApi, type ScenarioName } from '@opsmerge/mocks';
import { startMockServer, type RunningMockServer } from '@opsmerge/mocks/server';
import { validateResponse, type ResponseValidation } from '@opsmerge/mocks/validate';
import { SCENARIO_NAMES } from '@opsmerge/mocks/scenarios';
import type { OperationId } from '@opsmerge/sdk';

export async function main(): Promise<string> {
  const api: MockApi = createMockApi({ seed: 3 });
  const flaky: ScenarioName = 'flaky';
  // @ts-expect-error scenario names are a closed set
  const unknown: ScenarioName = 'no-such-scenario';
  const server: RunningMockServer = await startMockServer({ port: 0 });
  const operation: OperationId = 'agents_list';
  const result: ResponseValidation = validateResponse(operation, { status: 200, headers: {}, body: {} });
  await server.close();
  return [api.testKey, flaky, unknown, SCENARIO_NAMES.length, result.valid].join();
}
`;

async function node(version: number, cwd: string, args: string[], env: Record<string, string> = {}, timeout = 30_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(nodes.get(version)!, args, { cwd, env: { PATH: process.env['PATH'] ?? '', HOME: cwd, ...env }, timeout })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }));
}

const lastJson = (stdout: string): Record<string, unknown> => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

beforeAll(async () => {
  packed = await packOnce();
  const [msw, typesNode] = await Promise.all([pinnedVersion('msw'), pinnedVersion('@types/node')]);
  // One after the other: three npm installs at once only compete for the two CPUs.
  sdk = await installConsumer(packed, 'sdk', ['@opsmerge/sdk']);
  cli = await installConsumer(packed, 'cli', ['@opsmerge/cli']);
  mocks = await installConsumer(packed, 'mocks', ['@opsmerge/mocks', '@opsmerge/sdk'], [`msw@${msw}`, `@types/node@${typesNode}`]);
  for (const v of VERSIONS) nodes.set(v, (await nodeBinary(v)).bin);
  await writeFile(join(sdk.dir, 'require.cjs'), REQUIRE);
  await writeFile(join(sdk.dir, 'import-only.mjs'), IMPORT_ONLY);
  await writeFile(join(sdk.dir, 'subpaths.mjs'), SUBPATHS);
  await writeFile(join(sdk.dir, 'types.ts'), SDK_TYPES);
  await writeFile(join(mocks.dir, 'mocks.mjs'), MOCKS);
  await writeFile(join(mocks.dir, 'types.ts'), MOCKS_TYPES);
  mock = await startStatefulMock();
}, 600_000);

afterAll(async () => {
  await mock?.stop();
});

const names = (c: Consumer): string[] => c.installed.map((p) => p.replace(/^.*node_modules\//, ''));

describe('npm install @opsmerge/sdk', () => {
  it('installs openapi-fetch (and its helper types) and nothing else', async () => {
    expect(names(sdk)).toEqual(['@opsmerge/sdk', 'openapi-fetch', 'openapi-typescript-helpers']);
    console.log(`@opsmerge/sdk installs ${sdk.installed.length} packages, ${formatBytes(await folderBytes(join(sdk.dir, 'node_modules')))} on disk`);
  });

  it.each(['nodenext', 'bundler'] as const)('types every entry for a consumer with nothing else installed (moduleResolution %s)', async (resolution) => {
    expect(await typeCheck(sdk.dir, resolution)).toBe('');
  }, 60_000);

  it('keeps every entry within its size budget (.size-limit.json)', async () => {
    for (const check of await readChecks(join(root, '.size-limit.json'))) {
      const result = await measure(join(sdk.dir, 'node_modules', '@opsmerge', 'sdk'), check);
      const top = result.modules.slice(0, 5).map((m) => `${m.path} ${formatBytes(m.bytes)}`).join(', ');
      console.log(`${result.name}: ${formatBytes(result.size)} min+gzip (limit ${formatBytes(result.limit)}); biggest: ${top}`);
      expect(result.size, `${result.name}: over budget; biggest modules: ${top}`).toBeLessThanOrEqual(result.limit);
    }
  });
});

describe('npm install @opsmerge/cli', () => {
  it('installs the SDK and the mocks with it, but neither msw nor Prism (optional peers)', () => {
    expect(names(cli)).toEqual(expect.arrayContaining(['@opsmerge/cli', '@opsmerge/sdk', '@opsmerge/mocks', 'commander', 'cli-table3', 'ajv']));
    expect(names(cli).filter((n) => n === 'msw' || n.startsWith('@mswjs/') || n.startsWith('@stoplight/'))).toEqual([]);
  });
});

async function typeCheck(dir: string, resolution: 'nodenext' | 'bundler'): Promise<string> {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const options = {
    module: resolution === 'bundler' ? 'preserve' : 'nodenext',
    moduleResolution: resolution,
    target: 'es2022',
    lib: ['es2023', 'dom', 'dom.iterable'],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    resolveJsonModule: true,
  };
  await writeFile(join(dir, `tsconfig.${resolution}.json`), JSON.stringify({ compilerOptions: options, files: ['types.ts'] }));
  return run(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], { cwd: dir }).then(
    () => '',
    (err: { stdout: string }) => err.stdout,
  );
}

describe('npm install @opsmerge/mocks msw', () => {
  it.each(['nodenext', 'bundler'] as const)('types every entry for a consumer (moduleResolution %s)', async (resolution) => {
    expect(await typeCheck(mocks.dir, resolution)).toBe('');
  }, 60_000);
});

describe.each(VERSIONS)('Node %i', (version) => {
  it('imports the core, oauth, redis and openapi.json subpaths, sharing one class identity with the full entry', async () => {
    const { stdout, stderr } = await node(version, sdk.dir, ['subpaths.mjs']);
    expect(lastJson(stdout), stderr).toEqual({
      facade: 'undefined',
      sameApiError: true,
      sameStore: true,
      sameOAuth: true,
      oauthErrorIsOpsMergeError: true,
      sameRedis: true,
      authorizeUrl: 'S256',
      specVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
  });

  it("importing every entry leaves the runtime's fetch implementation unloaded, for the first request to load", async () => {
    const loaded = lastJson((await node(version, sdk.dir, ['import-only.mjs'])).stdout) as { before: string[]; afterImport: string[]; afterTouch: string[] };
    expect(loaded.before).toEqual([]);
    expect(loaded.afterImport).toEqual([]);
    expect(loaded.afterTouch).toEqual([expect.stringContaining('undici')]); // the probe can see a load
  });

  it('require() of the ESM entry works (the `default` export condition)', async () => {
    expect(lastJson((await node(version, sdk.dir, ['require.cjs'])).stdout)).toMatchObject({ createClient: 'function' });
  });

  it('`npx opsmerge --help` works without msw, with the parameter descriptions of the spec', async () => {
    const npx = (args: string[]) =>
      run('npx', ['--no-install', 'opsmerge', ...args], { cwd: cli.dir, env: { PATH: `${join(nodes.get(version)!, '..')}:${process.env['PATH'] ?? ''}`, HOME: cli.dir }, timeout: 60_000 });
    const help = await npx(['--help']);
    for (const text of ['Usage: opsmerge', 'whoami', 'agents', 'mock', 'contract', 'Exit codes:']) expect(help.stdout).toContain(text);
    // The --status choices come from the spec, which the CLI reads from @opsmerge/sdk/openapi.json.
    expect((await npx(['agents', 'list', '--help'])).stdout).toMatch(/--status <value> +Only agents in this state\. \(choices: "online", "offline",/);
    // The conformance suite (conformance/, bundled into the CLI) loads with fast-check and ajv, its dependencies.
    expect((await npx(['contract', '--help'])).stdout).toMatch(/--seed <n> +seed of the generated cases/);
    const version_ = await npx(['--version']);
    expect(version_.stdout.trim()).toBe(packed['@opsmerge/cli'].pkg['version']);
  }, 120_000);

  // The partner run from the installed bin: no vitest, no tsx, no checkout, no msw. Read-only,
  // since the other cases share this mock.
  it('runs `opsmerge contract` from the installed package', async () => {
    const bin = join(cli.dir, 'node_modules', '@opsmerge', 'cli', 'bin', 'opsmerge.mjs');
    // The generated part bounded in time: the suite paces itself inside the mock's rate limit.
    const { code, stdout, stderr } = await node(version, cli.dir, [bin, 'contract', '--base-url', mock.url, '--api-key', mock.key, '--seed', '1', '--budget', '5s'], {}, 120_000);
    expect(stdout, stderr).toMatch(/^\d+ operations: \d+ PASS, 0 FAIL, \d+ SKIP · \d+ flows: 0 PASS, 0 FAIL, \d+ SKIP$/m);
    expect(stdout).toMatch(/^Conformance score: 100\.0% — (\d+) of \1 check outcomes held$/m);
    expect(stdout).toMatch(/^agents_list\s+GET\s+\/v1\/agents\s+PASS$/m);
    expect(stdout + stderr).not.toContain(mock.key);
    expect(code).toBe(0);
  }, 150_000);

  it(`\`opsmerge mock --stateful\` without msw says what to install${version >= 22 ? '' : ' (on Node 20: that it needs Node ≥ 22.12)'}`, async () => {
    const bin = join(cli.dir, 'node_modules', '@opsmerge', 'cli', 'bin', 'opsmerge.mjs');
    const { code, stdout, stderr } = await node(version, cli.dir, [bin, 'mock', '--stateful', '--port', '0']);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(version >= 22 ? 'npm install --save-dev msw' : 'needs Node ≥ 22.12');
  });

  it(`\`opsmerge mock\` without Prism says what to install${version >= 24 ? '' : ' (before Node 24.18: that Prism needs it)'}`, async () => {
    const bin = join(cli.dir, 'node_modules', '@opsmerge', 'cli', 'bin', 'opsmerge.mjs');
    const { code, stderr } = await node(version, cli.dir, [bin, 'mock', '--port', '0']);
    expect(code).not.toBe(0);
    expect(stderr).toContain(version >= 24 ? 'npm install --save-dev @stoplight/prism-cli' : 'Prism 5.16 needs Node ≥ 24.18');
  });

  // Skipped on Node 20 on purpose: msw 3, the mocks' peer, needs Node >= 22.12 (its engines).
  it.runIf(version >= 22)(`@opsmerge/mocks answers through msw, over HTTP and through the client's fetch option${version >= 22 ? '' : ' (skipped: msw 3 needs Node >= 22.12)'}`, async () => {
    const { stdout, stderr } = await node(version, mocks.dir, ['mocks.mjs']);
    expect(lastJson(stdout), stderr).toEqual({ direct: 200, overHttp: 200, valid: true, errors: [], viaFetchOption: 'sandbox' });
  });
});
