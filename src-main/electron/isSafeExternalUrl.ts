/**
 * The only links the app hands to the OS browser: plain https URLs. Links
 * come from message and LLM text, which is untrusted, so `file:`, custom
 * schemes (which can launch other programs), `http:` and URLs carrying
 * credentials (`https://bank.example@evil.example/`) are all refused.
 *
 * No 'electron' import here, so this is tested under plain Node.
 */

/** Longest URL handed to the OS; longer ones are refused rather than cut. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

/** True when `url` may be opened in the user's browser. */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}
