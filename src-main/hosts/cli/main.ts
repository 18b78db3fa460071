/** Entry of the `qwanyx` command (bin/qwanyx.js). */
import { runCli } from './runCli';

const code = await runCli(process.argv.slice(2), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
process.exitCode = code;
