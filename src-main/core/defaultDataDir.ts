/**
 * The app's data dir, identical to Electron's `userData` for the app name
 * "Qwanyx", so the desktop app, the browser host and the CLI share one place.
 */
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Qwanyx');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Qwanyx');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Qwanyx');
}

/** The data dir a shell should use: its `--data-dir` flag, else QWANYX_DATA_DIR, else the default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.QWANYX_DATA_DIR;
  return chosen !== undefined && chosen.trim() !== '' ? path.resolve(chosen) : defaultDataDir(env);
}
