/**
 * `opsmerge contract --base-url URL [--write]`: the partner conformance run. It delegates to
 * the contract suite's entry, scripts/contract.ts (vitest over test/contract/, the same
 * contracts `npm test` runs on Prism and the MSW mock), passing the server and key as
 * CONTRACT_* variables, and forwards its table: one line per operation, PASS / FAIL / SKIP.
 * The suite and vitest live in the SDK's repository, not in the published package, so the
 * command runs from a checkout (`npm ci`, then `npx tsx src/cli/main.ts contract …`).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { CliError, ExitCode, usageError } from '../exit-codes.js';
import { packageRoot } from '../package-info.js';
import { examples, type Builder } from '../program.js';

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
    '\nNeeds --base-url (or OPSMERGE_BASE_URL, or a profile with a base URL) and an admin key of that server.\nExits 1 when any operation fails. Runs from a checkout of the SDK repository (it uses the repository\'s contract suite and vitest).\n',
  );
  examples(command, [
    'opsmerge contract --base-url https://staging.partner.example/api',
    'opsmerge contract --base-url http://127.0.0.1:4010 --api-key om_test_… --write',
  ]);
  builder.action(command, async (ctx, _args, options) => {
    if (ctx.output.machine) throw usageError('contract prints a text table; --json and --ndjson are not supported', 'drop --json; the exit code says whether the server conforms');
    const { apiKey, baseUrl } = await ctx.credentials();
    if (baseUrl === undefined) throw usageError('contract needs the server to test', 'pass --base-url URL (e.g. http://127.0.0.1:4010 for `opsmerge mock --stateful`)');
    const root = packageRoot();
    const entry = join(root, 'scripts', 'contract.ts');
    if (!existsSync(entry) || !existsSync(join(root, 'test', 'contract'))) {
      throw new CliError('the conformance suite is not part of the installed package', {
        exitCode: ExitCode.other,
        code: 'CONTRACT_UNAVAILABLE',
        hint: 'run it from a checkout of the SDK repository: npm ci, then npx tsx src/cli/main.ts contract --base-url URL',
      });
    }
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 12)) {
      throw new CliError(`the conformance suite runs on vitest 5, which needs Node ≥ 22.12; this is Node ${process.versions.node}`, {
        exitCode: ExitCode.other,
        code: 'CONTRACT_UNAVAILABLE',
        hint: 'run it with the repository\'s pinned Node 24 (npx node …) or a newer Node',
      });
    }
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: root,
      env: {
        ...ctx.io.env,
        CONTRACT_BASE_URL: baseUrl,
        CONTRACT_API_KEY: apiKey,
        CONTRACT_WRITE: options['write'] === true ? '1' : '',
        CONTRACT_ALLOW_INSECURE_HTTP: options['allowInsecureHttp'] === true ? '1' : '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => void ctx.io.stdout.write(ctx.scrub(chunk.toString())));
    child.stderr.on('data', (chunk: Buffer) => void ctx.io.stderr.write(ctx.scrub(chunk.toString())));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code === 0) return;
    throw new CliError(code === 1 ? 'the server does not conform: see the FAIL lines above' : `the conformance run stopped with exit code ${code ?? 'none'}`, {
      exitCode: ExitCode.other,
      code: 'CONTRACT_FAILED',
      hint: code === 1 ? 'each failure is explained under "Failures:"' : 'see its output above',
    });
  });
}
