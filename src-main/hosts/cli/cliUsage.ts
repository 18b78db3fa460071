/** The text of `qwanyx --help`, made from the command tables. */
import type { CliCommand, CliSubcommand } from '../../core/cli/CliCommand';

/** Where the notes of a usage line start. */
const NOTES_COLUMN = 51;
/** A usage line longer than this gets its notes on the lines below it. */
const NOTES_BESIDE_MAX = NOTES_COLUMN + 3;

/** `usage: qwanyx …`, every subcommand's usage line with its notes, and what W, R and D stand for. */
export function cliUsage(commands: readonly CliCommand[]): string {
  const lines = ['usage: qwanyx [--data-dir DIR] <command>', '', 'commands:'];
  let previous: string | null = null;
  for (const sub of commands.flatMap((c) => ('subcommands' in c ? Object.values(c.subcommands) : [c]))) {
    // Subcommands that share a usage line (`dh archive|restore`) show it once.
    if (sub.usage !== previous) lines.push(...usageLines(sub));
    previous = sub.usage;
  }
  lines.push(
    '',
    "W is a workspace id or name; R a room id or #name; D a digital human's id or @handle.",
    '',
    "The data dir is --data-dir, else $QWANYX_DATA_DIR, else the app's own.",
  );
  return lines.join('\n');
}

/** A subcommand's usage, indented, with its notes beside its last line when they fit, else below it. */
function usageLines(sub: CliSubcommand): string[] {
  const lines = sub.usage.split('\n').map((line) => `  ${line}`);
  const notes = [...(sub.notes ?? [])];
  const last = lines.at(-1)!;
  if (notes.length > 0 && last.length <= NOTES_BESIDE_MAX) lines[lines.length - 1] = `${last.padEnd(Math.max(NOTES_COLUMN, last.length + 2))}${notes.shift()!}`;
  return [...lines, ...notes.map((note) => `${' '.repeat(NOTES_COLUMN)}${note}`)];
}
