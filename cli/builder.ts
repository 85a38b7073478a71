/**
 * What the command modules share while they add their commands: the {@link Builder} that
 * `program.ts` hands them and the help helper. Its own module so that the commands never
 * import `program.ts`, which imports them.
 */
import type { Command } from 'commander';
import type { Context, Io } from './context.js';

/** What a command's action receives. */
export type Action = (ctx: Context, args: string[], options: Record<string, unknown>, command: Command) => Promise<void>;

/** Shared by the command modules while they add their commands. */
export interface Builder {
  readonly io: Io;
  /** Whether `--beta` is on the command line: beta resources are then offered. */
  readonly beta: boolean;
  /** Sets a command's action with a {@link Context} built from the global options. */
  action(command: Command, action: Action): Command;
}

/** Appends an "Examples:" section to a command's help. */
export function examples(command: Command, lines: readonly string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);
}
