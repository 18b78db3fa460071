/**
 * The only link targets message text may carry: absolute http, https and
 * mailto URLs. Message text is untrusted, so every other scheme
 * (`javascript:`, `data:`, `file:`, `vbscript:`, custom app schemes) is
 * refused, and so are relative or malformed addresses.
 *
 * The WHATWG parser does the work: it lower-cases the scheme and strips the
 * tabs and newlines browsers ignore (`java\tscript:`), so what we check is
 * what a browser would follow. HTML entities are never decoded, so
 * `javascript&#58;…` has no scheme at all and is refused.
 */

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** Longer addresses are refused rather than cut. */
const MAX_URL_LENGTH = 2048;

/** The normalised URL when `raw` may be a link target, otherwise null. */
export function safeUrl(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.length > MAX_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return null;
  if (parsed.protocol !== 'mailto:' && (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '')) return null;
  return parsed.href;
}
