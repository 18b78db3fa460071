/** Helpers every CLI command uses: calling the core and checking positional arguments. */
import type { Core } from '../createCore';
import { CliCommandError, CliUsageError } from './CliError';

/** Calls `channel` and returns its value; a refusal becomes a CliCommandError (exit code 1). */
export async function callCore<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new CliCommandError(result.error.code, result.error.message);
  return result.value as T;
}

/** Throws a usage error unless exactly `count` positional arguments were given. */
export function expectArgs(args: string[], count: number, usage: string): void {
  if (args.length !== count) throw new CliUsageError(`usage: qwanyx ${usage}`);
}

/** Reads `--timeout SECONDS` (default `fallback`), in milliseconds. */
export function timeoutMs(flag: string | boolean | undefined, fallback: number): number {
  if (flag === undefined) return fallback * 1000;
  const seconds = typeof flag === 'string' && /^\d{1,5}$/.test(flag) ? Number(flag) : NaN;
  if (!Number.isFinite(seconds)) throw new CliUsageError('--timeout takes a number of seconds');
  return seconds * 1000;
}
