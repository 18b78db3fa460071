/**
 * Which doc names the relay serves: one to four `/`-separated segments of
 * letters, digits, `_`, `-` and `.` (not `.` or `..`), at most 200
 * characters — `meta`, `audit`, `room/<id>`, `dh/<id>` and future kinds alike.
 */

/** Longest doc name. */
export const DOC_NAME_MAX = 200;

const SEGMENT = /^[A-Za-z0-9_.-]{1,64}$/;

/** Whether `name` is a doc name the relay serves. */
export function docNameOk(name: string): boolean {
  if (name.length === 0 || name.length > DOC_NAME_MAX) return false;
  const segments = name.split('/');
  return segments.length <= 4 && segments.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..');
}
