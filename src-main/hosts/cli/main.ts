/** Entry of the `qwanyx` command (bin/qwanyx.js). */
import { createInterface } from 'node:readline';
import type { CliStdin } from '../../core/cli/CliContext';
import { runCli } from './runCli';

/** Reads stdin line by line, only if a command asks for it (so nothing waits on a terminal otherwise). */
function processStdin(): CliStdin {
  let lines: AsyncIterator<string> | null = null;
  return {
    isTTY: process.stdin.isTTY === true,
    readLine: async () => {
      lines ??= createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
      const next = await lines.next();
      return next.done ? null : next.value;
    },
  };
}

const code = await runCli(process.argv.slice(2), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  stdin: processStdin(),
});
process.exitCode = code;
// A readline interface left open on stdin would keep the process alive.
process.stdin.destroy();
