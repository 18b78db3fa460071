/**
 * End to end: the knowledge panels in the browser host (real core, real
 * SQLite) driven through Chromium: files picked for the workspace (one
 * large enough to be sent in parts) are listed and searchable with their
 * sources; a PDF dropped on a digital human's panel is its own; a
 * document deleted after confirmation is gone. Needs `npm run build` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DigitalHuman, KnowledgeDocument } from '../../src-main/common/contract';
import { minimalPdf } from '../fixtures/minimalPdf';
import { invokeIn } from '../fixtures/roomsSession';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

describe('knowledge in the browser host', () => {
  it('imports, lists, searches and deletes documents of the workspace and of a digital human', async () => {
    const dir = makeTempDir('qwanyx-knowledge-e2e-');
    const { page } = await rooms.open(dir);
    const ws = (await invokeIn<{ id: string }[]>(page, 'workspace.list', {}))[0]!.id;
    const dh = await invokeIn<DigitalHuman>(page, 'dh.create', { workspaceId: ws, name: 'Ada', handle: 'ada', tools: ['knowledge'] });

    const files = makeTempDir('qwanyx-knowledge-files-');
    const policy = path.join(files, 'policy.md');
    fs.writeFileSync(policy, '# Expense policy\n\n## Travel\n\nTrain tickets are refunded within 14 days.\n');
    // Over 512 kB: sent in parts.
    const manual = path.join(files, 'manual.md');
    fs.writeFileSync(manual, Array.from({ length: 300 }, (_, i) => `## Step ${i}\n\n${`Step ${i} calibrates sensor unit${i}. `.repeat(70)}`).join('\n\n'));
    expect(fs.statSync(manual).size).toBeGreaterThan(600 * 1024);

    await page.click('[data-testid="open-knowledge"]');
    const dialog = page.locator('[data-testid="knowledge-view"]');
    await dialog.waitFor();
    await page.locator('[data-testid="knowledge-empty"]').waitFor();
    await page.locator('[data-testid="knowledge-file-input"]').setInputFiles([policy, manual]);
    await page.locator('[data-testid="knowledge-doc"]').nth(1).waitFor({ timeout: 30_000 });
    const titles = await page.locator('.knowledge-doc__title').allTextContents();
    expect(titles.sort()).toEqual(['Expense policy', 'manual']);
    expect(await page.locator('[data-testid="knowledge-list"]').textContent()).toMatch(/policy\.md · \d+ B · 1 passage/);

    await page.fill('[data-testid="knowledge-search-input"]', 'how fast are train tickets refunded?');
    await page.click('[data-testid="knowledge-search-submit"]');
    const first = page.locator('[data-testid="knowledge-result"]').first();
    await first.waitFor();
    expect(await first.locator('.knowledge-result__source').textContent()).toBe('policy.md › Expense policy › Travel');
    expect(await first.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['Train', 'tickets', 'refunded']));
    await page.fill('[data-testid="knowledge-search-input"]', 'calibrates unit217');
    await page.click('[data-testid="knowledge-search-submit"]');
    await page.locator('[data-testid="knowledge-result"] .knowledge-result__source', { hasText: 'manual.md › Step 217' }).first().waitFor();

    // Deleted after confirmation: gone from the list and from search.
    await page.locator('[data-testid="knowledge-doc"]', { hasText: 'Expense policy' }).locator('[data-testid="knowledge-doc-delete"]').click();
    await page.click('[data-testid="delete-document-confirm"]');
    await page.locator('[data-testid="knowledge-doc"]', { hasText: 'Expense policy' }).waitFor({ state: 'detached' });
    await page.fill('[data-testid="knowledge-search-input"]', 'train tickets refunded');
    await page.click('[data-testid="knowledge-search-submit"]');
    await page.locator('[data-testid="knowledge-search-empty"]').waitFor();
    await page.click('[data-testid="knowledge-view-close"]');
    await dialog.waitFor({ state: 'detached' });

    // A digital human's own panel, from its menu: a PDF dropped on it.
    await page.click('[data-testid="dh-menu-ada"]');
    await page.click('[data-testid="dh-menu-knowledge"]');
    await dialog.waitFor();
    expect(await dialog.locator('.side-panel__title').textContent()).toBe('Knowledge of Ada');
    const pdf = Buffer.from(minimalPdf([[{ text: 'Lab safety', size: 18 }, 'Goggles are required in room 4.']])).toString('base64');
    const drop = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'safety.pdf', { type: 'application/pdf' }));
      return transfer;
    }, pdf);
    await page.dispatchEvent('[data-testid="knowledge-panel"]', 'dragover', { dataTransfer: drop });
    await page.dispatchEvent('[data-testid="knowledge-panel"]', 'drop', { dataTransfer: drop });
    await page.locator('[data-testid="knowledge-doc"]', { hasText: 'Lab safety' }).waitFor();
    expect(await page.locator('[data-testid="knowledge-doc"]').count()).toBe(1);
    await page.screenshot({ path: path.join(dir, 'knowledge-dh.png') });
    const docs = await invokeIn<KnowledgeDocument[]>(page, 'knowledge.list', { workspaceId: ws, scope: dh.id });
    expect(docs).toEqual([expect.objectContaining({ fileName: 'safety.pdf', pages: 1, scope: dh.id })]);
    if (process.env.QWANYX_SCREENSHOTS) fs.copyFileSync(path.join(dir, 'knowledge-dh.png'), process.env.QWANYX_SCREENSHOTS);
  });
});
