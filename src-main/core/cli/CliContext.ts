/** What a command of the `qwanyx` command line runs with: the core, its flags, its output and its input. */
import type { Core } from '../Core';

/** What the CLI reads from its standard input. */
export interface CliStdin {
  isTTY: boolean;
  /** The next line, or null at the end of the input. */
  readLine(): Promise<string | null>;
}

/** The value of a flag as `node:util` parseArgs gives it: a string, `true`, or undefined when not given. */
export type FlagValue = string | boolean | undefined;

/** What a subcommand runs with. */
export interface CliContext {
  core: Core;
  /** The flags given: only those the subcommand declares, and the global ones. */
  flags: Record<string, FlagValue>;
  /** The values of its `strings` flags, in the order typed (absent or empty when not given). */
  lists?: Record<string, string[]>;
  out: (line: string) => void;
  /** A line on stderr that is not an error (a prompt). */
  err: (line: string) => void;
  stdin: CliStdin;
}
