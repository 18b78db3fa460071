/**
 * Asks for permission to show OS notifications, once, from a user gesture
 * (browsers ignore the request otherwise; Electron grants it outright).
 */
export function requestNotificationPermission(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  Notification.requestPermission().catch((err: unknown) => console.error('Asking for notifications failed', err));
}
