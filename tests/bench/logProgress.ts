/** Progress lines for benchmarks: stderr only, since stdout carries the one JSON report. */

/** Writes `[bench] msg` to stderr. */
export function logProgress(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}
