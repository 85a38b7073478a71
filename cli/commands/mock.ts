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
import { CliError, ExitCode, usageError } from '../exit-codes.js';
import { integerParser, parseTime } from '../list-options.js';
import { announcePrism, announceStateful, controlTokenParser, limitParser, PLANS, rateLimitParser, redirectUriParser, statefulSettings } from './mock-settings.js';
import { resolveInstalled, specPath } from '../package-info.js';
import { examples, type Builder } from '../builder.js';

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

/** Listens on `port` (0: any) for a moment to find it free; resolves with the port, or rejects (EADDRINUSE). */
async function probePort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The port for Prism: a taken port named with --port is a usage error; the default falls back. */
async function prismPort(ctx: Context, requested: number, explicit: boolean): Promise<number> {
  try {
    return await probePort(requested);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (explicit) throw usageError(`port ${requested} is taken`, 'pick another --port, or --port 0 for a free one');
    const port = await probePort(0);
    ctx.output.note(`port ${requested} is taken; Prism listens on ${port} instead (pass --port to insist on one)`);
    return port;
  }
}

async function runStateful(ctx: Context, options: Record<string, unknown>, portIsExplicit: boolean): Promise<void> {
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
  const settings = statefulSettings(options);
  const port = options['port'] as number;
  let mock: Awaited<ReturnType<typeof startMockServer>>;
  try {
    mock = await startMockServer({ ...settings, port, host: options['host'] as string, portFallback: !portIsExplicit });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw usageError(`port ${port} is taken`, 'pick another --port, or --port 0 for a free one');
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') throw usageError(`cannot listen on ${String(options['host'])}:${port} (${code})`, 'use --host 127.0.0.1 (the default), or an address of this machine');
    throw error;
  }
  // Listen for Ctrl-C before the banner says the mock is ready: a script that stops the mock
  // as soon as it reads the banner must get a clean close, not the default signal death.
  const stopped = untilStopped();
  if (mock.portFallback) ctx.output.note(`port ${port} is taken; the mock listens on ${mock.url} instead (pass --port to insist on one)`);
  announceStateful(ctx, mock, settings.environment);
  await stopped;
  await mock.close();
}

async function runPrism(ctx: Context, options: Record<string, unknown>, portIsExplicit: boolean): Promise<void> {
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
  const port = await prismPort(ctx, options['port'] as number, portIsExplicit);
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
    announcePrism(ctx, url);
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
    .description('serve a mock of the API until Ctrl-C: Prism, or the stateful mock with --stateful (Node ≥ 22.12)')
    .helpGroup('Tools:')
    .option('--stateful', 'serve the stateful mock (seeded data, auth, scopes, plans, rate limits, OAuth, control API) instead of Prism')
    .addOption(new Option('--port <port>', 'port to listen on; 0 picks a free one (a taken port you name is an error; the default falls back to a free one)').default(4010).argParser(integerParser('--port', 0, 65535)))
    .addOption(new Option('--host <address>', 'stateful: address to listen on, e.g. :: for every IPv4 and IPv6 interface').default('127.0.0.1'))
    .addOption(new Option('--seed <n>', 'stateful: seed of the data set (same seed, same data and key)').default(1).argParser(integerParser('--seed', 0, undefined)))
    .addOption(new Option('--environment <env>', 'stateful: which keys the mock accepts').choices(['sandbox', 'production']).default('sandbox'))
    .addOption(new Option('--plan <plan>', 'stateful: the plan (API keys free 2, starter 5, growth 20, enterprise unlimited; 10,000 requests/day on free and starter; IP allow-lists on enterprise)').choices(PLANS).default('growth'))
    .addOption(new Option('--daily-quota <n>', 'stateful: requests per key per UTC day, or "none" (default: the plan\'s)').argParser(limitParser('--daily-quota')))
    .addOption(new Option('--rate-limit <group=limit/seconds>', 'stateful: a rate-limit group\'s budget, e.g. default=5/1 or events=10/60 (repeatable; default default=300/60, events=100/60)').argParser(rateLimitParser))
    .addOption(new Option('--clock <mode>', 'stateful: running (moves with real time) or frozen (stays at --now until the control API advances it)').choices(['running', 'frozen']).default('running'))
    .addOption(new Option('--now <time>', 'stateful: the data clock\'s start, e.g. 2026-11-22T09:00:00Z (default: the real time)').argParser((v) => parseTime(v, '--now')))
    .addOption(
      new Option('--scenario <name>', `stateful: switch a failure scenario on (repeatable): ${SCENARIOS.join(', ')}`).argParser((value: string, previous: ScenarioName[] = []) => {
        const known = SCENARIOS.find((name) => name === value);
        if (!known) throw new InvalidArgumentError(`Unknown scenario; known: ${SCENARIOS.join(', ')}.`);
        return [...previous, known];
      }),
    )
    .addOption(new Option('--oauth-token-ttl <seconds>', 'stateful: lifetime of OAuth access tokens').default(900).argParser(integerParser('--oauth-token-ttl', 1, 31_536_000)))
    .option('--oauth-consent', 'stateful: show an Approve/Deny page at /oauth/authorize instead of approving at once')
    .addOption(new Option('--oauth-redirect-uri <uri>', 'stateful: the OAuth test clients\' redirect URI (repeatable; default http://127.0.0.1:8765/callback)').argParser(redirectUriParser))
    .addOption(new Option('--control-token <token>', 'stateful: the control API\'s bearer token (default: a random one, printed)').argParser(controlTokenParser));
  mock.addHelpText(
    'after',
    '\nThe mock prints its base URL, a ready key of its own (a mock credential, not a real key), the OAuth test\nclients and the control API\'s token, with export lines for OPSMERGE_BASE_URL and OPSMERGE_API_KEY.\nThe stateful mock needs Node ≥ 22.12; Prism needs Node ≥ 24.18.\n',
  );
  examples(mock, [
    'opsmerge mock',
    'opsmerge mock --stateful --port 4010',
    'opsmerge mock --stateful --plan free --daily-quota 100',
    'opsmerge mock --stateful --clock frozen --now 2026-11-22T09:00:00Z --seed 7',
    'opsmerge mock --stateful --rate-limit default=5/1 --scenario flaky',
  ]);
  builder.action(mock, async (ctx, _args, options, command) => {
    const portIsExplicit = command.getOptionValueSource('port') !== 'default';
    if (options['stateful'] === true) await runStateful(ctx, options, portIsExplicit);
    else await runPrism(ctx, options, portIsExplicit);
  });
}
