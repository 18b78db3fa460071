// Notion through the REST connector's shipped `notion` description against
// a fake Notion API over real HTTP (token and Notion-Version checked on every
// request), each call through the workspace's real gate: search, a page's
// blocks as text across pages of blocks, appending paragraphs held for
// approval then done once, 429 with Retry-After, 401.
import { describe, expect, it } from 'vitest';
import { paragraph, startFakeNotion } from '../fixtures/fakeNotionServer';
import { restSetup } from '../fixtures/restSetup';

const TOKEN = 'secret_notionToken0123456789';

async function setup() {
  const notion = await startFakeNotion({ tokens: [TOKEN] });
  const r = await restSetup();
  const view = await r.t.call<{ state: string; tools: { name: string; write: boolean }[] }>('rest.add', { workspaceId: r.workspaceId, name: 'notion', spec: 'notion', baseUrl: notion.baseUrl, credentials: { kind: 'header', value: TOKEN } });
  return { ...r, notion, view };
}

describe('Notion tools', () => {
  it('searches, reads a page as text across block pages, with the token and version on every request', async () => {
    const s = await setup();
    expect(s.view.state).toBe('connected');
    expect(s.view.tools).toEqual([
      { name: 'rest_notion_search', write: false },
      { name: 'rest_notion_read_page', write: false },
      { name: 'rest_notion_append_paragraphs', write: true },
    ]);
    const blocks = [paragraph('Launch plan', 'heading_1'), ...Array.from({ length: 149 }, (_, n) => paragraph(`Step ${n}`, n % 2 ? 'bulleted_list_item' : 'paragraph'))];
    const id = s.notion.addPage('Launch plan', blocks);
    s.notion.addPage('Holidays', [paragraph('Beach')]);
    const found = await s.callTool('rest_notion_search', { query: 'Launch' });
    expect(found.ok, found.error).toBe(true);
    expect((found.result as { results: { id: string }[] }).results.map((p) => p.id)).toEqual([id]);
    const read = await s.callTool('rest_notion_read_page', { pageId: id });
    expect(read.ok, read.error).toBe(true);
    const r = read.result as { text: string; blocks: number; more: boolean };
    expect(r.blocks).toBe(150);
    expect(r.more).toBe(false);
    expect(r.text.split('\n')[0]).toBe('# Launch plan');
    expect(r.text).toContain('- Step 1\nStep 2');
    expect(r.text).toContain('Step 148');
    expect(s.notion.requests.filter((q) => q.path.endsWith('/children'))).toHaveLength(2);
    expect(s.notion.requests.every((q) => q.token === TOKEN && q.version === '2022-06-28')).toBe(true);
    const cut = await s.callTool('rest_notion_read_page', { pageId: id, maxChars: 200 });
    expect((cut.result as { text: string; truncatedChars: number }).truncatedChars).toBeGreaterThan(0);
    const bad = await s.callTool('rest_notion_read_page', { pageId: 'not-an-id' });
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('Notion page id') });
  });

  it('holds appending paragraphs for approval, then appends once', async () => {
    const s = await setup();
    const id = s.notion.addPage('Notes', [paragraph('First')]);
    const held = await s.callTool('rest_notion_append_paragraphs', { pageId: id, paragraphs: ['Second', 'Third'] });
    expect(held.pending).toBeDefined();
    expect(s.notion.blocks(id)).toHaveLength(1);
    const done = await s.callTool('rest_notion_append_paragraphs', { pageId: id, paragraphs: ['Second', 'Third'] }, { confirmedBy: 'Me' });
    expect(done.ok, done.error).toBe(true);
    expect(done.result).toMatchObject({ appended: 2 });
    const text = await s.callTool('rest_notion_read_page', { pageId: id });
    expect((text.result as { text: string }).text).toBe('First\nSecond\nThird');
    expect(s.notion.requests.filter((q) => q.method === 'PATCH')).toHaveLength(1);
  });

  it('waits out a short Retry-After, and goes to reconnect on a 401', async () => {
    const s = await setup();
    const id = s.notion.addPage('Notes', [paragraph('First')]);
    s.notion.rateLimitNext(1);
    const ok = await s.callTool('rest_notion_read_page', { pageId: id });
    expect(ok.ok, ok.error).toBe(true);
    s.notion.revoke(TOKEN);
    const refused = await s.callTool('rest_notion_search', { query: 'x' });
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('Notion needs to be connected again') });
    expect((await s.t.call<{ state: string }[]>('rest.list', { workspaceId: s.workspaceId }))[0]!.state).toBe('reconnect');
  });
});
