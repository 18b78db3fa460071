/**
 * The application menu, built from Electron's roles so that labels,
 * shortcuts and platform conventions (the macOS app menu, Close Window
 * instead of Quit under File on macOS) come from the OS. Developer tools
 * appear only in development.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

/** What the menu depends on. */
export interface ApplicationMenuOptions {
  /** Development build: adds Toggle Developer Tools. */
  isDev: boolean;
  /** `process.platform`, passed in so the template is easy to reason about. */
  platform: NodeJS.Platform;
}

/** Builds the menu; the caller installs it with `Menu.setApplicationMenu`. */
export function createApplicationMenu(options: ApplicationMenuOptions): Menu {
  const isMac = options.platform === 'darwin';

  const devTools: MenuItemConstructorOptions = { role: 'toggleDevTools' };
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { role: 'forceReload' },
    ...(options.isDev ? [devTools] : []),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];

  const appMenu: MenuItemConstructorOptions = { role: 'appMenu' };
  // On macOS, About sits in the app menu; elsewhere it goes under Help.
  const help: MenuItemConstructorOptions = { role: 'help', submenu: [{ role: 'about' }] };
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [appMenu] : []),
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    ...(isMac ? [] : [help]),
  ];
  return Menu.buildFromTemplate(template);
}
