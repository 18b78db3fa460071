/**
 * Every command of the `qwanyx` command line, in the order `--help` lists
 * them: each feature module's commands (`cli`), in the order of the module
 * list. A command lives beside its feature's module. Groups of the same
 * name from several modules are one command (`member erase` comes from the
 * erasure module, the other `member` subcommands from the members module).
 */
import { featureModules } from '../modules/featureModules';
import type { CliCommand } from './CliCommand';

/** The commands, in the order of `qwanyx --help`. */
export const cliCommands: readonly CliCommand[] = mergeGroups(featureModules.flatMap((module) => module.cli ?? []));

/** `commands` with each group's later namesakes folded into it (their subcommands after its own). */
function mergeGroups(commands: readonly CliCommand[]): CliCommand[] {
  const out: CliCommand[] = [];
  for (const command of commands) {
    const at = out.findIndex((c) => c.name === command.name);
    const first = out[at];
    if (!first || !('subcommands' in first) || !('subcommands' in command)) {
      out.push(command);
      continue;
    }
    out[at] = { name: first.name, subcommands: { ...first.subcommands, ...command.subcommands } };
  }
  return out;
}
