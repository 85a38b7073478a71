/**
 * A throw-away self-signed certificate for 127.0.0.1, made with the `openssl` CLI, and a
 * `fetch` that trusts it (undici's own fetch with an Agent, since Node's global fetch takes no
 * CA option). Nothing is written outside a temporary directory that is removed at once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';

/** A key and certificate in PEM. */
export interface SelfSigned {
  key: string;
  cert: string;
}

/** Whether the `openssl` CLI is there. */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Makes a P-256 certificate for IP 127.0.0.1, valid for one day. */
export function selfSigned(): SelfSigned {
  const dir = mkdtempSync(join(tmpdir(), 'opsmerge-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A `fetch` for createClient that trusts `cert`. Call `close()` when done. */
export function trustingFetch(cert: string): { fetch: typeof fetch; close(): Promise<void> } {
  const dispatcher = new Agent({ connect: { ca: cert } });
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = request.body ? await request.arrayBuffer() : null;
    const response = await undiciFetch(request.url, { method: request.method, headers: [...request.headers], body, redirect: 'manual', signal: request.signal, dispatcher });
    return new Response(response.body as ReadableStream<Uint8Array> | null, { status: response.status, statusText: response.statusText, headers: [...response.headers] });
  };
  return { fetch: fn as typeof fetch, close: () => dispatcher.close() };
}
