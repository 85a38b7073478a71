/**
 * Run in a child process by response-limits.test.ts, so its memory is this call's alone: one
 * call against a hostile body, with the resident set sampled every millisecond while it runs.
 * Prints one JSON line: what the call threw, the RSS before it and its peak during it.
 *
 * Arguments: the server's base URL, then `maxResponseBytes` (empty for the default).
 */
import { createClient, MemoryRateLimitStore } from '../../src/index.js';
import { KEY } from './helpers.js';

const [baseUrl = '', limit = ''] = process.argv.slice(2);
const client = createClient({
  apiKey: KEY,
  baseUrl,
  logLevel: 'off',
  maxRetries: 0,
  timeout: 60_000,
  rateLimit: { store: new MemoryRateLimitStore() },
  ...(limit === '' ? {} : { maxResponseBytes: Number(limit) }),
});

await client.auth.me(); // warm-up: fetch loaded, the pipeline compiled, the server's first answer
(globalThis as { gc?: () => void }).gc?.();
const rss = (): number => process.memoryUsage().rss;
const before = rss();
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, rss())), 1);
const started = performance.now();
let failure: { name: string; message: string; limitBytes: number | undefined } | undefined;
try {
  await client.auth.me();
} catch (error) {
  const { name, message, limitBytes } = error as { name: string; message: string; limitBytes?: number };
  failure = { name, message, limitBytes };
}
peak = Math.max(peak, rss());
clearInterval(sampler);
console.log(JSON.stringify({ failure, before, peak, ms: Math.round(performance.now() - started) }));
