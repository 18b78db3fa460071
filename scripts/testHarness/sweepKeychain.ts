/**
 * The end-of-run check of the keychain: every entry under the run's
 * test-only service prefix is removed, then the keychain is listed again,
 * and anything still there is a failure.
 */
import { deleteKeychainEntries, listKeychainEntries, type KeychainEntry } from './listKeychainEntries';

/** What the sweep found and did. */
export interface KeychainSweep {
  /** False where the keychain cannot be listed here (nothing was checked). */
  checked: boolean;
  /** Entries the tests left, now removed. */
  removed: KeychainEntry[];
  /** Entries still there after the sweep, with the reason when known. */
  leftover: Array<KeychainEntry & { reason?: string }>;
}

/** Removes every keychain entry under `prefix` and lists what remains. */
export async function sweepKeychain(prefix: string): Promise<KeychainSweep> {
  const found = await listKeychainEntries(prefix);
  if (found === null) return { checked: false, removed: [], leftover: [] };
  const failed = await deleteKeychainEntries(found);
  const after = (await listKeychainEntries(prefix)) ?? [];
  const reasons = new Map(failed.map((f) => [`${f.service}\n${f.account}`, f.reason]));
  const leftover = after.map((entry) => {
    const reason = reasons.get(`${entry.service}\n${entry.account}`);
    return reason === undefined ? entry : { ...entry, reason };
  });
  const stillThere = new Set(after.map((entry) => `${entry.service}\n${entry.account}`));
  return { checked: true, removed: found.filter((entry) => !stillThere.has(`${entry.service}\n${entry.account}`)), leftover };
}

/** One line per entry: `service (account)`, with the reason when there is one. */
export function formatKeychainEntries(entries: Array<KeychainEntry & { reason?: string }>): string {
  return entries.map((entry) => `  ${entry.service} (account ${entry.account})${entry.reason ? `: ${entry.reason}` : ''}`).join('\n');
}
