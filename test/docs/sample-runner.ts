/**
 * Runs documentation samples — TypeScript modules, curl scripts and `opsmerge` command lines —
 * against the stateful mock over HTTP, as a reader would run them against the sandbox with
 * their key in `OPSMERGE_API_KEY`. A recording proxy in front of the mock notes every status
 * the mock answered, so a test can require that a sample really called the API and that
 * nothing it sent was refused.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { startMockServer } from '@opsmerge/mocks/server';
import { cliEnv, runInProcess, type CliResult } from '../cli/helpers.js';

/** One request the mock answered. */
export interface Answered {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

/** The stateful mock behind a recording proxy. */
export interface Sandbox {
  /** The proxy's base URL: what samples use instead of the sandbox's. */
  readonly url: string;
  /** The mock's ready key (`om_test_…`, scope `admin`). */
  readonly apiKey: string;
  /** Every request answered since the last {@link reset}. */
  readonly answered: Answered[];
  /** Back to the seeded data (and a fresh rate-limit window); forgets what was answered. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts the stateful mock and a recording proxy in front of it, both on 127.0.0.1. */
export async function startSandbox(): Promise<Sandbox> {
  const mock = await startMockServer({ port: 0 });
  const answered: Answered[] = [];
  const proxy: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && name !== 'host' && name !== 'connection') headers.set(name, value);
      const method = req.method ?? 'GET';
      const response = await fetch(`${mock.url}${req.url ?? '/'}`, { method, headers, ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}) });
      const body = Buffer.from(await response.arrayBuffer());
      answered.push({ method, path: new URL(req.url ?? '/', mock.url).pathname, status: response.status });
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (name !== 'content-encoding' && name !== 'transfer-encoding') out[name] = value;
      });
      res.writeHead(response.status, { ...out, 'content-length': String(body.length) }).end(body);
    })().catch((error: unknown) => res.writeHead(502).end(String(error)));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    get apiKey() {
      return mock.api.testKey;
    },
    answered,
    reset() {
      mock.api.reset();
      answered.length = 0;
    },
    async close() {
      await new Promise((resolve) => proxy.close(resolve));
      await mock.close();
    },
  };
}

/** The environment a sample runs with: the sandbox's key and base URL. */
export function sampleEnv(sandbox: Sandbox): Record<string, string> {
  return { OPSMERGE_API_KEY: sandbox.apiKey, OPSMERGE_BASE_URL: sandbox.url };
}

/** Imports a TypeScript module (written under the repository) with the sample's environment; its output is dropped. */
export async function runTypeScript(file: string, sandbox: Sandbox): Promise<void> {
  const saved = { key: process.env['OPSMERGE_API_KEY'], base: process.env['OPSMERGE_BASE_URL'] };
  const log = console.log;
  Object.assign(process.env, sampleEnv(sandbox));
  console.log = () => undefined;
  try {
    await import(file);
  } finally {
    console.log = log;
    for (const [name, value] of [['OPSMERGE_API_KEY', saved.key], ['OPSMERGE_BASE_URL', saved.base]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * Runs a curl sample with bash, its `serverUrl` (the sandbox's, as the page shows it) pointed
 * at `sandbox`. `curl` fails on any HTTP error status (`--fail-with-body`).
 */
export async function runCurl(script: string, serverUrl: string, sandbox: Sandbox): Promise<{ stdout: string; stderr: string }> {
  const wrapped = ['set -euo pipefail', 'curl() { command curl --silent --show-error --fail-with-body --max-time 20 "$@"; }', script.replaceAll(serverUrl, sandbox.url)].join('\n');
  return promisify(execFile)('bash', ['-c', wrapped], { env: { PATH: process.env['PATH'] ?? '', ...sampleEnv(sandbox) }, timeout: 30_000 });
}

/** Runs `opsmerge ARGV` in this process against the sandbox. */
export function runCli(argv: readonly string[], sandbox: Sandbox): Promise<CliResult> {
  return runInProcess(argv, { env: cliEnv({ env: sampleEnv(sandbox) }) });
}

/**
 * The words of a shell command line (`opsmerge keys create --name "CI bot"` → `opsmerge`,
 * `keys`, `create`, `--name`, `CI bot`): single and double quotes and backslash escapes, no
 * expansions. Throws on an unclosed quote.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} in: ${line}`);
  if (inWord) words.push(word);
  return words;
}
