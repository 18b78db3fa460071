/**
 * Locates the Electron build of better-sqlite3 made by
 * `scripts/electron-native.js`. node_modules holds the build for Node (the
 * tests and the CLI use it); Electron has its own ABI, so in development it
 * loads this separate file through better-sqlite3's `nativeBinding` option.
 * A packaged app needs none: electron-builder rebuilds node_modules for
 * Electron when it packages.
 *
 * Layout (shared with scripts/electron-native.js):
 * `<projectRoot>/native/electron-<electronVersion>/better_sqlite3.node`.
 *
 * No 'electron' import here, so this is tested under plain Node.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Where the Electron build of better-sqlite3 for `electronVersion` lives. */
export function electronNativeBindingPath(projectRoot: string, electronVersion: string): string {
  return path.join(projectRoot, 'native', `electron-${electronVersion}`, 'better_sqlite3.node');
}

/** The Electron build for `electronVersion` when it has been made, else undefined. */
export function findElectronNativeBinding(projectRoot: string, electronVersion: string): string | undefined {
  const file = electronNativeBindingPath(projectRoot, electronVersion);
  return fs.existsSync(file) ? file : undefined;
}
