import { describe, expect, it } from 'vitest';
import type { CliCommand } from '../../core/cli/CliCommand';
import { cliCommands } from '../../core/cli/cliCommands';
import { cliUsage } from './cliUsage';

const run = (): Promise<void> => Promise.resolve();

describe('cliUsage', () => {
  it('lists each usage line once, with its notes beside it when it is short and below it when not', () => {
    const pin = { usage: 'note pin|unpin <id>', flags: {}, positionals: 1, run };
    const commands: CliCommand[] = [
      {
        name: 'note',
        subcommands: {
          add: { usage: 'note add <text>', notes: ['(plain text)'], flags: {}, positionals: 1, run },
          pin,
          unpin: { ...pin },
          import: { usage: 'note import --folder F FILE...\n            [--json] [--dry-run] [--keep-dates] [--verbose]', notes: ['(.md or .txt,', ' 1 MB each)'], flags: {}, run },
        },
      },
      { name: 'find', usage: 'find <words>', flags: {}, positionals: 1, run },
    ];
    const lines = cliUsage(commands).split('\n');
    expect(lines.slice(0, 3)).toEqual(['usage: qwanyx [--data-dir DIR] <command>', '', 'commands:']);
    expect(lines.slice(3, 10)).toEqual([
      `  note add <text>${' '.repeat(34)}(plain text)`,
      '  note pin|unpin <id>',
      '  note import --folder F FILE...',
      '              [--json] [--dry-run] [--keep-dates] [--verbose]',
      `${' '.repeat(51)}(.md or .txt,`,
      `${' '.repeat(51)} 1 MB each)`,
      '  find <words>',
    ]);
    expect(lines.at(-1)).toBe("The data dir is --data-dir, else $QWANYX_DATA_DIR, else the app's own.");
  });

  it('shows every subcommand of qwanyx', () => {
    const text = cliUsage(cliCommands);
    for (const command of cliCommands) {
      for (const sub of 'subcommands' in command ? Object.values(command.subcommands) : [command]) expect(text).toContain(`  ${sub.usage.split('\n')[0]!}`);
    }
    expect(text).toContain('  dh archive|restore --workspace W --dh D [--json]\n  dh delete');
  });
});
