/**
 * End to end: GitHub-flavoured Markdown in the browser host, as a person
 * writes it: a table, a task list, strikethrough, an autolink and a fenced
 * code block that the lazily loaded highlighter colours; hostile text in
 * those same constructs stays inert; search snippets show the text a reader
 * sees with the match marked, never `**` or table pipes.
 * Needs `npm run build` first.
 */
import { describe, expect, it } from 'vitest';
import { createChannel, messageWith, post } from '../fixtures/roomsSession';
import { makeTempDir } from '../fixtures/tempDir';
import { useRoomsBrowser } from '../fixtures/useRoomsBrowser';

const rooms = useRoomsBrowser();

const STATUS = [
  '## Status for Acme',
  '',
  '| Task | Owner | Hours |',
  '|:-----|:------|------:|',
  '| **Invoice** | @nobody | 3 |',
  '| Report | team | 12 |',
  '',
  '- [x] send the invoice',
  '- [ ] call the client',
  '',
  'Old plan: ~~Friday~~ — see https://example.com/plan',
  '',
  '```ts',
  'const total: number = rows.reduce((sum, row) => sum + row.hours, 0); // hours',
  '```',
].join('\n');

describe('readable messages', () => {
  it('renders GFM tables, task lists, strikethrough, autolinks and highlighted code', async () => {
    const { page } = await rooms.open(makeTempDir('qwanyx-gfm-e2e-'));
    await createChannel(page, 'status');
    const id = await post(page, STATUS, 'composer', 'Status for Acme');
    const body = page.locator(`[data-testid="message-body-${id}"]`);

    expect(await body.locator('h2').textContent()).toBe('Status for Acme');
    expect(await body.locator('table th').allTextContents()).toEqual(['Task', 'Owner', 'Hours']);
    expect(await body.locator('table tbody tr').count()).toBe(2);
    expect(await body.locator('table tbody tr').first().locator('td strong').textContent()).toBe('Invoice');
    expect(await body.locator('table tbody td.md-align-right').allTextContents()).toEqual(['3', '12']);
    expect(await body.textContent()).not.toContain('|');

    const boxes = body.locator('li.md-task input[type="checkbox"]');
    expect(await boxes.count()).toBe(2);
    expect(await boxes.evaluateAll((els) => els.map((el) => [(el as HTMLInputElement).checked, (el as HTMLInputElement).disabled, el.getAttribute('aria-label')]))).toEqual([
      [true, true, 'Done'],
      [false, true, 'To do'],
    ]);
    expect(await body.locator('del').textContent()).toBe('Friday');
    expect(await body.locator('a.md-link').getAttribute('href')).toBe('https://example.com/plan');

    // The highlighter arrives in its own chunk, after the text is already shown.
    const code = body.locator('pre.md-code code');
    expect(await code.textContent()).toBe('const total: number = rows.reduce((sum, row) => sum + row.hours, 0); // hours');
    await code.locator('.hljs-keyword').first().waitFor();
    expect(await code.locator('.hljs-keyword').first().textContent()).toBe('const');
    expect(await code.locator('.hljs-comment').textContent()).toBe('// hours');
  });

  it('keeps hostile text in tables, tasks and code inert', async () => {
    const { page } = await rooms.open(makeTempDir('qwanyx-gfm-e2e-'));
    await page.evaluate(() => {
      (window as unknown as { __xss: number[] }).__xss = [];
    });
    await createChannel(page, 'hostile');
    const payloads = [
      '| cell | link |\n|---|---|\n| <img src=x onerror="window.__xss.push(1)"> | [table link](javascript:window.__xss.push(2)) |',
      '- [x] <svg onload="window.__xss.push(3)"></svg> done task\n- [ ] [task link](javascript:window.__xss.push(4))',
      '```html\n<script>window.__xss.push(5)</script><img src=x onerror="window.__xss.push(6)">\n```',
      '~~<iframe src="javascript:window.__xss.push(7)"></iframe>~~ struck',
      '![tracker image](javascript:window.__xss.push(8))',
    ];
    for (const [i, payload] of payloads.entries()) await post(page, payload, 'composer', ['cell', 'done task', 'window.__xss.push(5)', 'struck', 'tracker image'][i]);
    for (const text of ['table link', 'task link', 'tracker image']) await page.locator('[data-testid="timeline"] .md', { hasText: text }).last().click();
    await page.locator('[data-testid="timeline"] pre.md-code .hljs-tag').first().waitFor();
    await page.waitForTimeout(300);

    const timeline = page.locator('[data-testid="timeline"]');
    expect(await timeline.locator('.md img, .md script, .md svg, .md iframe, .md object, .md embed').count()).toBe(0);
    expect(await timeline.locator('.md a').count()).toBe(0);
    expect(await timeline.locator('.md input:not(.md-task__box)').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss: number[] }).__xss)).toEqual([]);
    expect(await messageWith(page, 'cell').locator('td').first().textContent()).toBe('<img src=x onerror="window.__xss.push(1)">');
    expect(await messageWith(page, 'struck').locator('del').textContent()).toBe('<iframe src="javascript:window.__xss.push(7)"></iframe>');
  });

  it('shows search snippets as plain text with the match marked', async () => {
    const { page } = await rooms.open(makeTempDir('qwanyx-gfm-e2e-'));
    await createChannel(page, 'billing');
    await post(page, '| Client | Item |\n|---|---|\n| Acme | **quokka** invoice |', 'composer', 'Acme');
    await page.click('[data-testid="open-search"]');
    await page.locator('[data-testid="search-input"]').fill('quokka');
    const hit = page.locator('[data-testid^="search-hit-"]').first();
    await hit.waitFor();
    const snippet = hit.locator('.search-hit__snippet');
    expect(await snippet.locator('mark').first().textContent()).toBe('quokka');
    const text = (await snippet.textContent()) ?? '';
    expect(text).toContain('Acme quokka invoice');
    expect(text).not.toMatch(/\*\*|\||---/);
  });
});
