/**
 * The partner conformance run: `CONTRACT_BASE_URL=… CONTRACT_API_KEY=… npm run contract`.
 *
 * Runs the contract suite (test/contract/<family>.test.ts, the same contracts that run on Prism
 * and the MSW mock in `npm test`) against one server, validating every response against the
 * spec, and prints one line per operation: `operationId  METHOD path  PASS | FAIL | SKIP (reason)`.
 * Read-only operations only, unless CONTRACT_WRITE=1. Exits 1 on any failure, 2 on bad usage.
 *
 *   CONTRACT_BASE_URL              the server, e.g. http://127.0.0.1:4010 or https://staging.example.com/api
 *   CONTRACT_API_KEY               an admin key of that server (om_test_… / om_live_…)
 *   CONTRACT_WRITE=1               also run contracts that create, change and delete data
 *   CONTRACT_ALLOW_INSECURE_HTTP=1 allow plain http to a host other than loopback
 *   CONTRACT_VERBOSE=1             also print vitest's own per-test output
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startVitest } from 'vitest/node';
import { ConformanceReporter } from '../test/contract/support/conformance-reporter.js';
import { contractEnv } from '../test/contract/support/targets.js';

const root = join(import.meta.dirname, '..');
const env = contractEnv();

if (!env.baseUrl || !env.apiKey) {
  console.error(
    [
      'usage: CONTRACT_BASE_URL=<server> CONTRACT_API_KEY=<admin key> [CONTRACT_WRITE=1] npm run contract',
      '',
      'Runs the OpsMerge contract suite against <server> and prints PASS/FAIL/SKIP per operation.',
      'Try it on the stateful mock: npm run mock:stateful, then use the URL and key it prints.',
    ].join('\n'),
  );
  process.exit(2);
}

// One test file per family; the family modules list them.
const files = readdirSync(join(root, 'test/contract/families'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => `test/contract/${f.replace(/\.ts$/, '.test.ts')}`);

const reporter = new ConformanceReporter({ baseUrl: env.baseUrl, write: env.write });
console.log(`Running the contract suite (${files.length} families) against ${env.baseUrl}…`);

const vitest = await startVitest(
  'test',
  [],
  {
    root,
    config: false, // no vitest.config.ts: no Prism global setup, no type tests
    include: files,
    reporters: process.env['CONTRACT_VERBOSE'] ? ['default', reporter] : [reporter],
    watch: false,
    // One server, one key: run the families one after the other, so writes and the key's rate
    // limit behave as they would for a single integrator.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 30_000,
    passWithNoTests: false,
  },
);
await vitest.close();
process.exit(reporter.failed ? 1 : 0);
