/**
 * `opsmerge contract --base-url URL [--write]`: the partner conformance run. It runs the
 * contract suite the package ships (conformance/: the same contracts `npm test` runs on
 * Prism and the MSW mock) in this process against one server, validating every response
 * against the spec, and prints one line per operation — PASS / FAIL / SKIP with the reason —
 * one per flow, and a summary. Exit code 1 when anything failed.
 */
import type { Command } from 'commander';
import { FAMILIES } from '../../conformance/families/index.js';
import { formatReport, runConformance } from '../../conformance/runner.js';
import { CliError, ExitCode, usageError } from '../exit-codes.js';
import { examples, type Builder } from '../program.js';
import { createProgress } from '../progress.js';

/** Adds `contract`. */
export function addContractCommand(program: Command, builder: Builder): void {
  const command = program
    .command('contract')
    .description('run the partner conformance suite against a server: PASS/FAIL per operation')
    .helpGroup('Tools:')
    .option('--write', 'also run the contracts that create, change and delete data (use a test organisation)')
    .option('--allow-insecure-http', 'allow plain http to a host other than this machine');
  command.addHelpText(
    'after',
    '\nNeeds --base-url (or OPSMERGE_BASE_URL, or a profile with a base URL) and an admin key of that server.\nRead-only unless --write. Exits 1 when any operation or flow fails.\n',
  );
  examples(command, [
    'opsmerge contract --base-url https://staging.partner.example/api',
    'opsmerge contract --base-url http://127.0.0.1:4010 --api-key om_test_… --write',
  ]);
  builder.action(command, async (ctx, _args, options) => {
    if (ctx.output.machine) throw usageError('contract prints a text table; --json and --ndjson are not supported', 'drop --json; the exit code says whether the server conforms');
    const { apiKey, baseUrl } = await ctx.credentials();
    if (baseUrl === undefined) throw usageError('contract needs the server to test', 'pass --base-url URL (e.g. http://127.0.0.1:4010 for `opsmerge mock --stateful`)');
    ctx.addSecret(apiKey);
    if (!URL.canParse(baseUrl)) {
      throw usageError(`--base-url is not a URL: ${baseUrl}`, 'pass the server without /v1, e.g. https://staging.partner.example/api');
    }

    const families = Object.values(FAMILIES);
    const total = families.reduce((n, f) => n + f.contracts.filter((c) => c.targets.includes('partner')).length, 0);
    const progress = createProgress(ctx.io.stderr, 'contracts');
    let done = 0;
    ctx.output.note(`Running ${total} contracts of ${families.length} families against ${baseUrl}${options['write'] === true ? ' (read and write)' : ' (read-only)'}…`);
    const report = await runConformance({
      baseUrl,
      apiKey,
      write: options['write'] === true,
      allowInsecureHttp: options['allowInsecureHttp'] === true,
      onResult: () => progress?.update(++done, total),
    });
    progress?.clear();
    for (const line of formatReport(report)) ctx.output.line(ctx.scrub(line));
    if (report.passed) return;
    const nothingPassed = report.operationCounts.PASS === 0 && report.operationCounts.FAIL === 0;
    throw new CliError(nothingPassed ? 'no operation passed: nothing was checked' : 'the server does not conform: see the FAIL lines above', {
      exitCode: ExitCode.other,
      code: 'CONTRACT_FAILED',
      hint: nothingPassed ? 'check that the key may read the server\'s data' : 'each failure is explained under "Failures:"',
    });
  });
}
