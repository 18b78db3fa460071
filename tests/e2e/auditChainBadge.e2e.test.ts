/**
 * End to end: the audit trail says whether its signed chains are intact, in
 * the browser host (real core, real SQLite) driven through Chromium. A trail
 * written by the core shows "Trail intact" with what was checked and the
 * older unsigned entries apart; a trail with an entry changed by hand in the
 * workspace file shows "Trail broken" naming that entry. Screenshots at 1280
 * and 1024 px, light and dark, and no serious axe-core violation. Needs
 * `npm run build` first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Workspace } from '../../src-main/common/contract';
import { createCore } from '../../src-main/core/createCore';
import { MemorySecretStore } from '../../src-main/secrets/MemorySecretStore';
import { checkViews } from '../fixtures/checkViews';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

/** A data dir with a workspace whose trail holds `signed` signed entries and one from before signing; `tamper` changes one by hand. */
async function seed(signed: number, tamper: boolean): Promise<{ dataDir: string; tampered: string | null }> {
  const dataDir = makeTempDir('qwanyx-audit-chain-e2e-');
  const core = await createCore({ dataDir, secretStore: new MemorySecretStore(), shell: 'cli', log: () => undefined });
  let tampered: string | null = null;
  try {
    const created = await core.dispatch('workspace.create', { name: 'Acme Corp' });
    if (!created.ok) throw new Error(created.error.message);
    const ws = (created.value as Workspace).id;
    // The one the app shows (a first launch made another).
    const opened = await core.dispatch('workspace.open', { id: ws });
    if (!opened.ok) throw new Error(opened.error.message);
    const handle = core.workspaces.handle(ws);
    handle.docs.transact('audit', { source: 'system' } as never, (doc) => {
      doc.getMap('entries').set('legacy1', { id: 'legacy1', at: 1_700_000_000_000, actorKind: 'dh', actorId: 'dh_1', onBehalfOf: null, action: 'agent.reply', resource: 'room/r1', outcome: 'allowed', detail: '' });
    });
    for (let i = 0; i < signed; i++) core.audit.record(ws, { actorKind: 'dh', actorId: 'dh_1', onBehalfOf: null, action: 'tool.task_create', resource: 'room/r1', outcome: 'allowed', detail: `task ${i}` });
    if (tamper) {
      const doc = handle.docs.doc('audit');
      const [id, value] = [...doc.getMap('entries').entries()].find(([, v]) => (v as { seq?: number }).seq === 2)! as [string, Record<string, unknown>];
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      let update: Uint8Array | null = null;
      copy.on('update', (u: Uint8Array) => (update = u));
      copy.getMap('entries').set(id, { ...value, detail: 'nothing happened here' });
      handle.storage.db.prepare('INSERT INTO updates (doc_id, data) VALUES (?, ?)').run('audit', Buffer.from(update!));
      tampered = id;
    }
  } finally {
    await core.close();
  }
  return { dataDir, tampered };
}

async function openTrail(page: Page): Promise<void> {
  await page.click('[data-testid="open-settings"]');
  await page.locator('[data-testid="settings-dialog"]').waitFor();
  await page.click('[data-testid="settings-open-audit"]');
  await page.locator('[data-testid="audit-dialog"]').waitFor();
}

describe('audit chain badge in the browser host', () => {
  it('says the trail is intact, counting the older unsigned entries apart', { timeout: 120_000 }, async () => {
    const { dataDir } = await seed(5, false);
    const { page } = await rooms.open(dataDir);
    await openTrail(page);
    const badge = page.locator('[data-testid="audit-chain"][data-state="intact"]');
    await badge.waitFor();
    await expect.poll(() => badge.textContent()).toContain('Trail intact');
    expect(await badge.textContent()).toContain('5 signed entries checked');
    expect(await badge.textContent()).toContain('1 older entry unsigned');
    expect(await checkViews(page, 'audit-chain-intact', '[data-testid="audit-dialog"]')).toEqual([]);
  });

  it('says the trail is broken and names the entry changed by hand in the workspace file', { timeout: 120_000 }, async () => {
    const { dataDir, tampered } = await seed(4, true);
    const { page } = await rooms.open(dataDir);
    await openTrail(page);
    const badge = page.locator('[data-testid="audit-chain"][data-state="broken"]');
    await badge.waitFor();
    expect(await badge.getAttribute('data-reason')).toBe('bad_signature');
    expect(await badge.textContent()).toContain('Trail broken');
    expect(await badge.textContent()).toContain(`Entry ${tampered!}`);
    // The changed row is marked in the table too.
    const row = page.locator(`[data-testid="audit-entry-${tampered!}"]`);
    expect(await row.getAttribute('data-broken')).toBe('true');
    expect(await row.textContent()).toContain('Chain broken here');
    expect(await checkViews(page, 'audit-chain-broken', '[data-testid="audit-dialog"]')).toEqual([]);
  });
});
