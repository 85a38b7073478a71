/**
 * Response bodies are read with a byte limit counted after decompression (`maxResponseBytes`):
 * a compression bomb, a 200 MB body or an endless one ends in a ResponseTooLargeError once the
 * limit is passed, the connection is closed, and the process's memory stays within the limit
 * plus a small overhead — measured in a child process, whose memory is the call's alone.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, InternalServerError, ResponseTooLargeError, TimeoutError, createClient } from '../../src/index.js';
import { exposedText } from '../support/exposed-text.js';
import { faults, me, type Fault } from './fault-server.js';
import { faultClient, KEY, rejectionOf, useFaultServer } from './helpers.js';

const server = useFaultServer();
const MiB = 1024 * 1024;
const DEFAULT_LIMIT = 10 * MiB;

/** A JSON list page that never ends: `{"data":{"items":[{…},{…},…`. */
const item = Buffer.from(`${JSON.stringify({ id: 'agt_01HZX4C9P2', hostname: 'NW-DC01', status: 'online', os: 'windows' })},`.repeat(512));
const listHead = '{"data":{"items":[';

/** The hostile bodies: each is far past any limit below. */
const hostile: Array<[string, (sent: { bytes: number }) => Fault]> = [
  ['a gzip stream of zeros that inflates without end (a compression bomb)', (sent) => faults.stream({ encoding: 'gzip', chunk: Buffer.alloc(256 * 1024), sent })],
  ['a brotli stream of zeros that inflates without end', (sent) => faults.stream({ encoding: 'br', chunk: Buffer.alloc(256 * 1024), sent })],
  ['a 200 MB JSON body with its Content-Length', (sent) => faults.stream({ total: 200_000_000, head: listHead, chunk: item, sent })],
  ['an endless chunked JSON body', (sent) => faults.stream({ head: listHead, chunk: item, sent })],
];

describe('a body past the limit ends in a ResponseTooLargeError', () => {
  it.each(hostile)('%s, with the default limit of 10 MiB', async (_name, fault) => {
    const sent = { bytes: 0 };
    server.respond(fault(sent));
    const started = performance.now();
    const error = await rejectionOf(faultClient(server).auth.me());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ limitBytes: DEFAULT_LIMIT, status: 200, method: 'GET', path: '/v1/auth/me', requestId: server.requests[0]!.requestId });
    expect((error as Error).message).toMatch(/^200 on GET \/v1\/auth\/me \(request req_fault\d+\): the body passed maxResponseBytes \(10485760 bytes\) and was not read further$/);
    expect(exposedText(error)).not.toContain(KEY);
    expect(performance.now() - started).toBeLessThan(20_000);
    // The connection is closed: the server stops well short of what it would send.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent.bytes).toBeLessThan(64 * MiB);
    expect(server.requests).toHaveLength(1); // never retried: the same request gets the same body
  });

  it('from the low-level client too', async () => {
    server.respond(faults.stream({ encoding: 'gzip', chunk: Buffer.alloc(256 * 1024) }));
    const error = await rejectionOf(faultClient(server, { maxResponseBytes: MiB }).GET('/v1/auth/me'));
    expect(error).toMatchObject({ name: 'ResponseTooLargeError', limitBytes: MiB, status: 200 });
  });

  it('counts decoded bytes: a small gzip body that inflates past the limit fails, and its compressed size does not matter', async () => {
    const sent = { bytes: 0 };
    server.respond(faults.stream({ encoding: 'gzip', total: 2 * MiB, head: listHead, chunk: Buffer.alloc(64 * 1024, 0x20), sent }));
    const error = await rejectionOf(faultClient(server, { maxResponseBytes: MiB }).auth.me());
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(sent.bytes).toBeLessThan(64 * 1024); // 2 MiB of spaces gzip to a few kB
  });

  it('accepts a body of exactly the limit, and refuses one byte more; per call as well as per client', async () => {
    const size = Buffer.byteLength(JSON.stringify(me));
    server.respond(faults.ok());
    await expect(faultClient(server, { maxResponseBytes: size }).auth.me()).resolves.toEqual(me.data);
    await expect(faultClient(server).auth.me({ maxResponseBytes: size })).resolves.toEqual(me.data);
    await expect(faultClient(server, { maxResponseBytes: size - 1 }).auth.me()).rejects.toMatchObject({ name: 'ResponseTooLargeError', limitBytes: size - 1 });
    await expect(faultClient(server).auth.me({ maxResponseBytes: size - 1 })).rejects.toMatchObject({ name: 'ResponseTooLargeError', limitBytes: size - 1 });
    await expect(faultClient(server, { maxResponseBytes: size }).GET('/v1/auth/me', { maxResponseBytes: size - 1 } as never)).rejects.toMatchObject({ limitBytes: size - 1 });
  });

  it('an error body is cut at 1 MiB instead: the status still becomes its typed error, and a 503 is still retried', async () => {
    const sent = { bytes: 0 };
    server.respond(faults.stream({ status: 503, head: '<html>', chunk: Buffer.alloc(64 * 1024, 0x61), sent }));
    const error = await rejectionOf(faultClient(server, { maxRetries: 1 }).auth.me());
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503, code: 'HTTP_503' });
    expect(server.requests).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent.bytes).toBeLessThan(32 * MiB);
  });

  it('the deadline still covers the body: a body that trickles in under the limit times out', async () => {
    server.respond((_req, res, { id }) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': id });
      res.write('{"data":');
      const timer = setInterval(() => res.write(' '), 10);
      res.on('close', () => clearInterval(timer));
    });
    const started = performance.now();
    const error = await rejectionOf(faultClient(server, { timeout: 300, maxRetries: 0 }).auth.me());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('maxResponseBytes is checked before any I/O', () => {
  const wrong: unknown[] = [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '10485760', null, true, 2 ** 60];
  it.each(wrong.map((value) => [String(value), value]))('createClient refuses %s', (_name, value) => {
    expect(() => createClient({ apiKey: KEY, baseUrl: server.url, maxResponseBytes: value as number })).toThrow(ConfigurationError);
    expect(() => createClient({ apiKey: KEY, baseUrl: server.url, maxResponseBytes: value as number })).toThrow(/maxResponseBytes/);
  });

  it.each(wrong.filter((value) => value !== null).map((value) => [String(value), value]))('a call refuses %s, sending nothing', async (_name, value) => {
    server.respond(faults.ok());
    await expect(faultClient(server).auth.me({ maxResponseBytes: value as number })).rejects.toThrow(/maxResponseBytes/);
    await expect(faultClient(server).GET('/v1/auth/me', { maxResponseBytes: value } as never)).rejects.toThrow(/maxResponseBytes/);
    expect(server.requests).toHaveLength(0);
  });
});

// ---- Memory, in a child process ----------------------------------------------------------------

const CHILD = fileURLToPath(new URL('./memory-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Measured {
  failure?: { name: string; message: string; limitBytes?: number };
  before: number;
  peak: number;
  ms: number;
}

/** Runs one call in a fresh process against `fault` (after one good answer to warm up). */
function measure(fault: Fault, limit?: number): Promise<Measured> {
  server.respond(faults.ok(), fault);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, server.url, limit === undefined ? '' : String(limit)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`the child exited with ${code}: ${err.slice(0, 2000)}`));
      else resolve(JSON.parse(line) as Measured);
    });
  });
}

// What streaming a body costs beyond the bytes kept, whatever the limit: fetch's own copies of
// each chunk, waiting for the garbage collector, the decompressor's window, V8's heap growing
// around the reads. Measured on Node 24 here: 24–30 MiB past the 10-MiB limit, and 44 MiB past
// the body when plain `fetch(…).arrayBuffer()` reads the same 10 MiB. Without the limit, each
// body below grows the process by hundreds of MiB before it ends, or without end.
const OVERHEAD = 40 * MiB;

describe('memory stays within the limit plus a small overhead (measured in a child process)', () => {
  it.each(hostile)('%s', { timeout: 120_000 }, async (_name, fault) => {
    const result = await measure(fault({ bytes: 0 }));
    expect(result.failure).toMatchObject({ name: 'ResponseTooLargeError', limitBytes: DEFAULT_LIMIT });
    expect(result.peak - result.before).toBeLessThan(DEFAULT_LIMIT + OVERHEAD);
  });

  it('and the measure would catch more: with a limit of 96 MiB, the peak grows past the 10-MiB bound', { timeout: 120_000 }, async () => {
    const result = await measure(faults.stream({ head: listHead, chunk: item }), 96 * MiB);
    expect(result.failure).toMatchObject({ name: 'ResponseTooLargeError', limitBytes: 96 * MiB });
    expect(result.peak - result.before).toBeGreaterThan(DEFAULT_LIMIT + OVERHEAD);
  });
});
