/** `--timeout SECONDS` of the commands that wait (sync, link, invite accept, ask). */
import { CliUsageError } from './CliError';

/** Reads `--timeout SECONDS` (default `fallback`), in milliseconds. */
export function timeoutMs(flag: string | boolean | undefined, fallback: number): number {
  if (flag === undefined) return fallback * 1000;
  const seconds = typeof flag === 'string' && /^\d{1,5}$/.test(flag) ? Number(flag) : NaN;
  if (!Number.isFinite(seconds)) throw new CliUsageError('--timeout takes a number of seconds');
  return seconds * 1000;
}
