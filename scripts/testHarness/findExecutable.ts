/** Finds a program on PATH, the way a shell would, without running one. */
import fs from 'node:fs';
import path from 'node:path';

/** True when `file` is a regular file (symlinks followed) this process may execute. */
export function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The full path of `name` in the folders of `pathVariable` (default PATH),
 * then in `extraDirs`; null when it is nowhere. On Windows the extensions of
 * PATHEXT are tried too.
 */
export function findExecutable(name: string, extraDirs: string[] = ['/usr/bin', '/usr/local/bin', '/usr/sbin', '/bin'], pathVariable: string = process.env.PATH ?? ''): string | null {
  const extensions = process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  const dirs = [...pathVariable.split(path.delimiter), ...extraDirs].filter((dir) => dir !== '');
  for (const dir of dirs) {
    for (const extension of extensions) {
      const file = path.join(dir, name + extension);
      if (isExecutableFile(file)) return file;
    }
  }
  return null;
}
