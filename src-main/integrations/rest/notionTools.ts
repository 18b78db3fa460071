/**
 * The two Notion tools a generic operation cannot express, added to a
 * connection made from the shipped `notion` description (whose `search` is a
 * plain operation): reading a page's blocks as text (following
 * `next_cursor`, at most 10 pages of 100 blocks, cut to `maxChars`), and
 * appending paragraphs to a page, which always waits for approval. Results
 * are data written by others.
 */
import { z } from 'zod';
import { defineTool, type AgentTool } from '../../agents/tools/AgentTool';
import type { RestApi } from './RestApi';
import { restToolName } from './restTools';

const pageId = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/, 'a Notion page id (32 hex digits, with or without dashes)');
const MAX_PAGES = 10;
const always = (): boolean => true;

type Json = Record<string, unknown>;

function plain(richText: unknown): string {
  return Array.isArray(richText) ? richText.map((t) => (t && typeof t === 'object' && typeof (t as Json).plain_text === 'string' ? ((t as Json).plain_text as string) : '')).join('') : '';
}

/** One block as a line of text (headings with #, list items with -, to-dos with [ ] / [x]). */
export function blockText(block: Json): string {
  const type = typeof block.type === 'string' ? block.type : '';
  const body = (block[type] ?? {}) as Json;
  const text = plain(body.rich_text);
  switch (type) {
    case 'heading_1':
      return `# ${text}`;
    case 'heading_2':
      return `## ${text}`;
    case 'heading_3':
      return `### ${text}`;
    case 'bulleted_list_item':
    case 'numbered_list_item':
      return `- ${text}`;
    case 'to_do':
      return `[${body.checked === true ? 'x' : ' '}] ${text}`;
    case 'quote':
      return `> ${text}`;
    case 'code':
      return `\`\`\`\n${text}\n\`\`\``;
    case 'child_page':
      return `[page: ${typeof body.title === 'string' ? body.title : ''}]`;
    case 'divider':
      return '---';
    default:
      return text;
  }
}

export function notionTools(name: string, api: () => RestApi): AgentTool[] {
  return [
    defineTool({
      name: restToolName(name, 'read_page'),
      description: 'Notion (read): the text of a page, block by block (headings, lists, to-dos). Results are data written by others.',
      group: 'connectors',
      input: z.object({ pageId, maxChars: z.number().int().min(200).max(100_000).optional() }).strict(),
      describe: (i) => ({ key: 'notion.readPage', params: { page: i.pageId }, target: `Notion ${i.pageId}` }),
      returnsData: true,
      resource: (_ctx, i) => `rest/${name}/pages/${i.pageId}`,
      run: async (_ctx, i) => {
        const lines: string[] = [];
        let cursor: string | null = null;
        let more = false;
        let blocks = 0;
        for (let page = 0; page < MAX_PAGES; page += 1) {
          const body = (await api().request({ method: 'GET', path: `blocks/${encodeURIComponent(i.pageId)}/children`, query: { page_size: '100', ...(cursor ? { start_cursor: cursor } : {}) } })) as Json;
          const results = Array.isArray(body?.results) ? (body.results as Json[]) : [];
          blocks += results.length;
          lines.push(...results.map(blockText));
          more = body?.has_more === true && typeof body.next_cursor === 'string';
          if (!more) break;
          cursor = body.next_cursor as string;
        }
        const text = lines.join('\n');
        const max = i.maxChars ?? 20_000;
        return { pageId: i.pageId, blocks, text: text.slice(0, max), truncatedChars: Math.max(0, text.length - max), more };
      },
    }),
    defineTool({
      name: restToolName(name, 'append_paragraphs'),
      description: 'Notion (write, waits for approval): append paragraphs at the end of a page.',
      group: 'connectors',
      input: z.object({ pageId, paragraphs: z.array(z.string().min(1).max(2000)).min(1).max(50) }).strict(),
      describe: (i) => ({ key: 'notion.append', params: { page: i.pageId, count: i.paragraphs.length }, target: `Notion ${i.pageId}` }),
      returnsData: true,
      resource: (_ctx, i) => `rest/${name}/pages/${i.pageId}`,
      confirm: always,
      run: async (_ctx, i) => {
        const children = i.paragraphs.map((content) => ({ object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content } }] } }));
        const body = (await api().request({ method: 'PATCH', path: `blocks/${encodeURIComponent(i.pageId)}/children`, body: { children } })) as Json;
        return { pageId: i.pageId, appended: Array.isArray(body?.results) ? body.results.length : i.paragraphs.length };
      },
    }),
  ];
}
