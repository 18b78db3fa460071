/**
 * The text of a workflow run's logs, from the zip GitHub serves (one file
 * per job and step), bounded: the zip is read through ZipArchiveReader (its
 * zip-bomb and path checks), each file gets a `=== name ===` heading, and
 * when the whole is longer than `maxChars` the end is kept (where failures
 * are), with a line saying how much was left out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ZipArchiveReader } from '../../storage/export/ZipArchiveReader';

const LIMITS = { maxEntries: 2000, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024, maxRatio: 200 };

export interface RunLogText {
  text: string;
  files: string[];
  /** Characters left out at the start. */
  truncatedChars: number;
}

export async function runLogText(zip: Buffer, maxChars: number): Promise<RunLogText> {
  // yauzl reads archives from a file; a private temp file keeps the checks of ZipArchiveReader.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qwanyx-logs-'));
  const file = path.join(dir, `${randomBytes(6).toString('hex')}.zip`);
  try {
    fs.writeFileSync(file, zip, { mode: 0o600 });
    const reader = await ZipArchiveReader.open(file, LIMITS, () => true);
    try {
      const files = reader.names().sort();
      const parts: string[] = [];
      for (const name of files) parts.push(`=== ${name} ===\n${(await reader.read(name)).toString('utf8')}`);
      const whole = parts.join('\n');
      if (whole.length <= maxChars) return { text: whole, files, truncatedChars: 0 };
      const cut = whole.length - maxChars;
      return { text: `[… ${cut} earlier characters left out …]\n${whole.slice(cut)}`, files, truncatedChars: cut };
    } finally {
      reader.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
