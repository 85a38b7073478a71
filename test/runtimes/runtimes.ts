/**
 * The runtimes of the matrix and how each runs the scenario (scenario.ts) with the packed SDK:
 *
 * - Node 20, 22, 24, Deno and Bun run `run.mjs` in the consumer project, so each resolves
 *   `@opsmerge/sdk` through the installed package's `exports` on its own.
 * - Chromium (Debian's, driven by playwright-core) loads the scenario bundled with the SDK
 *   into a page on one loopback origin, calling the API on another: every call crosses
 *   origins under CORS.
 * - workerd (Cloudflare's runtime, through miniflare, without `nodejs_compat`) and Vercel's
 *   edge-runtime run the bundle as a worker answering one request.
 *
 * Each runtime first says whether it can run here (its version, or why not): a runtime that
 * is not installed is a skip with that reason, never a pass.
 */
import { spawn } from 'node:child_process';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { nodeBinary, root } from '../package/support.js';

/** Where a runtime runs the scenario: the consumer project, the API, its key. */
export interface RunContext {
  /** The consumer project: `node_modules/@opsmerge/sdk` from the tarball and the files of {@link prepareScenario}. */
  readonly consumer: string;
  readonly apiUrl: string;
  readonly apiKey: string;
}

export type Availability = { readonly available: true; readonly version: string } | { readonly available: false; readonly reason: string };

export interface Runtime {
  readonly name: string;
  /** Whether it runs on this machine. */
  readonly probe: () => Promise<Availability>;
  /** Runs the scenario; resolves to its report (JSON). */
  readonly run: (context: RunContext) => Promise<unknown>;
  /** The scenario runs in a page whose origin differs from the API's. */
  readonly crossOrigin?: boolean;
}

const RESULT = 'RESULT ';
const RUN_TIMEOUT_MS = 60_000;
const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);

/** The version of an installed package of the repository. */
async function installedVersion(name: string): Promise<string> {
  return (JSON.parse(await readFile(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Runs a program to completion: exit code and output. */
function execute(bin: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? RUN_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A program's `--version` output, or why it does not run. */
async function versionOf(bin: string, args: readonly string[] = ['--version']): Promise<Availability> {
  if (!(await exists(bin))) return { available: false, reason: `${bin.replace(root, '.')} is not installed` };
  const result = await execute(bin, args, { timeoutMs: 20_000 }).catch((error: Error) => ({ code: -1, stdout: '', stderr: error.message }));
  if (result.code !== 0) return { available: false, reason: `${bin.replace(root, '.')} --version failed: ${result.stderr.trim().split('\n')[0] ?? ''}` };
  return { available: true, version: result.stdout.trim().split('\n')[0]!.replace(/^v/, '') };
}

/** Runs run.mjs with a command-line runtime and reads the report from its `RESULT` line. */
async function runCli(bin: string, args: readonly string[], context: RunContext, env: NodeJS.ProcessEnv = {}): Promise<unknown> {
  const result = await execute(bin, [...args, 'run.mjs', context.apiUrl, context.apiKey], { cwd: context.consumer, env: { PATH: process.env['PATH'] ?? '', ...env } });
  const line = result.stdout.split('\n').find((l) => l.startsWith(RESULT));
  if (line === undefined) throw new Error(`no report (exit code ${result.code}):\n${(result.stderr || result.stdout).slice(-2000)}`);
  return JSON.parse(line.slice(RESULT.length));
}

/** Node of a major version: the machine's own Node 20, the registry's 22, this process's 24. */
function node(major: number): Runtime {
  let bin: string | undefined;
  return {
    name: `Node ${major}`,
    probe: async () => {
      try {
        const found = await nodeBinary(major);
        bin = found.bin;
        return { available: true, version: `${found.version} (${found.source})` };
      } catch (error) {
        return { available: false, reason: `no Node ${major}: ${(error as Error).message.split('\n')[0]}` };
      }
    },
    run: (context) => runCli(bin!, [], context),
  };
}

const DENO = join(root, 'node_modules', '.bin', 'deno');
const BUN = join(root, 'node_modules', '.bin', 'bun');
// Their caches go to the temp dir: never to HOME, never into the repository.
const DENO_ENV = { DENO_DIR: join(tmpdir(), 'opsmerge-deno-dir'), DENO_NO_UPDATE_CHECK: '1' };
const BUN_ENV = { BUN_INSTALL_CACHE_DIR: join(tmpdir(), 'opsmerge-bun-cache') };

const deno: Runtime = {
  name: 'Deno',
  probe: () => versionOf(DENO),
  // Network to loopback and reading the project only; no environment access (the SDK must cope).
  run: (context) => runCli(DENO, ['run', '--no-prompt', '--allow-net=127.0.0.1', `--allow-read=${context.consumer}`], context, DENO_ENV),
};

const bun: Runtime = {
  name: 'Bun',
  probe: () => versionOf(BUN),
  run: (context) => runCli(BUN, [], context, BUN_ENV),
};

/** Debian's Chromium unless `CHROMIUM_PATH` names another. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const chromium: Runtime = {
  name: 'Chromium',
  crossOrigin: true,
  probe: () => versionOf(CHROMIUM, ['--headless', '--no-sandbox', '--version']),
  run: async (context) => {
    const { chromium: launcher } = await import('playwright-core');
    const files: Record<string, { type: string; path: string }> = {
      '/': { type: 'text/html', path: join(context.consumer, 'page.html') },
      '/scenario.js': { type: 'text/javascript', path: join(context.consumer, 'browser.mjs') },
    };
    const pages = createServer((req, res) => {
      const file = files[req.url ?? '/'];
      if (!file) return void res.writeHead(404).end();
      readFile(file.path).then(
        (body) => res.writeHead(200, { 'Content-Type': file.type }).end(body),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    const browser = await launcher.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const consoleErrors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      await page.goto(`${origin}/`);
      await page.waitForFunction('typeof window.runScenario === "function"', undefined, { timeout: 20_000 });
      const report = await page.evaluate(([base, key]) => (window as unknown as { runScenario(b: string, k: string): Promise<unknown> }).runScenario(base!, key!), [context.apiUrl, context.apiKey]);
      return { ...(report as object), pageOrigin: origin, consoleErrors };
    } finally {
      await browser.close();
      pages.closeAllConnections();
      await new Promise((resolve) => pages.close(resolve));
    }
  },
};

/** A worker's request: the scenario's arguments in the query. */
const workerUrl = (origin: string, context: RunContext): string => `${origin}/?base=${encodeURIComponent(context.apiUrl)}&key=${encodeURIComponent(context.apiKey)}`;

const workerd: Runtime = {
  name: 'workerd (miniflare)',
  probe: async () => {
    try {
      const { Miniflare } = await import('miniflare');
      const mf = new Miniflare({ modules: true, script: 'export default { fetch: () => new Response(navigator.userAgent) }', compatibilityDate: '2025-09-01' });
      try {
        const res = await mf.dispatchFetch('http://probe/');
        return { available: true, version: `${await res.text()}, workerd ${await installedVersion('workerd')} through miniflare ${await installedVersion('miniflare')}` };
      } finally {
        await mf.dispose();
      }
    } catch (error) {
      return { available: false, reason: `miniflare cannot start workerd: ${(error as Error).message.split('\n')[0]}` };
    }
  },
  run: async (context) => {
    const { Miniflare } = await import('miniflare');
    // No compatibility flags: in particular no nodejs_compat, so no node: modules and no process.
    const mf = new Miniflare({ modules: true, script: await readFile(join(context.consumer, 'worker.mjs'), 'utf8'), compatibilityDate: '2025-09-01' });
    try {
      const res = await mf.dispatchFetch(workerUrl('http://worker', context));
      return await res.json();
    } finally {
      await mf.dispose();
    }
  },
};

const edge: Runtime = {
  name: 'edge-runtime',
  probe: async () => {
    try {
      const { EdgeRuntime } = await import('edge-runtime');
      const runtime = new EdgeRuntime({ initialCode: '' });
      const name = runtime.evaluate<string>('EdgeRuntime');
      return { available: true, version: `${name} ${await installedVersion('edge-runtime')}` };
    } catch (error) {
      return { available: false, reason: `edge-runtime does not load: ${(error as Error).message.split('\n')[0]}` };
    }
  },
  run: async (context) => {
    const { EdgeRuntime } = await import('edge-runtime');
    const runtime = new EdgeRuntime({ initialCode: await readFile(join(context.consumer, 'edge.js'), 'utf8') });
    const res = await runtime.dispatchFetch(workerUrl('http://edge.local', context));
    const report: unknown = await res.json();
    await res.waitUntil();
    return report;
  },
};

export const RUNTIMES: readonly Runtime[] = [node(20), node(22), node(24), deno, bun, chromium, workerd, edge];

/**
 * Writes the scenario into the consumer project: `scenario.mjs` (scenario.ts, importing the
 * installed `@opsmerge/sdk`), `run.mjs` for command-line runtimes, and bundles with the SDK
 * inside for the page (`browser.mjs`, `page.html`), workerd (`worker.mjs`) and edge-runtime
 * (`edge.js`, a classic script).
 */
export async function prepareScenario(consumer: string): Promise<void> {
  await mkdir(consumer, { recursive: true });
  // @opsmerge/* stays an import: esbuild would otherwise follow tsconfig.json's paths into src/.
  await build({ entryPoints: [join(root, 'test', 'runtimes', 'scenario.ts')], outfile: join(consumer, 'scenario.mjs'), bundle: true, external: ['@opsmerge/*'], format: 'esm', platform: 'neutral', target: 'es2022', logLevel: 'warning' });
  await writeFile(
    join(consumer, 'run.mjs'),
    `import { runScenario } from './scenario.mjs';
const args = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
console.log(${JSON.stringify(RESULT)} + JSON.stringify(await runScenario(args[0], args[1])));
`,
  );
  await writeFile(
    join(consumer, 'page.html'),
    `<!doctype html><title>runtime matrix</title>
<script type="module">import { runScenario } from '/scenario.js'; window.runScenario = runScenario;</script>
`,
  );
  // Bundled from the consumer project, so the SDK comes from its node_modules (the tarball).
  const bundle = (contents: string, outfile: string, format: 'esm' | 'iife') =>
    build({ stdin: { contents, resolveDir: consumer, loader: 'js' }, outfile: join(consumer, outfile), bundle: true, format, platform: 'browser', target: 'es2022', tsconfigRaw: '{}', logLevel: 'warning' });
  await bundle(`export { runScenario } from './scenario.mjs';`, 'browser.mjs', 'esm');
  await bundle(
    `import { runScenario } from './scenario.mjs';
export default {
  async fetch(request) {
    const url = new URL(request.url);
    return Response.json(await runScenario(url.searchParams.get('base'), url.searchParams.get('key')));
  },
};`,
    'worker.mjs',
    'esm',
  );
  await bundle(
    `import { runScenario } from './scenario.mjs';
addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  event.respondWith(runScenario(url.searchParams.get('base'), url.searchParams.get('key')).then((report) => Response.json(report)));
});`,
    'edge.js',
    'iife',
  );
}
