/**
 * The log of the Electron shell and of the core it runs: every line goes to
 * the terminal and to `<dataDir>/logs/main.log`, which is where error
 * messages shown to the user ("the details are in the log") send them.
 *
 * Format: one line per entry, `<ISO time> <LEVEL> <message>[ <extra>]`,
 * where extra is an error's stack or compact JSON, cut at 4,000 characters.
 * When the file passes 5 MB at start-up it becomes `main.1.log`.
 *
 * No 'electron' import here, so this is tested under plain Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../common/Logger';

const MAX_BYTES_AT_START = 5 * 1024 * 1024;
const MAX_EXTRA_CHARS = 4000;

/** Creates the log writing to the console and to `<logDir>/main.log`. */
export function createFileLog(logDir: string): Logger {
  const file = path.join(logDir, 'main.log');
  let fileOk = true;
  try {
    fs.mkdirSync(logDir, { recursive: true });
    if (fs.existsSync(file) && fs.statSync(file).size > MAX_BYTES_AT_START) {
      fs.renameSync(file, path.join(logDir, 'main.1.log'));
    }
  } catch (err) {
    fileOk = false;
    console.error(`Cannot prepare the log file ${file}; logging to the console only`, err);
  }

  return (level, msg, extra) => {
    const line = `${new Date().toISOString()} ${level.toUpperCase()} ${msg}${extra === undefined ? '' : ` ${formatExtra(extra)}`}`;
    if (level === 'error') console.error(line);
    else if (level === 'warn') console.warn(line);
    else console.log(line);
    if (!fileOk) return;
    try {
      fs.appendFileSync(file, `${line}\n`, 'utf8');
    } catch (err) {
      // A full or read-only disk must not take the app down with it; the
      // console still has every line, and this says why the file stopped.
      fileOk = false;
      console.error(`Cannot write the log file ${file}; logging to the console only`, err);
    }
  };
}

function formatExtra(extra: unknown): string {
  let text: string;
  if (extra instanceof Error) {
    const code = (extra as { code?: unknown }).code;
    text = `${typeof code === 'string' ? `[${code}] ` : ''}${extra.stack ?? `${extra.name}: ${extra.message}`}`;
  } else {
    try {
      text = JSON.stringify(extra) ?? String(extra);
    } catch {
      text = String(extra);
    }
  }
  return text.length > MAX_EXTRA_CHARS ? `${text.slice(0, MAX_EXTRA_CHARS)}…` : text;
}
