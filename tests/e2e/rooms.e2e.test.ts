/**
 * End to end: team rooms in the browser host (real core, real SQLite)
 * driven through Debian's Chromium as a user would: a channel, posting,
 * editing with ↑, reacting, a thread, deleting; a draft across a reload;
 * mentions completed from the keyboard; search that jumps to an old message;
 * unread state and Esc; and message text that tries to run script.
 * Needs `npm run build` first.
 */
import { describe, expect, it } from 'vitest';
import { settleView } from '../fixtures/checkViews';
import { createChannel, messageAction, messageWith, openChannel, post, type RoomsSession } from '../fixtures/roomsSession';
import { seedRoom } from '../fixtures/seedRoom';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

function freshRooms(): Promise<RoomsSession> {
  return rooms.open(makeTempDir('qwanyx-rooms-e2e-'));
}

describe('rooms in the browser host', () => {
  it('creates a channel, posts, edits with ↑, reacts, replies in a thread and deletes', async () => {
    const { page } = await freshRooms();
    await createChannel(page, 'Launch Plan');
    expect(await page.locator('[data-testid="room-title"]').textContent()).toBe('launch-plan');
    await page.locator('[data-testid="section-channels"] [aria-current="page"]').waitFor();

    const id = await post(page, 'Hello **team**, the plan is ready', 'composer', 'the plan is ready');
    const body = page.locator(`[data-testid="message-body-${id}"]`);
    expect(await body.locator('strong').textContent()).toBe('team');

    // ↑ in the empty composer edits one's last message; Enter saves.
    await page.locator('[data-testid="composer-input"]').press('ArrowUp');
    const editor = page.locator('[data-testid="message-editor-input"]');
    await editor.waitFor();
    expect(await editor.inputValue()).toBe('Hello **team**, the plan is ready');
    await editor.fill('Hello **team**, the plan is approved');
    await editor.press('Enter');
    await page.locator(`[data-testid="edited-${id}"]`).waitFor();
    expect(await body.textContent()).toContain('the plan is approved');

    await messageAction(page, id, 'react');
    await page.click('[data-testid="emoji-🎉"]');
    const reaction = page.locator(`[data-testid="reaction-${id}-🎉"]`);
    await reaction.waitFor();
    expect(await reaction.getAttribute('aria-pressed')).toBe('true');
    expect(await reaction.textContent()).toContain('1');
    await reaction.click();
    await reaction.waitFor({ state: 'detached' });

    await messageAction(page, id, 'reply');
    const thread = page.locator('[data-testid="thread-panel"]');
    await thread.waitFor();
    expect(await thread.locator('[data-testid="thread-root"]').textContent()).toContain('the plan is approved');
    await post(page, 'Count me in', 'thread-composer');
    await page.locator(`[data-testid="thread-link-${id}"]`).waitFor();
    expect(await page.locator(`[data-testid="thread-link-${id}"]`).textContent()).toContain('1 reply');
    // Replies stay in the thread, not in the timeline.
    expect(await page.locator('[data-testid="room-view"] article', { hasText: 'Count me in' }).count()).toBe(0);
    await page.click('[data-testid="thread-close"]');

    await messageAction(page, id, 'delete');
    await page.click('[data-testid="delete-message-confirm"]');
    await page.locator(`[data-testid="tombstone-${id}"]`).waitFor();
    expect(await page.locator(`[data-testid="message-${id}"]`).textContent()).not.toContain('approved');
    // The thread survives its deleted root.
    expect(await page.locator(`[data-testid="thread-link-${id}"]`).count()).toBe(1);
  });

  it('keeps a draft per room across room switches and a reload, and drops it once sent', async () => {
    const { page } = await freshRooms();
    await createChannel(page, 'alpha');
    await createChannel(page, 'beta');
    const input = page.locator('[data-testid="composer-input"]');
    await input.fill('half a thought about beta');
    await page.locator('[data-testid="section-channels"] button', { hasText: 'alpha' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="room-title"]')?.textContent === 'alpha');
    expect(await input.inputValue()).toBe('');
    await page.locator('[data-testid="section-channels"] button', { hasText: 'beta' }).click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="composer-input"]') as HTMLTextAreaElement | null)?.value === 'half a thought about beta');

    await page.reload();
    await page.waitForFunction(() => (document.querySelector('[data-testid="composer-input"]') as HTMLTextAreaElement | null)?.value === 'half a thought about beta');
    expect(await page.locator('[data-testid="room-title"]').textContent()).toBe('beta');

    await input.press('Enter');
    await messageWith(page, 'half a thought about beta').waitFor();
    expect(await input.inputValue()).toBe('');
    await page.reload();
    await messageWith(page, 'half a thought about beta').waitFor();
    await page.waitForTimeout(300);
    expect(await input.inputValue()).toBe('');
  });

  it('completes @mentions from the keyboard and opens rooms with the palette and Alt+↓', async () => {
    const dataDir = makeTempDir('qwanyx-rooms-e2e-');
    await seedRoom(dataDir, 'design', 3);
    const session = await rooms.open(dataDir);
    const { page } = session;
    await createChannel(page, 'random');

    const input = page.locator('[data-testid="composer-input"]');
    await input.fill('');
    await input.pressSequentially('thanks @gr');
    const suggestions = page.locator('[data-testid="mention-suggestions"]');
    await suggestions.waitFor();
    expect(await suggestions.locator('[role="option"]').count()).toBe(1);
    await input.press('Tab');
    expect(await input.inputValue()).toBe('thanks @grace.holm ');
    await input.pressSequentially('and @');
    await suggestions.waitFor();
    await input.press('Escape');
    await suggestions.waitFor({ state: 'detached' });
    await input.press('Backspace');
    await input.pressSequentially('#des');
    await suggestions.waitFor();
    await input.press('Enter');
    expect(await input.inputValue()).toBe('thanks @grace.holm and #design ');
    await input.press('Enter');
    const message = messageWith(page, 'thanks');
    await message.locator('.mention[data-mention="grace.holm"]').waitFor();
    // A #room link opens that room.
    await message.locator('.room-link', { hasText: '#design' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="room-title"]')?.textContent === 'design');

    // The next channel in the sidebar: #general, which every new device starts with.
    await page.keyboard.press('Alt+ArrowDown');
    await page.waitForFunction(() => document.querySelector('[data-testid="room-title"]')?.textContent === 'general');

    await page.keyboard.press('Control+k');
    await page.locator('[data-testid="command-palette"]').waitFor();
    await page.keyboard.type('desi');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="command-palette"]').waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('[data-testid="room-title"]')?.textContent === 'design');
  });

  it('finds an old message with search and opens the room scrolled to it, highlighted', async () => {
    const dataDir = makeTempDir('qwanyx-rooms-e2e-');
    await seedRoom(dataDir, 'history', 1200, { texts: { 40: 'The quokka protocol was signed off' } });
    const session = await rooms.open(dataDir);
    const { page } = session;
    await openChannel(page, 'history');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="timeline"]')?.getAttribute('data-rows')) > 0);
    // Only the latest page is loaded: message 40 is far above.
    expect(await page.locator('[data-testid="message-seed-40"]').count()).toBe(0);

    await page.click('[data-testid="open-search"]');
    await page.locator('[data-testid="search-input"]').fill('quokka from:grace.holm');
    const hit = page.locator('[data-testid="search-hit-seed-40"]');
    await hit.waitFor();
    expect(await hit.locator('mark').first().textContent()).toMatch(/quokka/i);
    await page.locator('[data-testid="search-input"]').press('Enter');

    const target = page.locator('[data-testid="message-seed-40"]');
    await target.waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="message-seed-40"]');
      const timeline = document.querySelector('[data-testid="timeline"]');
      if (!el || !timeline) return false;
      const a = el.getBoundingClientRect();
      const b = timeline.getBoundingClientRect();
      return a.top >= b.top && a.bottom <= b.bottom && el.classList.contains('msg--highlight');
    });
  });

  it('keeps each room’s scroll position when switching rooms, and enters the list from the keyboard', async () => {
    const dataDir = makeTempDir('qwanyx-rooms-e2e-');
    await seedRoom(dataDir, 'long', 600);
    await seedRoom(dataDir, 'short', 5);
    const session = await rooms.open(dataDir);
    const { page } = session;
    await openChannel(page, 'long');
    await page.locator('[data-testid="message-seed-599"]').waitFor();
    const firstVisible = (): Promise<string> =>
      page.evaluate(() => {
        const timeline = document.querySelector('[data-testid="timeline"]')!.getBoundingClientRect();
        const rows = [...document.querySelectorAll('[data-testid="timeline"] article[data-message-id]')];
        const top = rows.filter((r) => r.getBoundingClientRect().top >= timeline.top).sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
        return top?.getAttribute('data-message-id') ?? '';
      });
    await page.evaluate(() => {
      document.querySelector('[data-testid="timeline"]')!.scrollTop -= 3000;
    });
    // The scroll is read and the rows of the new position are drawn.
    await settleView(page);
    const before = await firstVisible();
    expect(before).not.toBe('');

    await page.locator('[data-testid="section-channels"] button', { hasText: 'short' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="room-title"]')?.textContent === 'short');
    await page.locator('[data-testid="section-channels"] button', { hasText: 'long' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="room-title"]')?.textContent === 'long');
    // Its messages load after the title shows; the remembered position comes back with them.
    await expect.poll(firstVisible).toBe(before);

    // From the list, ↑ focuses the last message in view, ↑ again the one above; Tab reaches its actions.
    await page.locator('[data-testid="timeline"]').focus();
    await page.keyboard.press('ArrowUp');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-message-id') ?? '');
    expect(focused).toMatch(/^seed-/);
    await page.keyboard.press('ArrowUp');
    const above = await page.evaluate(() => document.activeElement?.getAttribute('data-message-id') ?? '');
    expect(Number(above.slice(5))).toBe(Number(focused.slice(5)) - 1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '')).toBe(`react-${above}`);
  });

  it('counts unread messages and mentions per room and per workspace; Esc and "mark all read" clear them', async () => {
    const dataDir = makeTempDir('qwanyx-rooms-e2e-');
    await seedRoom(dataDir, 'news', 30);
    await seedRoom(dataDir, 'ops', 20, { mentionMe: [18, 19] });
    const session = await rooms.open(dataDir);
    const { page } = session;
    const news = page.locator('[data-testid="section-channels"] button', { hasText: 'news' });
    const ops = page.locator('[data-testid="section-channels"] button', { hasText: 'ops' });
    await openChannel(page, 'news');
    expect(Number(await ops.getAttribute('data-unread'))).toBe(20);
    expect(Number(await ops.getAttribute('data-mentions'))).toBe(2);
    expect(await ops.getAttribute('class')).toContain('room-item--unread');
    expect(await ops.locator('.room-item__badge').textContent()).toBe('2');

    await page.locator('[data-testid="timeline"]').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => news.getAttribute('data-unread')).toBe('0');

    // In another workspace, the rail shows the first one's unread mentions.
    const personal = (await page.locator('[data-testid^="workspace-tile-"]').first().getAttribute('data-testid'))!.replace('workspace-tile-', '');
    await page.click('[data-testid="create-workspace"]');
    await page.fill('[data-testid="create-workspace-name"]', 'Globex');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-title"]')?.textContent === 'Globex');
    // The count of unread messages, marked "@" for the mentions among them, also in the tile's name.
    const badge = page.locator(`[data-testid="workspace-unread-${personal}"]`);
    await badge.waitFor();
    expect(await badge.textContent()).toBe('@20');
    expect(await badge.getAttribute('data-mentions')).toBe('2');
    expect(await page.locator(`[data-testid="workspace-tile-${personal}"] .tile__name`).textContent()).toBe('Personal, 20 unread, 2 mentions');
    expect(await page.getByRole('button', { name: 'Personal, 20 unread, 2 mentions', exact: true }).count()).toBe(1);

    await page.keyboard.press('Control+1');
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-title"]')?.textContent === 'Personal');
    await page.click('[data-testid="mark-all-read"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="section-channels"] button[data-unread="20"]') === null);
    expect(Number(await ops.getAttribute('data-mentions'))).toBe(0);
    await page.locator('[data-testid="mark-all-read"]').waitFor({ state: 'detached' });
  });

  it('renders script-bearing message text inert', async () => {
    const { page } = await freshRooms();
    await page.evaluate(() => {
      (window as unknown as { __xss: string[] }).__xss = [];
    });
    await createChannel(page, 'security');
    const payloads = [
      '<img src=x onerror="window.__xss.push(1)">',
      '<script>window.__xss.push(2)</script>',
      '<a href="javascript:window.__xss.push(3)">click me</a>',
      '[crafted](javascript:window.__xss.push(4))',
      '[mixed case](JaVaScRiPt:window.__xss.push(5))',
      '[data](data:text/html,<script>window.__xss.push(6)</script>)',
      '<svg onload="window.__xss.push(7)"></svg> &lt;b&gt;entity&lt;/b&gt;',
      '<javascript:window.__xss.push(8)>',
    ];
    for (const payload of payloads) await post(page, payload, 'composer', payload.slice(0, 12));
    // Click everything that could be a link.
    for (const text of ['click me', 'crafted', 'mixed case', 'data']) await messageWith(page, text).click();
    await page.waitForTimeout(300);

    const timeline = page.locator('[data-testid="timeline"]');
    expect(await timeline.locator('.md img, .md script, .md svg, .md iframe, .md object, .md embed').count()).toBe(0);
    const hrefs = await timeline.locator('.md a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss)).toEqual([]);
    // Entities decode to text (GitHub-flavoured Markdown), never to markup.
    expect(await messageWith(page, 'entity').textContent()).toContain('<b>entity</b>');
    expect(await timeline.locator('.md b').count()).toBe(0);
    expect(await messageWith(page, 'crafted').textContent()).toContain('[crafted](javascript:window.__xss.push(4))');
  });
});
