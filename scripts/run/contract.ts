/**
 * The conformance run from a checkout: `CONTRACT_BASE_URL=… CONTRACT_API_KEY=… npm run contract`.
 *
 * A thin wrapper over `runConformance` (conformance/), the same run as
 * `opsmerge contract --base-url URL [--write]`: the named scenarios (the contracts `npm test` runs
 * on Prism and the MSW mock) and the checks generated from the spec, against one server.
 * Read-only unless CONTRACT_WRITE=1. Exits 1 on any failure, 2 on bad usage.
 *
 *   CONTRACT_BASE_URL              the server, e.g. http://127.0.0.1:4010 or https://staging.example.com/api
 *   CONTRACT_API_KEY               an admin key of that server (om_test_… / om_live_…)
 *   CONTRACT_WRITE=1               also create, change and delete data
 *   CONTRACT_ALLOW_INSECURE_HTTP=1 allow plain http to a host other than loopback
 *   CONTRACT_SEED=N                seed of the generated cases
 *   CONTRACT_VERBOSE=1             also print each scenario's verdict as it finishes
 */
import { parseSeed } from '../../conformance/options.js';
import { formatReport } from '../../conformance/report/text.js';
import { runConformance } from '../../conformance/run-conformance.js';
import { contractEnv } from '../../test/contract/support/targets.js';

const env = contractEnv();

if (!env.baseUrl || !env.apiKey) {
  console.error(
    [
      'usage: CONTRACT_BASE_URL=<server> CONTRACT_API_KEY=<admin key> [CONTRACT_WRITE=1] npm run contract',
      '',
      'Runs the OpsMerge conformance suite against <server>.',
      'Try it on the stateful mock: npm run mock:stateful, then use the URL and key it prints.',
    ].join('\n'),
  );
  process.exit(2);
}

const verbose = Boolean(process.env['CONTRACT_VERBOSE']);
const seed = process.env['CONTRACT_SEED'];
console.log(`Running the conformance suite against ${env.baseUrl}…`);
const report = await runConformance({
  baseUrl: env.baseUrl,
  apiKey: env.apiKey,
  write: env.write,
  allowInsecureHttp: env.allowInsecureHttp,
  writeHint: 'CONTRACT_WRITE=1',
  ...(seed ? { seed: parseSeed(seed) } : {}),
  onScenario: verbose
    ? (r) => console.error(`${r.verdict} ${r.kind === 'flow' ? `flow "${r.title}"` : `${r.operationId} ${r.title}`} (${r.durationMs} ms)${r.reason ? `: ${r.reason.split('\n')[0]}` : ''}`)
    : undefined,
});
console.log('');
for (const line of formatReport(report, { writeHint: 'CONTRACT_WRITE=1', verbose })) console.log(line);
process.exitCode = report.passed ? 0 : 1;
