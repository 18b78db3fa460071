/**
 * Reads a `qwanyx` command line against the command tables, with two strict
 * passes of node:util parseArgs. The first knows the flags of every command:
 * a flag no command has is reported as such, and the positionals name the
 * command and its subcommand. The second knows only that subcommand's flags
 * and the global ones, so a flag of another command is a usage error that
 * names the subcommand. Nothing here touches the core: bad usage is
 * reported before a data dir is opened.
 */
import { parseArgs } from 'node:util';
import type { CliCommand, CliFlagType, CliSubcommand } from '../../core/cli/CliCommand';
import type { FlagValue } from '../../core/cli/CliContext';
import { CliUsageError } from '../../core/cli/CliError';

/** parseArgs options: one flag each, repeated only when `multiple` (a `strings` flag). */
type Options = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/** A value as parseArgs gives it: a `strings` flag's is a list. */
type RawValue = FlagValue | (string | boolean)[];

/** The parseArgs option of a flag of type `type`. */
function optionOf(type: CliFlagType): Options[string] {
  return type === 'strings' ? { type: 'string', multiple: true } : { type };
}

/** The flags every command takes. */
const GLOBAL_OPTIONS: Options = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** A subcommand to run, with what the command line gives it. */
export interface CliInvocation {
  /** `task create`, or `search`: how a message names it. */
  readonly label: string;
  readonly subcommand: CliSubcommand;
  /** Its flags and the global ones, as given. */
  readonly flags: Record<string, FlagValue>;
  /** Its `strings` flags, each with every value given. */
  readonly lists: Record<string, string[]>;
  /** Its positional arguments. */
  readonly args: string[];
}

/** What a command line asks for. */
export interface CommandLine {
  /** `--data-dir`, when given. */
  readonly dataDir: string | undefined;
  /** `--help` or `-h` was given. */
  readonly help: boolean;
  /** What to run; null with `--help` or without a command (then the shell prints the usage). */
  readonly invocation: CliInvocation | null;
}

/** Parses `argv` (without the program name); bad usage throws a CliUsageError. */
export function parseCommandLine(argv: string[], commands: readonly CliCommand[]): CommandLine {
  const { values, positionals } = parse(argv, { ...GLOBAL_OPTIONS, ...optionsOfAll(commands) });
  const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined;
  const help = values.help === true;
  if (help || positionals.length === 0) return { dataDir, help, invocation: null };
  const [name = '', ...words] = positionals;
  const command = commands.find((c) => c.name === name);
  if (!command) throw new CliUsageError(`unknown command "${name}"; run qwanyx --help`);
  const { label, subcommand, args } = findSubcommand(command, words);
  const parsed = parseSubcommandFlags(argv, values, subcommand, label);
  const flags: Record<string, FlagValue> = {};
  const lists: Record<string, string[]> = {};
  for (const [flag, value] of Object.entries(parsed)) {
    if (Array.isArray(value)) lists[flag] = value.map(String);
    else flags[flag] = value;
  }
  checkPositionals(args, subcommand);
  return { dataDir, help, invocation: { label, subcommand, flags, lists, args } };
}

/** The subcommand the words after the command name (`create "Acme"`) ask for, and its positionals. */
function findSubcommand(command: CliCommand, words: string[]): Omit<CliInvocation, 'flags' | 'lists'> {
  if (!('subcommands' in command)) return { label: command.name, subcommand: command, args: words };
  const [name = '', ...args] = words;
  const subcommand = Object.hasOwn(command.subcommands, name) ? command.subcommands[name] : undefined;
  if (!subcommand) throw new CliUsageError(`usage: qwanyx ${groupUsage(command.name, command.subcommands)}`);
  return { label: `${command.name} ${name}`, subcommand, args };
}

/** The usage line of a subcommand on one line, as a usage error shows it. */
function oneLineUsage(subcommand: CliSubcommand): string {
  return subcommand.usage.replace(/\s+/g, ' ');
}

function parse(argv: string[], options: Options): { values: Record<string, RawValue>; positionals: string[] } {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (err) {
    throw new CliUsageError(err instanceof Error ? err.message : String(err));
  }
}

/** The options of every subcommand of `commands`; a flag declared with two types is a mistake in the tables. */
function optionsOfAll(commands: readonly CliCommand[]): Options {
  const types = new Map<string, CliFlagType>();
  for (const command of commands) {
    const subcommands = 'subcommands' in command ? Object.values(command.subcommands) : [command];
    for (const sub of subcommands) {
      for (const [flag, type] of Object.entries(sub.flags)) {
        if ((types.get(flag) ?? type) !== type) throw new Error(`--${flag} is a string in one command and a boolean in another`);
        types.set(flag, type);
      }
    }
  }
  return Object.fromEntries([...types].map(([flag, type]) => [flag, optionOf(type)]));
}

/**
 * The second pass: only the subcommand's flags and the global ones. `given`
 * (the first pass) names the first flag it refuses, in the order typed.
 */
function parseSubcommandFlags(argv: string[], given: Record<string, RawValue>, subcommand: CliSubcommand, label: string): Record<string, RawValue> {
  const options: Options = { ...GLOBAL_OPTIONS, ...Object.fromEntries(Object.entries(subcommand.flags).map(([flag, type]) => [flag, optionOf(type)])) };
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options }).values;
  } catch (err) {
    const unexpected = Object.keys(given).find((flag) => given[flag] !== undefined && !Object.hasOwn(options, flag));
    if (unexpected !== undefined) throw new CliUsageError(`unexpected option --${unexpected} for "${label}"`);
    throw new CliUsageError(err instanceof Error ? err.message : String(err));
  }
}

/** Throws a usage error unless the subcommand takes that many positional arguments. */
function checkPositionals(args: string[], subcommand: CliSubcommand): void {
  const wanted = subcommand.positionals ?? 0;
  const ok = typeof wanted === 'number' ? args.length === wanted : args.length >= wanted.min;
  if (!ok) throw new CliUsageError(`usage: qwanyx ${oneLineUsage(subcommand)}`);
}

/**
 * `message <post|list> --workspace W --room R …`: the subcommands and the
 * flags all of them require; or the usage of a command's only subcommand.
 */
function groupUsage(name: string, subcommands: Readonly<Record<string, CliSubcommand>>): string {
  const list = Object.values(subcommands);
  if (list.length === 1) return oneLineUsage(list[0]!);
  const [first, ...others] = list.map((sub) => requiredFlags(sub.usage));
  const common = first!.filter((flag) => others.every((flags) => flags.includes(flag)));
  return [`${name} <${Object.keys(subcommands).join('|')}>`, ...common, '…'].join(' ');
}

/** The flags a usage line requires, as written (`--workspace W`): those outside brackets and parentheses. */
function requiredFlags(usage: string): string[] {
  return [...usage.matchAll(/(?<=^|\s)--[a-z-]+ [A-Z]+(?=\s|$)/g)].map((m) => m[0]);
}
