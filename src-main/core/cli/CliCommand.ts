/**
 * The tables the `qwanyx` command line is made of. A command (`workspace`)
 * holds subcommands (`create`, `list`, …), or runs alone (`search`, `ask`,
 * `audit`). Each declares its usage line, its flags and how many positional
 * arguments it takes: the shell parses a command line against those flags
 * only, so a flag the subcommand does not declare is a usage error, and
 * `--help` is printed from the same tables.
 */
import type { CliContext } from './CliContext';

/** How a flag takes its value: `--workspace W` (a string), `--json` (a boolean), or `--env K=V` given any number of times (`strings`: CliContext.lists). */
export type CliFlagType = 'string' | 'boolean' | 'strings';

/** One thing the command line does, such as `qwanyx task create`. */
export interface CliSubcommand {
  /**
   * Its usage after `qwanyx`, such as `workspace create <name> [--solo] [--json]`:
   * its line in `--help`, and the message of a usage error. A line break
   * (followed by the indentation of the next line) is where `--help` wraps it.
   */
  readonly usage: string;
  /** Lines `--help` prints in the notes column beside or below the usage: what a flag does, a file's format. */
  readonly notes?: readonly string[];
  /** Its flags, besides the global ones (`--data-dir`, `--help`). */
  readonly flags: Readonly<Record<string, CliFlagType>>;
  /**
   * How many positional arguments it takes: exactly that many (0 when not
   * given), or at least `min` (then `run` checks them itself).
   */
  readonly positionals?: number | { readonly min: number };
  /** Runs it: a refusal of the core throws a CliCommandError, bad input a CliUsageError. */
  run(ctx: CliContext, args: string[]): Promise<void>;
}

/** A command with subcommands: `qwanyx <name> <subcommand> …`. */
export interface CliCommandGroup {
  readonly name: string;
  /** In the order `--help` lists them. */
  readonly subcommands: Readonly<Record<string, CliSubcommand>>;
}

/** A command without subcommands: `qwanyx <name> …`. */
export interface CliSingleCommand extends CliSubcommand {
  readonly name: string;
}

/** A command of the `qwanyx` command line. */
export type CliCommand = CliCommandGroup | CliSingleCommand;
