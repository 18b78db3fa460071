/**
 * The one logger type of the app and of the relay, so every service takes
 * the same thing and every shell (Electron's file log, the CLI's stderr, the
 * core's default, the relay's JSON lines) can stand behind any of them.
 *
 * Why a function `log(level, msg, extra?)` rather than an object with
 * `info()` / `warn()` methods: it is the shape the core's services, shells
 * and test fakes (`log: () => undefined`) already use everywhere, so only the
 * relay's call sites had to change (`logger.info(event, fields)` became
 * `logger('info', event, fields)`), and a caller can choose the level at run
 * time. How `msg` and `extra` are written is the sink's business: the relay
 * reads `msg` as a dotted event name and an object `extra` as the line's
 * fields; the app's logs write an error's stack or the value as JSON.
 */

/**
 * Severity of a log entry, least to most severe. `debug` is for what happens
 * all day and is worth a line only when looking for trouble (the relay
 * refusing a hostile frame); sinks may drop it.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Writes one log entry and never throws. `extra` is optional detail: an
 * error (its stack is kept) or a value (fields, ids) written as JSON.
 */
export type Logger = (level: LogLevel, msg: string, extra?: unknown) => void;
