/**
 * The `opsmerge` command tree (commander). Hand-written commands (whoami, login, keys,
 * events, mock, contract) sit next to the resource commands generated from the operations
 * table at run time.
 */
import { Command, Option } from 'commander';
import type { Action, Builder } from './builder.js';
import { addContractCommand } from './commands/contract.js';
import { addEventsCommand } from './commands/events.js';
import { addKeysCommand } from './commands/keys.js';
import { addLoginCommands } from './commands/login.js';
import { addMockCommand } from './commands/mock.js';
import { addResourceCommands, betaResourceNames } from './commands/resources.js';
import { addWhoamiCommand } from './commands/whoami.js';
import { Context, type GlobalOptions, type Io } from './context.js';
import { packageVersion } from './package-info.js';

const EXIT_CODES = `
Exit codes:
  0 success          3 authentication (no key, bad key, wrong environment)   6 rate limited
  1 other failure    4 permission (missing scope, role, plan)                7 server failed or unreachable
  2 usage            5 not found                                           130 cancelled
`;

/** Builds the program for one run. `beta` comes from a scan of the arguments before parsing. */
export function buildProgram(io: Io, beta: boolean): Command {
  const program = new Command('opsmerge');
  program
    .description('The OpsMerge API from the command line: check a key, list and fetch resources, send events, run the mocks and the partner conformance run.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .option('--api-key <key>', 'API key (om_live_… or om_test_…); prefer OPSMERGE_API_KEY or `opsmerge login`, as arguments are visible to other local users')
    .option('--base-url <url>', 'API base URL (default: the key\'s server; env OPSMERGE_BASE_URL)')
    .option('--profile <name>', 'use this stored profile (default: env OPSMERGE_PROFILE, else "default")')
    .addOption(new Option('--json', 'print JSON (one document) for scripts').conflicts('ndjson'))
    .addOption(new Option('--ndjson', 'print one JSON value per line (list items stream as pages arrive)').conflicts('json'))
    .option('--beta', 'offer beta resources and operations (they may change without notice)')
    .option('--debug', 'log every request to stderr (keys and tokens redacted)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      // Errors are printed by run(), as one line or as JSON.
      outputError: () => undefined,
    })
    .showSuggestionAfterError(true)
    // Every command's help lists the global options too (--api-key, --json…).
    .configureHelp({ showGlobalOptions: true })
    // Commands say their group; the help command goes with the tools.
    .commandsGroup('Tools:')
    .helpCommand('help [command]', 'show help for a command');

  const builder: Builder = {
    io,
    beta,
    action(command, action) {
      return command.action(async (...received: unknown[]) => {
        const self = received.pop() as Command;
        const options = received.pop() as Record<string, unknown>;
        const ctx = new Context(io, self.optsWithGlobals<GlobalOptions>());
        await action(ctx, received.map(String), options, self);
      });
    },
  };

  addWhoamiCommand(program, builder);
  addLoginCommands(program, builder);
  addKeysCommand(program, builder);
  addEventsCommand(program, builder);
  addResourceCommands(program, builder);
  addMockCommand(program, builder);
  addContractCommand(program, builder);

  const betaNames = betaResourceNames();
  program.addHelpText(
    'after',
    `${beta || betaNames.length === 0 ? '' : `\nBeta resources (add --beta): ${betaNames.join(', ')}\n`}
Credentials: --api-key, else OPSMERGE_API_KEY, else the profile stored by \`opsmerge login\`.
Output: a table on stdout; --json or --ndjson for scripts. Notes, progress and errors go to stderr.
${EXIT_CODES}
Examples:
  $ opsmerge login
  $ opsmerge whoami
  $ opsmerge agents list --status offline
  $ opsmerge tickets list --all --ndjson > tickets.ndjson
  $ opsmerge mock --stateful
`,
  );
  return program;
}
