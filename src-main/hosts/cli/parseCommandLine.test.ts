import { describe, expect, it } from 'vitest';
import type { CliCommand, CliSubcommand } from '../../core/cli/CliCommand';
import { cliCommands } from '../../core/cli/cliCommands';
import { CliUsageError } from '../../core/cli/CliError';
import { parseCommandLine } from './parseCommandLine';

const run = (): Promise<void> => Promise.resolve();

const note: CliCommand = {
  name: 'note',
  subcommands: {
    add: { usage: 'note add <text> [--pinned] [--json]', flags: { pinned: 'boolean', json: 'boolean' }, positionals: 1, run },
    list: { usage: 'note list --folder F\n     [--json]', flags: { folder: 'string', json: 'boolean' }, run },
  },
};
const find: CliCommand = { name: 'find', usage: 'find <words>...', flags: { limit: 'string' }, positionals: { min: 1 }, run };
const only: CliCommand = { name: 'only', subcommands: { status: { usage: 'only status [--json]', flags: { json: 'boolean' }, run } } };
const tag: CliCommand = {
  name: 'tag',
  subcommands: {
    set: { usage: 'tag set --note N --name T [--color C]', flags: { note: 'string', name: 'string', color: 'string' }, run },
    clear: { usage: 'tag clear <tag> --note N [--name T]', flags: { note: 'string', name: 'string' }, positionals: 1, run },
  },
};
const commands = [note, find, only, tag];

function usageError(argv: string[], list: readonly CliCommand[] = commands): string {
  try {
    parseCommandLine(argv, list);
  } catch (err) {
    if (err instanceof CliUsageError) return err.message;
    throw err;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('parseCommandLine', () => {
  it('finds the subcommand, its flags (and the global ones) and its positionals, wherever the flags are', () => {
    const line = parseCommandLine(['--data-dir', '/tmp/q', 'note', '--pinned', 'add', 'hello'], commands);
    expect(line.dataDir).toBe('/tmp/q');
    expect(line.invocation).toMatchObject({ label: 'note add', subcommand: note.subcommands.add, args: ['hello'] });
    expect(line.invocation?.flags).toEqual({ 'data-dir': '/tmp/q', pinned: true });
    const single = parseCommandLine(['find', 'a', 'b', '--limit', '3'], commands).invocation;
    expect(single).toMatchObject({ label: 'find', subcommand: find, args: ['a', 'b'], flags: { limit: '3' } });
  });

  it('leaves the usage to the shell with --help or without a command', () => {
    expect(parseCommandLine([], commands)).toEqual({ dataDir: undefined, help: false, invocation: null });
    expect(parseCommandLine(['note', 'frob', '--pinned', '-h'], commands)).toEqual({ dataDir: undefined, help: true, invocation: null });
  });

  it('tells a flag no command knows from a flag of another subcommand', () => {
    expect(usageError(['note', 'list', '--bogus'])).toMatch(/^Unknown option '--bogus'/);
    expect(usageError(['note', 'list', '--folder', 'x', '--pinned', '--limit', '2'])).toBe('unexpected option --pinned for "note list"');
    expect(usageError(['find', 'x', '--json'])).toBe('unexpected option --json for "find"');
    expect(usageError(['note', 'list', '--folder'])).toMatch(/argument missing/);
  });

  it('refuses an unknown command or subcommand, and a wrong number of positionals, with the usage on one line', () => {
    expect(usageError(['teleport'])).toBe('unknown command "teleport"; run qwanyx --help');
    expect(usageError(['toString'])).toBe('unknown command "toString"; run qwanyx --help');
    expect(usageError(['note'])).toBe('usage: qwanyx note <add|list> …');
    expect(usageError(['note', 'constructor'])).toBe('usage: qwanyx note <add|list> …');
    expect(usageError(['tag', 'rename'])).toBe('usage: qwanyx tag <set|clear> --note N …');
    expect(usageError(['only', 'frob'])).toBe('usage: qwanyx only status [--json]');
    expect(usageError(['note', 'add'])).toBe('usage: qwanyx note add <text> [--pinned] [--json]');
    expect(usageError(['note', 'list', 'extra'])).toBe('usage: qwanyx note list --folder F [--json]');
    expect(usageError(['find'])).toBe('usage: qwanyx find <words>...');
  });

  it('refuses tables that give one flag two types', () => {
    const other: CliCommand = { name: 'other', usage: 'other', flags: { pinned: 'string' }, run };
    expect(() => parseCommandLine(['note', 'list'], [note, other])).toThrow('--pinned is a string in one command and a boolean in another');
  });

  it('reads every subcommand of the qwanyx tables', () => {
    for (const command of cliCommands) {
      const subcommands: [string[], CliSubcommand][] = 'subcommands' in command ? Object.entries(command.subcommands).map(([name, sub]) => [[command.name, name], sub]) : [[[command.name], command]];
      for (const [words, sub] of subcommands) {
        const wanted = sub.positionals ?? 0;
        const args = Array.from({ length: typeof wanted === 'number' ? wanted : wanted.min }, (_, i) => `arg${i}`);
        const flags = Object.entries(sub.flags).flatMap(([flag, type]) => (type === 'boolean' ? [`--${flag}`] : [`--${flag}`, 'x']));
        const line = parseCommandLine([...words, ...flags, ...args], cliCommands);
        expect(line.invocation?.subcommand).toBe(sub);
        expect(line.invocation?.args).toEqual(args);
      }
    }
  });
});
