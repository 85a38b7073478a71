/**
 * Starts Prism (`prism mock`) on the spec, on a free loopback port, and waits until it answers.
 * Used by vitest's global setup and by `npm run mock`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stopChild } from '../support/child.js';

const root = join(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningPrism {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startPrism(options: { port?: number; spec?: string; quiet?: boolean } = {}): Promise<RunningPrism> {
  const port = options.port ?? (await freePort());
  const spec = options.spec ?? join(root, 'openapi', 'openapi.yaml');
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules/@stoplight/prism-cli/dist/index.js'), 'mock', spec, '-p', String(port), '-h', '127.0.0.1', '--errors=false'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (!options.quiet) process.stdout.write(chunk);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Prism exited with code ${child.exitCode}:\n${output.slice(-2000)}`);
    try {
      await fetch(`${url}/v1/auth/me`, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill();
        throw new Error(`Prism did not start within 60 s:\n${output.slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    process: child,
    stop: async () => {
      await stopChild(child);
    },
  };
}
