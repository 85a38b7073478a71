import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes, measure, readChecks } from '../../scripts/gates/size.js';
import { installConsumer, nodeBinary, packOnce, root, startStatefulMock, type MockServer, type PackedPackage } from './support.js';

/**
 * The packed tarball, installed the way integrators install it, under Node 20, 22 and 24
 * (the registry's `node` packages): a smoke script imports `@opsmerge/sdk` and talks to
 * the stateful mock over HTTP (the mock itself runs on the repo's Node 24: msw 3 needs
 * ≥ 22.12). Also: the CommonJS `require()` of the ESM entry, `@opsmerge/mocks` where
 * msw 3 runs, the types of every entry in a consumer's tsc, and the size budget.
 */
const run = promisify(execFile);
const VERSIONS = [20, 22, 24] as const;

let packed: PackedPackage;
let consumer: string;
let mock: MockServer;
const nodes = new Map<number, string>();

const SMOKE = `import { createClient, isApiError } from '@opsmerge/sdk';
import spec from '@opsmerge/sdk/openapi.json' with { type: 'json' };

const client = createClient({ apiKey: process.env.OPSMERGE_API_KEY, baseUrl: process.env.OPSMERGE_BASE_URL, logLevel: 'off' });
const me = await client.auth.me();
const page = await client.agents.list({ per_page: 5 });
const online = await client.agents.list({ status: 'online', per_page: 100 }).toArray({ limit: 500 });
let notFound = null;
try {
  await client.agents.get('agt_0000000000');
} catch (err) {
  notFound = isApiError(err) ? err.status : String(err);
}
console.log(JSON.stringify({
  node: process.versions.node,
  organisation: me.organisation.name,
  environment: me.environment,
  agents: page.items.length,
  total: page.total,
  firstAgent: page.items[0]?.id,
  online: online.length,
  notFound,
  specVersion: spec.info.version,
}));
`;

// The bundled entries share chunks: one class identity across entries, and each subpath loads.
const SUBPATHS = `import * as full from '@opsmerge/sdk';
import * as core from '@opsmerge/sdk/core';
import * as oauth from '@opsmerge/sdk/oauth';
import * as redis from '@opsmerge/sdk/redis';

const client = core.createCoreClient({ apiKey: process.env.OPSMERGE_API_KEY, baseUrl: process.env.OPSMERGE_BASE_URL, logLevel: 'off' });
const { data, error } = await client.GET('/v1/auth/me');
const missing = await client.GET('/v1/agents/{agent_id}', { params: { path: { agent_id: 'agt_0000000000' } } });
const pkce = await oauth.createAuthorizationRequest({ clientId: 'app_test', redirectUri: 'http://localhost:8080/callback', scopes: ['agents:read'] });
console.log(JSON.stringify({
  environment: data?.data.environment,
  error: error ?? null,
  missing: missing.response.status,
  facade: typeof client.agents,
  sameApiError: core.ApiError === full.ApiError && core.OpsMergeError === full.OpsMergeError,
  sameStore: core.MemoryRateLimitStore === full.MemoryRateLimitStore,
  sameOAuth: oauth.OAuthTokenManager === full.OAuthTokenManager && oauth.OAuthError === full.OAuthError,
  oauthErrorIsOpsMergeError: Object.getPrototypeOf(oauth.OAuthError.prototype) === core.OpsMergeError.prototype,
  sameRedis: redis.redisStore === full.redisStore,
  authorizeUrl: new URL(pkce.url).searchParams.get('code_challenge_method'),
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

const MOCKS = `import { getResponse } from 'msw';
import { createMockApi } from '@opsmerge/mocks';

const api = createMockApi({ baseUrl: 'http://mock.test' });
const response = await getResponse(api.handlers, new Request('http://mock.test/v1/auth/me', { headers: { Authorization: 'Bearer ' + api.testKey } }));
console.log(JSON.stringify({ status: response?.status, handlers: api.handlers.length, key: api.testKey.slice(0, 8) }));
`;

const TYPES = `import { createClient, type OpsMergeClient, NotFoundError } from '@opsmerge/sdk';
import { createCoreClient, type CoreClient, ApiError } from '@opsmerge/sdk/core';
import { OAuthTokenManager } from '@opsmerge/sdk/oauth';
import { redisStore, type RedisRateLimitStore } from '@opsmerge/sdk/redis';

declare const redis: Parameters<typeof redisStore>[0];
import { createMockApi, type MockApi } from '@opsmerge/mocks';
import spec from '@opsmerge/sdk/openapi.json' with { type: 'json' };

const client: OpsMergeClient = createClient({ apiKey: 'om_test_x' });
export async function main(): Promise<string> {
  const me = await client.auth.me();
  const agents = await client.agents.list({ status: 'online' });
  const api: MockApi = createMockApi();
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
  return [data?.data.organisation.name,me.organisation.name, agents.items.length, api.testKey, version, wrong, NotFoundError.name].join();
}
`;

async function node(version: number, script: string, env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  return run(nodes.get(version)!, [script], { cwd: consumer, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 });
}

beforeAll(async () => {
  packed = await packOnce();
  const msw = String((packed.pkg['devDependencies'] as Record<string, string>)['msw']);
  const [dir] = await Promise.all([
    installConsumer(packed, 'consumer', [`msw@${msw}`]),
    ...VERSIONS.map(async (v) => nodes.set(v, v === Number(process.versions.node.split('.')[0]) ? process.execPath : await nodeBinary(v))),
  ]);
  consumer = dir;
  await writeFile(join(consumer, 'smoke.mjs'), SMOKE);
  await writeFile(join(consumer, 'require.cjs'), REQUIRE);
  await writeFile(join(consumer, 'import-only.mjs'), IMPORT_ONLY);
  await writeFile(join(consumer, 'subpaths.mjs'), SUBPATHS);
  await writeFile(join(consumer, 'mocks.mjs'), MOCKS);
  await writeFile(join(consumer, 'types.ts'), TYPES);
  mock = await startStatefulMock();
}, 300_000);

afterAll(async () => {
  await mock?.stop();
});

describe.each(VERSIONS)('Node %i', (version) => {
  it('runs the smoke script against the stateful mock', async () => {
    const { stdout } = await node(version, 'smoke.mjs', { OPSMERGE_API_KEY: mock.key, OPSMERGE_BASE_URL: mock.url });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(result['node']).toMatch(new RegExp(`^${version}\\.`));
    expect(result).toMatchObject({ environment: 'sandbox', agents: 5, notFound: 404 });
    expect(result['organisation']).toEqual(expect.any(String));
    expect(result['total']).toBeGreaterThan(5);
    expect(result['firstAgent']).toMatch(/^agt_[0-9A-Z]{10}$/);
    expect(result['online']).toBeGreaterThan(0);
    expect(result['specVersion']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('imports the core, oauth and redis subpaths, sharing one class identity with the full entry', async () => {
    const { stdout } = await node(version, 'subpaths.mjs', { OPSMERGE_API_KEY: mock.key, OPSMERGE_BASE_URL: mock.url });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
      environment: 'sandbox',
      error: null,
      missing: 404,
      facade: 'undefined',
      sameApiError: true,
      sameStore: true,
      sameOAuth: true,
      oauthErrorIsOpsMergeError: true,
      sameRedis: true,
      authorizeUrl: 'S256',
    });
  });

  // The partner run from the installed bin: no vitest, no tsx, no checkout. Read-only, since
  // the other cases share this mock.
  it('runs `opsmerge contract` from the installed package', async () => {
    const bin = join(consumer, 'node_modules', '@opsmerge', 'sdk', 'bin', 'opsmerge.mjs');
    const { stdout, stderr } = await run(nodes.get(version)!, [bin, 'contract', '--base-url', mock.url, '--api-key', mock.key], {
      cwd: consumer,
      env: { PATH: process.env.PATH ?? '' },
      timeout: 120_000,
    });
    expect(stdout).toMatch(/^\d+ operations: \d+ PASS, 0 FAIL, \d+ SKIP · \d+ flows: 0 PASS, 0 FAIL, \d+ SKIP$/m);
    expect(stdout).toMatch(/^agents_list\s+GET\s+\/v1\/agents\s+PASS$/m);
    expect(stdout + stderr).not.toContain(mock.key);
  }, 150_000);

  it('importing every entry leaves the runtime\'s fetch implementation unloaded, for the first request to load', async () => {
    const { stdout } = await node(version, 'import-only.mjs');
    const loaded = JSON.parse(stdout.trim()) as { before: string[]; afterImport: string[]; afterTouch: string[] };
    expect(loaded.before).toEqual([]);
    expect(loaded.afterImport).toEqual([]);
    expect(loaded.afterTouch).toEqual([expect.stringContaining('undici')]); // the probe can see a load
  });

  it('require() of the ESM entry works (the `default` export condition)', async () => {
    const { stdout } = await node(version, 'require.cjs');
    expect(JSON.parse(stdout.trim())).toMatchObject({ createClient: 'function' });
  });

  // Skipped on Node 20 on purpose: msw 3, the mocks' peer, needs Node >= 22.12 (its engines).
  it.runIf(version >= 22)(`@opsmerge/mocks serves the API with msw 3${version >= 22 ? '' : ' (skipped: msw 3 needs Node >= 22.12)'}`, async () => {
    const { stdout } = await node(version, 'mocks.mjs');
    expect(JSON.parse(stdout.trim())).toMatchObject({ status: 200, key: 'om_test_' });
  });
});

describe('the installed package', () => {
  it.each(['nodenext', 'bundler'] as const)('types every entry for a consumer (moduleResolution %s)', async (resolution) => {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const options = {
      module: resolution === 'bundler' ? 'preserve' : 'nodenext',
      moduleResolution: resolution,
      target: 'es2022',
      lib: ['es2023', 'dom', 'dom.iterable'],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      resolveJsonModule: true,
    };
    await writeFile(join(consumer, `tsconfig.${resolution}.json`), JSON.stringify({ compilerOptions: options, files: ['types.ts'] }));
    const result = await run(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], { cwd: consumer }).then(
      () => '',
      (err: { stdout: string }) => err.stdout,
    );
    expect(result).toBe('');
  }, 60_000);

  it('keeps every entry within its size budget (.size-limit.json)', async () => {
    for (const check of await readChecks(join(root, '.size-limit.json'))) {
      const result = await measure(join(consumer, 'node_modules', '@opsmerge', 'sdk'), check);
      const top = result.modules.slice(0, 5).map((m) => `${m.path} ${formatBytes(m.bytes)}`).join(', ');
      console.log(`${result.name}: ${formatBytes(result.size)} min+gzip (limit ${formatBytes(result.limit)}); biggest: ${top}`);
      expect(result.size, `${result.name}: over budget; biggest modules: ${top}`).toBeLessThanOrEqual(result.limit);
    }
  });
});
