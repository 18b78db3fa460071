/**
 * Every command of the `qwanyx` command line, in the order `--help` lists
 * them: each feature module's commands (`cli`), in the order of the module
 * list. A command lives beside its feature's module.
 */
import { featureModules } from '../modules/featureModules';
import type { CliCommand } from './CliCommand';

/** The commands, in the order of `qwanyx --help`. */
export const cliCommands: readonly CliCommand[] = featureModules.flatMap((module) => module.cli ?? []);
