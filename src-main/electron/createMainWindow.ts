/**
 * The main window: locked-down web preferences, the preload bridge, and the
 * size and position it had last time, kept on a display that still exists.
 */
import path from 'node:path';
import { BrowserWindow, nativeTheme, screen } from 'electron';
import { APP_ENTRY_URL } from './appOrigin';
import type { Logger } from '../common/Logger';
import {
  MIN_WINDOW_HEIGHT,
  MIN_WINDOW_WIDTH,
  WINDOW_STATE_FILE,
  fitWindowState,
  readWindowState,
  writeWindowState,
  type WindowState,
} from './windowState';

const SAVE_DELAY_MS = 500;

/** What the window needs to know. */
export interface MainWindowOptions {
  /** Data dir of the app; the window state file lives there. */
  dataDir: string;
  /** Absolute path of the built preload script (`out/preload/index.cjs`). */
  preloadPath: string;
  /** URL of the Vite dev server in development, else null (the app protocol is loaded). */
  devServerUrl: string | null;
  /** Development build: devtools are available. */
  isDev: boolean;
  log: Logger;
}

/** Creates, places and loads the main window; it shows itself once painted. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { dataDir, preloadPath, devServerUrl, isDev, log } = options;
  const stateFile = path.join(dataDir, WINDOW_STATE_FILE);
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const state = fitWindowState(readWindowState(stateFile, log), workAreas);

  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_WIDTH,
    minHeight: MIN_WINDOW_HEIGHT,
    show: false,
    title: 'Qwanyx',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16171b' : '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools: isDev,
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  trackWindowState(window, stateFile, log);
  window.webContents.on('render-process-gone', (_event, details) => {
    log('error', 'The page of the main window stopped', details);
  });

  window.loadURL(devServerUrl ?? APP_ENTRY_URL).catch((err: unknown) => {
    log('error', 'The main window could not load the app', err);
    // Without this the app would run with no visible window at all.
    if (!window.isDestroyed() && !window.isVisible()) window.show();
  });
  return window;
}

/** Saves the window's normal bounds shortly after each move or resize, and on close. */
function trackWindowState(window: BrowserWindow, stateFile: string, log: Logger): void {
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    const state: WindowState = { ...bounds, maximized: window.isMaximized() };
    try {
      writeWindowState(stateFile, state);
    } catch (err) {
      log('warn', 'Cannot save the window state', err);
    }
  };
  const saveSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', save);
}
