/**
 * One run of the CLI: parse, dispatch, and turn any failure into one line on stderr (or a
 * JSON error with `--json`/`--ndjson`) and its exit code. Nothing here calls process.exit,
 * so output is flushed and tests can run it in-process.
 */
import { CommanderError, type Command } from 'commander';
import type { Io } from './context.js';
import { describeError, type Failure } from './describe-error.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { buildProgram } from './program.js';

/** Whether a flag appears before a `--` terminator (read before commander parses). */
function hasFlag(argv: readonly string[], flag: string): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes(flag);
}

/** The values of `--api-key` on the command line, to keep them out of error output. */
function keysIn(argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const keys: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === '--api-key' && argv[i + 1] !== undefined) keys.push(argv[i + 1]!);
    else if (arg.startsWith('--api-key=')) keys.push(arg.slice('--api-key='.length));
  });
  if (env['OPSMERGE_API_KEY']) keys.push(env['OPSMERGE_API_KEY']);
  return keys.filter((k) => k.length >= 8);
}

/** `opsmerge keys create` for `keys create --nme x`: the commands named on the line. */
function commandPath(program: Command, argv: readonly string[]): string {
  const names = ['opsmerge'];
  let current: Command = program;
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    const next = current.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!next) break;
    names.push(next.name());
    current = next;
  }
  return names.join(' ');
}

function usageFailure(error: CommanderError, where: string): Failure {
  return {
    exitCode: ExitCode.usage,
    code: 'USAGE',
    message: error.message.replace(/^error:\s*/i, '').replace(/\.$/, ''),
    hint: `see \`${where} --help\``,
  };
}

/** Ends a clause with one full stop. */
function sentence(text: string): string {
  return /[.…!?]$/.test(text) ? text : `${text}.`;
}

/** Writes a failure: one line naming the problem and the fix, or a JSON error object. */
export function printFailure(io: Io, failure: Failure, json: boolean, scrub: (text: string) => string): void {
  if (json) {
    const error = {
      code: failure.code,
      message: failure.message,
      ...(failure.hint === undefined ? {} : { hint: failure.hint }),
      exit_code: failure.exitCode,
      ...(failure.status === undefined ? {} : { status: failure.status }),
      ...(failure.requestId === undefined ? {} : { request_id: failure.requestId }),
      ...(failure.details === undefined ? {} : { details: failure.details }),
      ...(failure.bodySnippet === undefined ? {} : { body_snippet: failure.bodySnippet }),
      ...(failure.retryAfterSeconds === undefined ? {} : { retry_after_seconds: failure.retryAfterSeconds }),
    };
    io.stderr.write(`${scrub(JSON.stringify({ error }))}\n`);
    return;
  }
  const color = io.stderr.isTTY === true && (io.env['NO_COLOR'] ?? '') === '';
  const label = color ? '\u001b[31merror:\u001b[39m' : 'error:';
  const hint = failure.hint === undefined ? '' : ` Fix: ${sentence(failure.hint)}`;
  io.stderr.write(`${scrub(`${label} ${sentence(failure.message)}${hint}`).replace(/\s*\n\s*/g, ' ')}\n`);
}

/** Runs the CLI with `argv` (without node and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<ExitCodeValue> {
  const json = hasFlag(argv, '--json') || hasFlag(argv, '--ndjson');
  const secrets = keysIn(argv, io.env);
  const scrub = (text: string): string => secrets.reduce((out, key) => out.split(key).join('REDACTED'), text);
  let program: Command | undefined;
  try {
    program = buildProgram(io, hasFlag(argv, '--beta'));
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    let failure: Failure;
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
      // Help shown because a subcommand is missing (`opsmerge keys`): a usage error, help already printed.
      if (error.code === 'commander.help') return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      failure = usageFailure(error, program ? commandPath(program, argv) : 'opsmerge');
    } else {
      failure = describeError(error);
    }
    printFailure(io, failure, json, scrub);
    return failure.exitCode;
  }
}
