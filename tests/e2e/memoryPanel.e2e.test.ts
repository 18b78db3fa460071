/**
 * End to end: the memory panel of a digital human and the audit trail, in
 * the browser host (real core, real SQLite) driven through Chromium. The
 * panel lists memories newest first, filters them, answers "what do you
 * remember" with ranked recall, edits, pins, deletes and adds them (the core
 * agrees after each step), and follows changes made elsewhere. The audit
 * trail shows what a DH did in a turn against the fake model server: a tool
 * call allowed, one denied, and the memory it extracted (which the open
 * panel shows at once). Needs `npm run build` first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, DigitalHuman, Member, Memory, MemoryPage, Room, Task } from '../../src-main/common/contract';
import { TEST_API_KEY } from '../fixtures/agentSetup';
import { startFakeOpenAi } from '../fixtures/fakeOpenAiServer';
import { invokeIn } from '../fixtures/roomsSession';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

async function workspaceId(page: Page): Promise<string> {
  return (await invokeIn<{ id: string }[]>(page, 'workspace.list', {}))[0]!.id;
}

/** The memory cards the panel shows, top to bottom, as memory ids. */
async function shownIds(page: Page, list = 'memory-list'): Promise<string[]> {
  const ids = await page.locator(`[data-testid="${list}"] li.memory-card`).evaluateAll((els) => els.map((el) => el.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace(/^memory-/, ''));
}

async function coreMemories(page: Page, ws: string, dhId: string): Promise<Memory[]> {
  return (await invokeIn<MemoryPage>(page, 'memory.list', { workspaceId: ws, dhId, limit: 200 })).memories;
}

async function openMemoryPanel(page: Page, handle: string): Promise<void> {
  await page.locator(`[data-testid="dh-item-${handle}"]`).waitFor();
  await page.click(`[data-testid="dh-menu-${handle}"]`);
  await page.click('[data-testid="dh-menu-memory"]');
  await page.locator('[data-testid="memory-dialog"]').waitFor();
}

describe('memory panel and audit trail in the browser host', () => {
  it('lists, filters, recalls, edits, pins, deletes and adds the memories of a digital human', async () => {
    const { page } = await rooms.open(makeTempDir('qwanyx-memory-e2e-'));
    const ws = await workspaceId(page);
    const dh = await invokeIn<DigitalHuman>(page, 'dh.create', { workspaceId: ws, name: 'Philippe', handle: 'philippe@qwanyx.com', tools: ['tasks'] });
    const add = (input: Record<string, unknown>): Promise<Memory> => invokeIn<Memory>(page, 'memory.add', { workspaceId: ws, dhId: dh.id, ...input });
    const contract = await add({ text: 'The Acme contract renews on the first of March.', kind: 'fact', tags: ['acme', 'contract'], importance: 0.6 });
    const calls = await add({ text: 'Ada prefers calls in the morning.', kind: 'preference', tags: ['ada'] });
    const invoices = await add({ text: 'Invoices go out on the last Friday of the month.', kind: 'instruction', tags: ['billing'] });
    const party = await add({ text: 'The launch party moved to the rooftop terrace.', kind: 'event', at: Date.UTC(2025, 4, 8, 12), source: 'D1:3' });

    await openMemoryPanel(page, 'philippe');
    // Newest first, with what each memory is about.
    await expect.poll(() => shownIds(page)).toEqual([party.id, invoices.id, calls.id, contract.id]);
    const partyCard = page.locator(`[data-testid="memory-${party.id}"]`);
    expect(await partyCard.textContent()).toContain('Event');
    expect(await partyCard.textContent()).toContain('Source: D1:3');
    expect(await partyCard.textContent()).toMatch(/About .*2025/);
    expect(await page.locator(`[data-testid="memory-${contract.id}"] .memory-tag`).allTextContents()).toEqual(['acme', 'contract']);
    // Focus starts in the search box.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('memory-search');

    // Filter by words, then by kind.
    await page.fill('[data-testid="memory-search"]', 'invoices');
    await expect.poll(() => shownIds(page)).toEqual([invoices.id]);
    await page.fill('[data-testid="memory-search"]', '');
    await page.selectOption('[data-testid="memory-filter-kind"]', 'preference');
    await expect.poll(() => shownIds(page)).toEqual([calls.id]);
    await page.selectOption('[data-testid="memory-filter-kind"]', '');
    await expect.poll(() => shownIds(page)).toHaveLength(4);

    // Ask what it remembers: ranked recall, best first, with a score.
    await page.click('[data-testid="memory-mode-recall"]');
    await page.fill('[data-testid="memory-search"]', 'When does the Acme contract renew?');
    await page.press('[data-testid="memory-search"]', 'Enter');
    await expect.poll(async () => (await shownIds(page, 'memory-recall'))[0]).toBe(contract.id);
    const best = page.locator(`[data-testid="memory-recall"] [data-testid="memory-${contract.id}"]`);
    expect(await best.textContent()).toMatch(/Rank 1.*Score \d/);
    await page.click('[data-testid="memory-mode-filter"]');
    await page.fill('[data-testid="memory-search"]', '');
    await expect.poll(() => shownIds(page)).toHaveLength(4);

    // Edit one inline, saving from the keyboard.
    await page.click(`[data-testid="memory-${calls.id}-edit"]`);
    const text = page.locator(`[data-testid="memory-${calls.id}-editor-text"]`);
    await text.fill('Ada prefers calls after 10:00.');
    await page.fill(`[data-testid="memory-${calls.id}-editor-tags"]`, 'Ada, calls');
    await text.press('Control+Enter');
    await page.locator(`[data-testid="memory-${calls.id}-text"]`, { hasText: 'Ada prefers calls after 10:00.' }).waitFor();
    // Focus goes back to its Edit button.
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === `memory-${id}-edit`, calls.id);
    expect(await invokeIn<Memory>(page, 'memory.get', { workspaceId: ws, dhId: dh.id, id: calls.id })).toMatchObject({ text: 'Ada prefers calls after 10:00.', tags: ['ada', 'calls'], kind: 'preference' });

    // Pin one; the pinned filter finds it.
    await page.click(`[data-testid="memory-${contract.id}-pin"]`);
    await page.locator(`[data-testid="memory-${contract.id}"][data-pinned="true"]`).waitFor();
    expect((await invokeIn<Memory>(page, 'memory.get', { workspaceId: ws, dhId: dh.id, id: contract.id })).pinned).toBe(true);
    await page.selectOption('[data-testid="memory-filter-pinned"]', 'yes');
    await expect.poll(() => shownIds(page)).toEqual([contract.id]);
    await page.selectOption('[data-testid="memory-filter-pinned"]', '');
    await expect.poll(() => shownIds(page)).toHaveLength(4);

    // Delete one, after confirming.
    await page.click(`[data-testid="memory-${invoices.id}-delete"]`);
    await page.locator('[data-testid="delete-memory-dialog"]').waitFor();
    await page.click('[data-testid="delete-memory-confirm"]');
    await page.locator('[data-testid="delete-memory-dialog"]').waitFor({ state: 'detached' });
    await expect.poll(() => shownIds(page)).toEqual([party.id, calls.id, contract.id]);
    expect((await coreMemories(page, ws, dh.id)).map((m) => m.id)).toEqual([party.id, calls.id, contract.id]);

    // Add one from the panel; importance set from the keyboard.
    await page.click('[data-testid="memory-add-open"]');
    await page.fill('[data-testid="memory-new-text"]', 'The board meets every second Tuesday.');
    await page.selectOption('[data-testid="memory-new-kind"]', 'event');
    await page.fill('[data-testid="memory-new-tags"]', 'board');
    await page.focus('[data-testid="memory-new-importance"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.click('[data-testid="memory-new-submit"]');
    await page.locator('[data-testid="memory-new"]').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'memory-add-open');
    const [added] = await coreMemories(page, ws, dh.id);
    expect(added).toMatchObject({ text: 'The board meets every second Tuesday.', kind: 'event', tags: ['board'], importance: 0.7, pinned: false });
    await expect.poll(() => shownIds(page)).toEqual([added!.id, party.id, calls.id, contract.id]);

    // A memory written elsewhere (another device, the DH itself) shows without reopening.
    const elsewhere = await add({ text: 'Acme pays by bank transfer only.', tags: ['acme', 'billing'] });
    await expect.poll(() => shownIds(page)).toEqual([elsewhere.id, added!.id, party.id, calls.id, contract.id]);

    await page.click('[data-testid="memory-dialog-close"]');
    await page.locator('[data-testid="memory-dialog"]').waitFor({ state: 'detached' });
  });

  it('shows what a digital human did in the audit trail, and the memory it extracted in the open panel', { timeout: 120_000 }, async () => {
    const llm = await startFakeOpenAi({ apiKey: TEST_API_KEY });
    try {
      const { page } = await rooms.open(makeTempDir('qwanyx-audit-e2e-'));
      const ws = await workspaceId(page);
      await invokeIn(page, 'provider.set', { workspaceId: ws, preset: 'custom', baseUrl: llm.baseUrl, chatModel: 'fake-chat', apiKey: TEST_API_KEY });
      const dh = await invokeIn<DigitalHuman>(page, 'dh.create', { workspaceId: ws, name: 'Philippe', handle: 'philippe@qwanyx.com', tools: ['tasks'] });
      const room = await invokeIn<Room>(page, 'room.create', { workspaceId: ws, name: 'launch', memberIds: [dh.id] });
      const me = (await invokeIn<Member[]>(page, 'member.list', { workspaceId: ws })).find((m) => m.kind === 'user')!;

      // The turn: a task (allowed), a memory tool it does not have (denied), a reply, then what it remembers.
      llm.reply(
        {
          toolCalls: [
            { name: 'task_create', arguments: JSON.stringify({ title: 'Freeze the launch scope' }) },
            { name: 'memory_save', arguments: JSON.stringify({ text: 'Ada runs the launch' }) },
          ],
        },
        'Done: "Freeze the launch scope" is in my list.',
        JSON.stringify({ operations: [{ op: 'ADD', text: 'Ada wants the launch scope frozen by Friday.', kind: 'instruction', tags: ['launch'], importance: 0.9 }] }),
      );

      await openMemoryPanel(page, 'philippe');
      await page.locator('[data-testid="memory-list-empty"]').waitFor();
      await invokeIn(page, 'message.post', { workspaceId: ws, roomId: room.id, text: '@philippe please freeze the launch scope by Friday' });
      // The extracted memory shows in the open panel by itself.
      await page.locator('[data-testid="memory-list"] li.memory-card', { hasText: 'Ada wants the launch scope frozen by Friday.' }).waitFor({ timeout: 30_000 });
      await page.click('[data-testid="memory-dialog-close"]');
      await page.locator('[data-testid="memory-dialog"]').waitFor({ state: 'detached' });
      await expect.poll(async () => (await invokeIn<Task[]>(page, 'task.list', { workspaceId: ws })).map((t) => t.title), { timeout: 20_000 }).toContain('Freeze the launch scope');
      await expect
        .poll(async () => (await invokeIn<AuditEntry[]>(page, 'audit.list', { workspaceId: ws })).map((e) => e.action), { timeout: 20_000 })
        .toEqual(expect.arrayContaining(['tool.task_create', 'tool.memory_save', 'memory.extract']));

      // Settings → Audit trail.
      await page.click('[data-testid="open-settings"]');
      await page.locator('[data-testid="settings-dialog"]').waitFor();
      await page.click('[data-testid="settings-open-audit"]');
      const audit = page.locator('[data-testid="audit-dialog"]');
      await audit.waitFor();
      const allowed = audit.locator('tr[data-action="tool.task_create"]');
      await allowed.waitFor();
      expect(await allowed.getAttribute('data-outcome')).toBe('allowed');
      const allowedText = (await allowed.textContent()) ?? '';
      expect(allowedText).toContain('Philippe');
      expect(allowedText).toContain(`for ${me.displayName}`);
      expect(allowedText).toContain('dh/Philippe/tasks');
      expect(allowedText).toContain('Allowed');
      const denied = audit.locator('tr[data-action="tool.memory_save"]');
      expect(await denied.getAttribute('data-outcome')).toBe('denied');
      expect(await denied.textContent()).toMatch(/Denied.*not enabled for Philippe/);
      // Denied and allowed look different, not by colour alone.
      const outcomeStyle = (row: typeof allowed): Promise<string> => row.locator('.audit-outcome').evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(await outcomeStyle(denied)).not.toBe(await outcomeStyle(allowed));
      await audit.locator('tr[data-action="memory.extract"][data-outcome="allowed"]').waitFor();

      // Filter by actor: the digital human's entries, then a person's (none here).
      await page.selectOption('[data-testid="audit-actor"]', dh.id);
      await expect.poll(() => audit.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
      await page.selectOption('[data-testid="audit-actor"]', me.id);
      await audit.locator('[data-testid="audit-empty"]').waitFor();
      await page.selectOption('[data-testid="audit-actor"]', '');
      await allowed.waitFor();

      // Esc closes the audit trail first, then the settings.
      await page.keyboard.press('Escape');
      await audit.waitFor({ state: 'detached' });
      expect(await page.locator('[data-testid="settings-dialog"]').count()).toBe(1);
    } finally {
      await llm.close();
    }
  });
});
