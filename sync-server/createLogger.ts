/**
 * Structured logs: one JSON object per line, `{ time, level, event, ...fields }`,
 * to stdout (or the given sink). Events are dotted names (`ws.closed`,
 * `auth.code_sent`), so logs can be filtered without parsing prose.
 *
 * The relay's logger is the app's `Logger` (src-main/common/Logger.ts):
 * `logger('info', 'ws.refused', { workspaceId, code })`. Its message is the
 * event; an object `extra` gives the fields, anything else lands in `extra`.
 */
import type { Logger, LogLevel } from '../src-main/common/Logger';

/** The least severe level a logger writes; `silent` writes nothing. */
export type LogThreshold = LogLevel | 'silent';

/** Extra fields of one log line. */
export type LogFields = Record<string, unknown>;

const RANK: Record<LogThreshold, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** A logger writing lines at `threshold` and above to `sink` (default: stdout). */
export function createLogger(threshold: LogThreshold, sink: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  return (level, event, extra) => {
    if (RANK[level] < RANK[threshold]) return;
    const line = { time: new Date().toISOString(), level, event, ...(extra === undefined ? {} : serializable(fieldsOf(extra))) };
    sink(`${JSON.stringify(line)}\n`);
  };
}

/** An object's own fields; any other value (an error, a string) as the field `extra`. */
function fieldsOf(extra: unknown): LogFields {
  return typeof extra === 'object' && extra !== null && !(extra instanceof Error) && !Array.isArray(extra) ? (extra as LogFields) : { extra };
}

/** Errors become `{ name, message, stack }` (JSON.stringify would drop them). */
function serializable(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  return out;
}
