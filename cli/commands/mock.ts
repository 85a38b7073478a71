/**
 * `opsmerge mock [--stateful]`: serves a mock of the API on this machine until Ctrl-C.
 * Without `--stateful`, Prism serves the spec (stateless; it validates requests and answers
 * with the spec's examples). With `--stateful`, the SDK's own MSW mock serves a seeded,
 * stateful organisation over HTTP. Both are optional peers of `@opsmerge/cli`, each named with
 * its install command when missing: Prism needs `@stoplight/prism-cli` (Node ≥ 24.18), the
 * stateful mock needs `msw` 3 (Node ≥ 22.12).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { InvalidArgumentError, Option, type Command } from 'commander';
// scenarios.js has no msw import: --help and validation work without msw installed.
import { SCENARIO_NAMES as SCENARIOS, type ScenarioName } from '@opsmerge/mocks/scenarios';
import type { Context } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { integerParser } from '../list-options.js';
import { resolveInstalled, specPath } from '../package-info.js';
import { examples, type Builder } from '../program.js';

/** A key of the right shape for Prism, which accepts any credentials of the right form. */
const PRISM_KEY = 'om_test_4fT9kQ2mX7vB1nR8cZ3pL6wY0sD5hJ9a';

function nodeAtLeast(major: number, minor: number): boolean {
  const [a = 0, b = 0] = process.versions.node.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

function unavailable(message: string, hint: string, cause?: unknown): CliError {
  return new CliError(message, { exitCode: ExitCode.other, code: 'MOCK_UNAVAILABLE', hint, ...(cause === undefined ? {} : { cause }) });
}

/** Resolves when the process gets SIGINT or SIGTERM. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function announce(ctx: Context, kind: 'prism' | 'stateful', url: string, apiKey: string, environment: string): void {
  if (ctx.output.machine) {
    ctx.output.json({ kind, url, api_key: apiKey, environment });
    return;
  }
  const what = kind === 'prism' ? 'Prism mock (stateless, validating)' : 'stateful mock';
  ctx.output.line(`OpsMerge ${what} on ${url} — ${environment} key ${apiKey}`);
  ctx.output.line(`try: opsmerge whoami --base-url ${url} --api-key ${apiKey}`);
  ctx.output.line(`     curl -H "Authorization: Bearer ${apiKey}" ${url}/v1/auth/me`);
  ctx.output.note('Ctrl-C stops it.');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function runStateful(ctx: Context, options: Record<string, unknown>): Promise<void> {
  if (!nodeAtLeast(22, 12)) {
    throw unavailable(`the stateful mock needs Node ≥ 22.12 (msw 3); this is Node ${process.versions.node}`, 'run it with Node 22.12 or newer');
  }
  let startMockServer: typeof import('@opsmerge/mocks/server').startMockServer;
  try {
    ({ startMockServer } = await import('@opsmerge/mocks/server'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && /['"]msw['"/]/.test((error as Error).message);
    if (missing) throw unavailable('the stateful mock needs the msw package (an optional peer of @opsmerge/cli)', 'install it next to the CLI: npm install --save-dev msw@^3 (or npx -p @opsmerge/cli -p msw opsmerge mock --stateful)', error);
    throw unavailable(`the stateful mock failed to load: ${(error as Error).message}`, 'run again with --debug; report it if it persists', error);
  }
  const environment = options['environment'] === 'production' ? 'production' : 'sandbox';
  const mock = await startMockServer({
    port: options['port'] as number,
    seed: options['seed'] as number,
    clock: 'running',
    environment,
    scenarios: (options['scenario'] as ScenarioName[] | undefined) ?? [],
  });
  const apiKey = environment === 'production' ? mock.api.liveKey : mock.api.testKey;
  announce(ctx, 'stateful', mock.url, apiKey, environment);
  await untilStopped();
  await mock.close();
}

async function runPrism(ctx: Context, options: Record<string, unknown>): Promise<void> {
  if (!nodeAtLeast(24, 18)) {
    throw unavailable(`Prism 5.16 needs Node ≥ 24.18; this is Node ${process.versions.node}`, `run it with Node 24.18 or newer${nodeAtLeast(22, 12) ? ', or use the stateful mock: opsmerge mock --stateful' : ''}`);
  }
  const prismMain = resolveInstalled('@stoplight/prism-cli');
  if (prismMain === undefined) {
    throw unavailable(
      'Prism is not installed (an optional peer of @opsmerge/cli)',
      'install it next to the CLI: npm install --save-dev @stoplight/prism-cli@^5.16 (or npx -p @opsmerge/cli -p @stoplight/prism-cli opsmerge mock) — or use the stateful mock: opsmerge mock --stateful',
    );
  }
  const spec = specPath();
  if (spec === undefined) throw unavailable('@opsmerge/sdk/openapi.json, the spec Prism serves, is not installed', 'reinstall @opsmerge/cli (it depends on @opsmerge/sdk), or use the stateful mock: opsmerge mock --stateful');
  const requested = options['port'] as number;
  const port = requested === 0 ? await freePort() : requested;
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [prismMain, 'mock', spec, '-p', String(port), '-h', '127.0.0.1', '--errors=false'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer): void => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stopped = untilStopped();
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw unavailable(`Prism exited with code ${child.exitCode}: ${log.trim().split('\n').slice(-3).join(' ')}`, `is port ${port} free? Try --port 0`);
      try {
        await fetch(`${url}/v1/auth/me`, { signal: AbortSignal.timeout(1000) });
        break;
      } catch {
        if (Date.now() > deadline) throw unavailable('Prism did not start within 60 s', 'run again with --debug');
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    announce(ctx, 'prism', url, PRISM_KEY, 'sandbox');
    if (ctx.globals.debug) {
      child.stdout.off('data', keep);
      child.stdout.pipe(process.stderr);
    }
    await Promise.race([stopped, new Promise((resolve) => child.once('exit', resolve))]);
    if (child.exitCode !== null && child.exitCode !== 0) throw unavailable(`Prism stopped with code ${child.exitCode}`, 'run again with --debug');
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

/** Adds `mock`. */
export function addMockCommand(program: Command, builder: Builder): void {
  const mock = program
    .command('mock')
    .description('serve a mock of the API until Ctrl-C: Prism, or the stateful mock with --stateful')
    .helpGroup('Tools:')
    .option('--stateful', 'serve the stateful mock (seeded data, auth, scopes, rate limits, idempotency) instead of Prism')
    .addOption(new Option('--port <port>', 'port to listen on; 0 picks a free one').default(4010).argParser(integerParser('--port', 0, 65535)))
    .addOption(new Option('--seed <n>', 'stateful: seed of the data set (same seed, same data and key)').default(1).argParser(integerParser('--seed', 0, undefined)))
    .addOption(new Option('--environment <env>', 'stateful: which keys the mock accepts').choices(['sandbox', 'production']).default('sandbox'))
    .addOption(
      new Option('--scenario <name>', `stateful: switch a failure scenario on (repeatable): ${SCENARIOS.join(', ')}`).argParser((value: string, previous: ScenarioName[] = []) => {
        const known = SCENARIOS.find((name) => name === value);
        if (!known) throw new InvalidArgumentError(`Unknown scenario; known: ${SCENARIOS.join(', ')}.`);
        return [...previous, known];
      }),
    );
  mock.addHelpText('after', '\nThe mock prints its base URL and a ready key of its own (a mock credential, not a real key).\n');
  examples(mock, ['opsmerge mock', 'opsmerge mock --stateful --port 4010', 'opsmerge mock --stateful --scenario flaky --seed 7', 'opsmerge whoami --base-url http://127.0.0.1:4010 --api-key om_test_…']);
  builder.action(mock, async (ctx, _args, options) => {
    if (options['stateful'] === true) await runStateful(ctx, options);
    else await runPrism(ctx, options);
  });
}
