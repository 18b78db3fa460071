/**
 * Writes a new file at `target`, never over an existing one: the bytes go
 * to a flushed temp file beside it, then a hard link gives them their name
 * (a link fails when the name exists, even if it appeared a moment ago), and
 * the temp name is removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConflictError } from '../../common/AppError';
import { tempPathBeside, writeFileAtomic } from './writeFileAtomic';

export function writeNewFile(out: string, bytes: Uint8Array): string {
  const target = path.resolve(out);
  const exists = (): ConflictError => new ConflictError(`${target} already exists: choose another name or remove it first`);
  if (fs.existsSync(target)) throw exists();
  const temp = tempPathBeside(target);
  writeFileAtomic(temp, bytes);
  try {
    fs.linkSync(temp, target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw exists();
    throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return target;
}
