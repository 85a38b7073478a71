/**
 * The partner conformance run from a checkout: `CONTRACT_BASE_URL=… CONTRACT_API_KEY=… npm run contract`.
 *
 * A thin wrapper over `runConformance` (conformance/), the same run as
 * `opsmerge contract --base-url URL [--write]`: every contract of the suite (the same contracts
 * `npm test` runs on Prism and the MSW mock) against one server, validating every response
 * against the spec, one line per operation: `operationId  METHOD path  PASS | FAIL | SKIP (reason)`.
 * Read-only operations only, unless CONTRACT_WRITE=1. Exits 1 on any failure, 2 on bad usage.
 *
 *   CONTRACT_BASE_URL              the server, e.g. http://127.0.0.1:4010 or https://staging.example.com/api
 *   CONTRACT_API_KEY               an admin key of that server (om_test_… / om_live_…)
 *   CONTRACT_WRITE=1               also run contracts that create, change and delete data
 *   CONTRACT_ALLOW_INSECURE_HTTP=1 allow plain http to a host other than loopback
 *   CONTRACT_VERBOSE=1             also print each contract's verdict as it finishes
 */
import { FAMILIES } from '../../conformance/families/index.js';
import { formatReport, runConformance } from '../../conformance/runner.js';
import { contractEnv } from '../../test/contract/support/targets.js';

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

const verbose = Boolean(process.env['CONTRACT_VERBOSE']);
console.log(`Running the contract suite (${Object.keys(FAMILIES).length} families) against ${env.baseUrl}…`);
const report = await runConformance({
  baseUrl: env.baseUrl,
  apiKey: env.apiKey,
  write: env.write,
  allowInsecureHttp: env.allowInsecureHttp,
  writeHint: 'CONTRACT_WRITE=1',
  onResult: verbose
    ? (r) => console.error(`${r.verdict} ${r.kind === 'flow' ? `flow "${r.title}"` : `${r.operationId} ${r.title}`} (${r.durationMs} ms)${r.reason ? `: ${r.reason.split('\n')[0]}` : ''}`)
    : undefined,
});
console.log('');
for (const line of formatReport(report, { writeHint: 'CONTRACT_WRITE=1' })) console.log(line);
process.exitCode = report.passed ? 0 : 1;
