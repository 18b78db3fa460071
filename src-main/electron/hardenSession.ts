/**
 * Permission rules of the session the windows use: the app asks for nothing
 * but notifications (mentions, finished agent jobs) and writing plain text
 * to the clipboard (the "copy" buttons). Every other permission (camera,
 * microphone, geolocation, clipboard reading, devices, ...) is denied, and
 * even those two are granted only to the app's own pages.
 */
import type { Session } from 'electron';
import { isAppUrl } from './appOrigin';
import type { Logger } from '../common/Logger';

const GRANTED_PERMISSIONS = new Set<string>(['notifications', 'clipboard-sanitized-write']);

/** What the permission guard needs to know. */
export interface SessionGuardOptions {
  /** Origin of the Vite dev server in development, else null. */
  devServerOrigin: string | null;
  log: Logger;
}

/** Installs the permission handlers on `session`; call once the app is ready. */
export function hardenSession(session: Session, options: SessionGuardOptions): void {
  const { devServerOrigin, log } = options;
  const allowed = (permission: string, url: string): boolean =>
    GRANTED_PERMISSIONS.has(permission) && isAppUrl(url, devServerOrigin);

  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = allowed(permission, details.requestingUrl);
    if (!granted) log('warn', `Denied the "${permission}" permission`, details.requestingUrl);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
}
