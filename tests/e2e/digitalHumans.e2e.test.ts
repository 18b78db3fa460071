/**
 * End to end: digital humans and tasks in the browser host (real core, real
 * SQLite) driven through Chromium: a DH created from a template shows in the
 * sidebar, opens a direct conversation, is offered by the @mention
 * autocomplete, and a task made for it moves across the board from the
 * keyboard. Needs `npm run build` first.
 */
import { describe, expect, it } from 'vitest';
import type { DigitalHuman, Task } from '../../src-main/common/contract';
import { invokeIn, messageWith } from '../fixtures/roomsSession';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

async function workspaceId(page: Parameters<typeof invokeIn>[0]): Promise<string> {
  return (await invokeIn<{ id: string }[]>(page, 'workspace.list', {}))[0]!.id;
}

describe('digital humans in the browser host', () => {
  it('creates a DH from a template, messages it, mentions it, and moves its task on the board', async () => {
    const { page } = await rooms.open(makeTempDir('qwanyx-dh-e2e-'));
    const ws = await workspaceId(page);

    await page.click('[data-testid="section-dhs-add"]');
    const dialog = page.locator('[data-testid="new-dh-dialog"]');
    await dialog.waitFor();
    await page.locator('[data-testid="dh-template-adhd-planning-coach"]').check();
    expect(await page.locator('[data-testid="dh-name"]').inputValue()).toBe('Juno');
    await page.fill('[data-testid="dh-name"]', 'Philippe');
    expect(await page.locator('[data-testid="dh-persona"]').inputValue()).toMatch(/^You are Philippe, a planning coach/);
    await page.fill('[data-testid="dh-handle"]', 'philippe@qwanyx.com');
    await page.click('[data-testid="new-dh-submit"]');
    await dialog.waitFor({ state: 'detached' });

    const [dh] = await invokeIn<DigitalHuman[]>(page, 'dh.list', { workspaceId: ws });
    expect(dh).toMatchObject({ name: 'Philippe', handle: 'philippe@qwanyx.com', template: 'adhd-planning-coach', tools: ['memory', 'tasks', 'post'] });

    // In the sidebar; a click opens the direct conversation with it.
    const item = page.locator('[data-testid="dh-item-philippe"]');
    await item.waitFor();
    await item.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="room-title"]')?.textContent === 'Philippe');
    await page.locator('[data-testid="dh-item-philippe"][aria-current="page"]').waitFor();

    // Offered by the @mention autocomplete, as a digital human.
    const input = page.locator('[data-testid="composer-input"]');
    await input.pressSequentially('Hi @phil');
    const suggestions = page.locator('[data-testid="mention-suggestions"]');
    await suggestions.waitFor();
    const option = suggestions.locator('[data-testid="suggestion-philippe"]');
    expect(await option.textContent()).toContain('Digital human');
    await input.press('Tab');
    expect(await input.inputValue()).toBe('Hi @philippe ');
    await input.pressSequentially('can you help me plan?');
    await input.press('Enter');
    await messageWith(page, 'plan?').locator('.mention[data-mention="philippe"]').waitFor();

    // A task in its list, moved across the board from the keyboard.
    await page.click('[data-testid="open-tasks"]');
    const board = page.locator('[data-testid="task-board"]');
    await board.waitFor();
    await page.fill('[data-testid="task-new-title"]', 'File the tax return');
    await page.click('[data-testid="task-new-submit"]');
    const card = page.locator('[data-testid="task-column-todo"] [data-testid^="task-card-"]', { hasText: 'File the tax return' });
    await card.waitFor();
    await card.focus();
    await page.keyboard.press('Alt+ArrowRight');
    const moved = page.locator('[data-testid="task-column-doing"] [data-testid^="task-card-"]', { hasText: 'File the tax return' });
    await moved.waitFor();
    // Focus stays on the moved card, so the next move needs no mouse.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-status') === 'doing');
    await page.keyboard.press('Alt+ArrowRight');
    await page.locator('[data-testid="task-column-blocked"] [data-testid^="task-card-"]', { hasText: 'File the tax return' }).waitFor();
    expect(await page.locator('[data-testid="task-board-announcement"]').textContent()).toContain('Blocked');
    const [task] = await invokeIn<Task[]>(page, 'task.list', { workspaceId: ws });
    expect(task).toMatchObject({ title: 'File the tax return', status: 'blocked', dhId: dh!.id });

    // Opened from the board: broken into steps.
    await page.locator('[data-testid="task-column-blocked"] [data-testid^="task-card-"]').click();
    await page.locator('[data-testid="task-editor"]').waitFor();
    await page.fill('[data-testid="subtask-steps"]', 'Find last year’s return\nCollect the payslips');
    await page.click('[data-testid="subtask-decompose"]');
    await page.locator('[data-testid="subtask-list"] li').nth(1).waitFor();
    await page.click('[data-testid="task-editor-close"]');
    await page.locator('[data-testid="task-column-blocked"]', { hasText: '0/2' }).waitFor();
  });
});
