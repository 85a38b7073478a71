/**
 * `opsmerge contract --base-url URL [--write] [--seed N] [--budget …] [--report …]`: the
 * conformance run — the named scenarios (hand-written contracts and flows) and the checks
 * generated from the spec — in this process against one server. Prints the scenario table, one
 * line per check, every failure with a curl line and the command that replays it, and the
 * conformance index and score; writes JUnit XML and JSON reports on request. Exit code 1 when
 * anything failed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { CHECK_NAMES, type CheckName } from '../../conformance/checks/names.js';
import { FAMILIES } from '../../conformance/families/index.js';
import { parseBudget, parseCheck, parseReportTarget, parseRequestTimeout, parseSeed, type ReportTarget } from '../../conformance/options.js';
import { PRISM_KNOWN_DEFECTS } from '../../conformance/prism.js';
import { toJson } from '../../conformance/report/json.js';
import { toJUnit } from '../../conformance/report/junit.js';
import { describeBudget, formatReport } from '../../conformance/report/text.js';
import { DEFAULT_BUDGET, DEFAULT_REQUEST_TIMEOUT_MS, ServerNotAnsweringError, runConformance, type ConformanceReport } from '../../conformance/run-conformance.js';
import type { Budget } from '../../conformance/run/context.js';
import { CliError, ExitCode, usageError } from '../exit-codes.js';
import { examples, type Builder } from '../builder.js';
import { createProgress } from '../progress.js';

/** Runs a parser of conformance/options.ts, turning its RangeError into a usage error. */
function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof RangeError) throw usageError(error.message, 'see `opsmerge contract --help`');
    throw error;
  }
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

async function writeReports(targets: readonly ReportTarget[], report: ConformanceReport, scrub: (text: string) => string): Promise<void> {
  for (const target of targets) {
    await mkdir(dirname(target.path), { recursive: true });
    await writeFile(target.path, scrub(target.format === 'junit' ? toJUnit(report) : toJson(report)));
  }
}

/** Adds `contract`. */
export function addContractCommand(program: Command, builder: Builder): void {
  const command = program
    .command('contract')
    .description('run the conformance suite against a server: named scenarios and checks generated from the spec')
    .helpGroup('Tools:')
    .option('--write', 'also create, change and delete data (use a test organisation); generated cases only touch what the run created')
    .option('--seed <n>', 'seed of the generated cases; the same seed replays them (default: random, printed)')
    .option('--budget <n|time>', `generated cases per operation and kind, or a time for the generated part (e.g. 25, 90s, 5m; default: ${describeBudget(DEFAULT_BUDGET)})`)
    .option('--timeout <time>', `longest wait for one answer (e.g. 10s, 2m, 500ms; default: ${DEFAULT_REQUEST_TIMEOUT_MS / 1000}s); after 3 requests in a row without one the run stops asking`)
    .option('--report <format:path>', 'also write a report: junit:PATH (JUnit XML) or json:PATH; repeatable', collect)
    .option('--operation <operationId>', 'only this operation (repeatable), e.g. to replay a failure', collect)
    .option('--check <name>', `only this check (repeatable): ${CHECK_NAMES.join(', ')}`, collect)
    .option('--stateless', 'the server keeps no state: skip the checks that need it')
    .option('--prism', "the server is Prism on the spec: --stateless, Prism's known defects waived by name, and no case it cannot know (an unknown query parameter)")
    .option('--include-internal', 'also check the internal operations (UI plumbing, no guarantees)')
    .option('--no-scenarios', 'skip the named scenarios (the hand-written contracts and flows)')
    .option('--no-generated', 'skip the generated checks')
    .option('--verbose', 'also list where each check did not run and why each unexercised response was not')
    .option('--allow-insecure-http', 'allow plain http to a host other than this machine');
  command.addHelpText(
    'after',
    '\nNeeds --base-url (or OPSMERGE_BASE_URL, or a profile with a base URL) and an admin key of that server.\nRead-only unless --write. Exits 1 when any scenario or check fails. Failures print a curl line\n(the key as $OPSMERGE_API_KEY) and the command that replays them.\n',
  );
  examples(command, [
    'opsmerge contract --base-url https://staging.partner.example/api',
    'opsmerge contract --base-url http://127.0.0.1:4010 --write --seed 42 --budget 25 --report junit:reports/conformance.xml',
    'opsmerge contract --base-url http://127.0.0.1:4010 --write --seed 42 --operation tickets_create --no-scenarios',
  ]);
  builder.action(command, async (ctx, _args, options) => {
    if (ctx.output.machine) throw usageError('contract prints a text report; --json and --ndjson are not supported', 'write a JSON report with --report json:PATH');
    const seed = options['seed'] === undefined ? undefined : parsed(() => parseSeed(String(options['seed'])));
    const budget: Budget = options['budget'] === undefined ? DEFAULT_BUDGET : parsed(() => parseBudget(String(options['budget'])));
    const requestTimeoutMs = options['timeout'] === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : parsed(() => parseRequestTimeout(String(options['timeout'])));
    const reports = parsed(() => ((options['report'] as string[] | undefined) ?? []).map(parseReportTarget));
    const checks: CheckName[] | undefined = options['check'] === undefined ? undefined : parsed(() => (options['check'] as string[]).map(parseCheck));
    const operations = options['operation'] as string[] | undefined;
    const { apiKey, baseUrl } = await ctx.credentials();
    if (baseUrl === undefined) throw usageError('contract needs the server to test', 'pass --base-url URL (e.g. http://127.0.0.1:4010 for `opsmerge mock --stateful`)');
    ctx.addSecret(apiKey);
    if (!URL.canParse(baseUrl)) throw usageError(`--base-url is not a URL: ${baseUrl}`, 'pass the server without /v1, e.g. https://staging.partner.example/api');

    const write = options['write'] === true;
    const scenarioCount = Object.values(FAMILIES).reduce((n, f) => n + f.contracts.filter((c) => c.targets.includes('partner')).length, 0);
    const progress = createProgress(ctx.io.stderr, 'steps');
    let scenariosDone = 0;
    ctx.output.note(`Running the conformance suite against ${baseUrl}${write ? ' (read and write)' : ' (read-only)'}…`);
    let report: ConformanceReport;
    try {
      report = await runConformance({
        baseUrl,
        apiKey,
        write,
        stateless: options['stateless'] === true || options['prism'] === true,
        ...(options['prism'] === true ? PRISM_KNOWN_DEFECTS : {}),
        allowInsecureHttp: options['allowInsecureHttp'] === true,
        requestTimeoutMs,
        budget,
        scenarios: options['scenarios'] !== false,
        generated: options['generated'] !== false,
        includeInternal: options['includeInternal'] === true,
        ...(seed === undefined ? {} : { seed }),
        ...(checks ? { checks } : {}),
        ...(operations ? { operations } : {}),
        onScenario: () => progress?.update(++scenariosDone, scenarioCount),
        onProgress: (done, total) => progress?.update(done, total),
      });
    } catch (error) {
      if (error instanceof Error && /^the spec has no operation /.test(error.message)) throw usageError(`--operation: ${error.message}`, 'name an operationId of the spec, e.g. tickets_create');
      if (error instanceof ServerNotAnsweringError) {
        throw new CliError(error.message, { exitCode: ExitCode.server, code: 'SERVER_NOT_ANSWERING', hint: 'check --base-url and that the server is up; a slow server may need a longer --timeout', cause: error });
      }
      throw error;
    } finally {
      progress?.clear();
    }
    for (const line of formatReport(report, { verbose: options['verbose'] === true })) ctx.output.line(ctx.scrub(line));
    await writeReports(reports, report, (text) => ctx.scrub(text));
    if (report.passed) return;
    const failed = (report.scenarios?.operationCounts.FAIL ?? 0) + (report.scenarios?.flowCounts.FAIL ?? 0) + (report.generated?.failures.length ?? 0);
    throw new CliError(failed === 0 ? 'nothing was checked' : 'the server does not conform: see the failures above', {
      exitCode: ExitCode.other,
      code: 'CONTRACT_FAILED',
      hint: failed === 0 ? "check that the key may read the server's data" : 'each failure has a curl line and the command that replays it',
    });
  });
}
