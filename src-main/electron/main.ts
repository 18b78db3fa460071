/**
 * Entry point of the Electron main process: the shell that runs the headless
 * core for one desktop user.
 *
 * Order matters. Before the app is ready, and synchronously (an ESM entry
 * runs only its synchronous part before `ready` is emitted), it points
 * Electron's userData at the core's data dir, takes the single-instance lock
 * (which lives in userData, so two shells never open the same databases),
 * declares the `qwanyx:` scheme and forces the sandbox on. Once ready, it
 * locks the session down, serves the renderer, opens the core, routes IPC to
 * it, and only then opens the window, so the first call finds a handler.
 * Quitting waits for the core to close (WAL checkpoint, sync flush).
 */
import fs from 'node:fs';
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, session } from 'electron';
import { AppError } from '../common/AppError';
import { createCore, type Core } from '../core/createCore';
import { followAppBadge } from './followAppBadge';
import { resolveDataDir } from '../core/defaultDataDir';
import { KeyringSecretStore } from '../secrets/KeyringSecretStore';
import { parseDevServerOrigin } from './appOrigin';
import { createApplicationMenu } from './createApplicationMenu';
import type { Logger } from '../common/Logger';
import { createFileLog } from './createFileLog';
import { createMainWindow } from './createMainWindow';
import { findElectronNativeBinding } from './findElectronNativeBinding';
import { hardenSession } from './hardenSession';
import { createExternalLinkOpener, hardenWebContents } from './hardenWebContents';
import { registerIpcRouter } from './ipcRouter';
import { registerAppProtocol, registerAppSchemeAsPrivileged } from './registerAppProtocol';

const APP_ID = 'com.qwanyx.app';
/** Longest wait for the core to close before quitting anyway. */
const CORE_CLOSE_TIMEOUT_MS = 10_000;

/** Settings of this run, all known before the app is ready. */
interface ShellConfig {
  isDev: boolean;
  dataDir: string;
  devServerUrl: string | null;
  devServerOrigin: string | null;
  rendererDir: string;
  preloadPath: string;
}

let log: Logger = (level, msg, extra) => console[level](msg, extra ?? '');

try {
  const config = readShellConfig();
  app.setName('Qwanyx');
  // setPath throws for a folder that does not exist yet (first run).
  fs.mkdirSync(config.dataDir, { recursive: true });
  app.setPath('userData', config.dataDir);
  registerAppSchemeAsPrivileged();
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  if (app.requestSingleInstanceLock()) {
    log = createFileLog(path.join(config.dataDir, 'logs'));
    runShell(config);
  } else {
    app.quit();
  }
} catch (err) {
  fail(err);
}

function readShellConfig(): ShellConfig {
  const isDev = !app.isPackaged;
  const rawDevUrl = isDev ? process.env.ELECTRON_RENDERER_URL : undefined;
  const devServerOrigin = parseDevServerOrigin(rawDevUrl);
  return {
    isDev,
    // Same rule as the CLI and the browser host: QWANYX_DATA_DIR, else the platform default.
    dataDir: resolveDataDir(undefined),
    devServerUrl: devServerOrigin === null ? null : (rawDevUrl ?? null),
    devServerOrigin,
    rendererDir: path.join(import.meta.dirname, '../renderer'),
    preloadPath: path.join(import.meta.dirname, '../preload/index.cjs'),
  };
}

function runShell(config: ShellConfig): void {
  const { devServerOrigin } = config;
  let corePromise: Promise<Core> | null = null;
  let stopRouter: (() => void) | null = null;
  let stopBadge: (() => void) | null = null;
  let mainWindow: BrowserWindow | null = null;
  let quitState: 'running' | 'closing' | 'closed' = 'running';

  const openMainWindow = (): void => {
    const window = createMainWindow({
      dataDir: config.dataDir,
      preloadPath: config.preloadPath,
      devServerUrl: config.devServerUrl,
      isDev: config.isDev,
      log,
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  };

  const start = async (): Promise<void> => {
    hardenSession(session.defaultSession, { devServerOrigin, log });
    registerAppProtocol(config.rendererDir, log);
    Menu.setApplicationMenu(createApplicationMenu({ isDev: config.isDev, platform: process.platform }));
    app.setAboutPanelOptions({
      applicationName: 'Qwanyx',
      applicationVersion: app.getVersion(),
      copyright: 'Copyright © Qwanyx',
    });

    const nativeBinding = config.isDev
      ? findElectronNativeBinding(app.getAppPath(), process.versions.electron)
      : undefined;
    if (config.isDev && nativeBinding === undefined) {
      log('warn', 'No Electron build of better-sqlite3 in native/; run `node scripts/electron-native.js`');
    }
    corePromise = createCore({
      dataDir: config.dataDir,
      secretStore: new KeyringSecretStore(),
      shell: 'electron',
      nativeBinding,
      log,
      // An OAuth authorization page goes through the same check as a clicked link (https only).
      openExternal: createExternalLinkOpener(log),
      // Import a workspace…: the path comes from this dialog, never from the window (docs/export.md).
      pickImportFile: async () => {
        const options: Electron.OpenDialogOptions = {
          title: 'Import a workspace',
          properties: ['openFile'],
          filters: [{ name: 'Qwanyx workspace export', extensions: ['zip'] }],
        };
        const picked = mainWindow && !mainWindow.isDestroyed() ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
    });
    const core = await corePromise;
    if (quitState !== 'running') return;
    stopRouter = registerIpcRouter({ core, devServerOrigin, log });
    stopBadge = followAppBadge(core, (count) => app.setBadgeCount(count), log);
    openMainWindow();
    log('info', `Qwanyx ${app.getVersion()} started (Electron ${process.versions.electron}, data in ${config.dataDir})`);
  };

  const shutdown = async (): Promise<void> => {
    stopRouter?.();
    stopBadge?.();
    stopRouter = null;
    try {
      const core = await corePromise;
      if (core) await withTimeout(core.close(), CORE_CLOSE_TIMEOUT_MS, 'The core did not close in time');
    } catch (err) {
      log('error', 'The core did not close cleanly', err);
    }
    quitState = 'closed';
    app.quit();
  };

  app.on('second-instance', () => {
    if (mainWindow === null || mainWindow.isDestroyed()) {
      if (stopRouter !== null) openMainWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { devServerOrigin, log }));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (stopRouter !== null && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });

  app.on('before-quit', (event) => {
    if (quitState === 'closed' || corePromise === null) return;
    event.preventDefault();
    if (quitState === 'closing') return;
    quitState = 'closing';
    void shutdown();
  });

  app.whenReady().then(start).catch(fail);
}

/** Shows why the app cannot start, logs the details and exits. */
function fail(err: unknown): void {
  log('error', 'Qwanyx could not start', err);
  dialog.showErrorBox('Qwanyx cannot start', startupMessage(err));
  app.exit(1);
}

function startupMessage(err: unknown): string {
  if (err instanceof AppError) return err.message;
  const text = err instanceof Error ? err.message : String(err);
  if (text.includes('NODE_MODULE_VERSION') || text.includes('better_sqlite3.node')) {
    return (
      'The SQLite module was not built for this version of Electron.\n' +
      'Run `node scripts/electron-native.js` (it needs the network once), then start Qwanyx again.'
    );
  }
  return `${text}\n\nThe details are in the log (logs/main.log in the Qwanyx data folder).`;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new AppError('INTERNAL', message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
