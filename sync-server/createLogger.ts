/**
 * Structured logs: one JSON object per line, `{ time, level, event, ...fields }`,
 * to stdout (or the given sink). Events are dotted names (`ws.closed`,
 * `auth.code_sent`), so logs can be filtered without parsing prose.
 */

/** Log levels, least to most severe; `silent` writes nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Extra fields of one log line. */
export type LogFields = Record<string, unknown>;

/** The relay's logger. */
export interface RelayLogger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** A logger writing lines at `level` and above to `sink` (default: stdout). */
export function createLogger(level: LogLevel, sink: (line: string) => void = (line) => process.stdout.write(line)): RelayLogger {
  const write = (at: Exclude<LogLevel, 'silent'>, event: string, fields?: LogFields): void => {
    if (RANK[at] < RANK[level]) return;
    const line = { time: new Date().toISOString(), level: at, event, ...(fields ? serializable(fields) : {}) };
    sink(`${JSON.stringify(line)}\n`);
  };
  return {
    debug: (event, fields) => write('debug', event, fields),
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

/** Errors become `{ name, message, stack }` (JSON.stringify would drop them). */
function serializable(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  return out;
}
