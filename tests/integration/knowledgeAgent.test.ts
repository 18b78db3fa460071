/**
 * A digital human answers from the knowledge base: a Markdown file of the
 * workspace and a PDF of its own are imported, a mention of it sends the
 * model the right passages with their sources, the knowledge_search tool
 * finds them too, and a deleted document is no longer found or sent.
 */
import { describe, expect, it } from 'vitest';
import type { KnowledgeDocument, KnowledgeSnippet, Message } from '../../src-main/common/contract';
import { agentSetup, chatRequests } from '../fixtures/agentSetup';
import { minimalPdf } from '../fixtures/minimalPdf';

const b64 = (bytes: Uint8Array | string): string => Buffer.from(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes).toString('base64');

const POLICY = `# Expense policy

## Travel

Train tickets are refunded within 14 days when the receipt is attached.

## Equipment

Laptops are replaced every three years.
`;

/** What the model is given besides its system message: knowledge passages come there, as data. */
function systemText(body: { messages: { role: string; content: string | null }[] }): string {
  expect(body.messages.find((m) => m.role === 'system')?.content).not.toContain('From "');
  return body.messages
    .filter((m) => m.role !== 'system')
    .map((m) => m.content ?? '')
    .join('\n');
}

describe('knowledge in the agent runtime', () => {
  it('sends the model the right passages with their sources, and forgets a deleted document', async () => {
    const { t, llm, workspaceId, dh, room } = await agentSetup({ dh: { tools: ['knowledge', 'post'] } });
    const policy = await t.call<KnowledgeDocument>('knowledge.import', { workspaceId, scope: 'workspace', fileName: 'expenses.md', contentBase64: b64(POLICY) });
    const pdf = minimalPdf([[{ text: 'Office guide', size: 18 }, 'The office opens at 8 am.'], [{ text: 'Wifi', size: 14 }, 'The guest wifi password is PurpleOtter42.']]);
    const guide = await t.call<KnowledgeDocument>('knowledge.import', { workspaceId, scope: dh.id, fileName: 'office.pdf', contentBase64: b64(pdf) });
    expect(guide.pages).toBe(2);

    llm.reply('Within 14 days, with the receipt (expenses.md).');
    const q1 = await t.call<Message>('message.post', { workspaceId, roomId: room.id, text: '@philippe how fast are train tickets refunded?' });
    expect((await t.core.agents.waitFor(workspaceId, dh.id, q1.id, 15_000))?.state).toBe('done');
    const first = systemText(chatRequests(llm)[0]!.body);
    expect(first).toContain('From "expenses.md › Expense policy › Travel": ');
    expect(first).toContain('refunded within 14 days when the receipt is attached');
    expect(first).not.toContain('PurpleOtter42');

    llm.reply('The guest wifi password is PurpleOtter42 (office.pdf, p. 2).');
    const q2 = await t.call<Message>('message.post', { workspaceId, roomId: room.id, text: '@philippe what is the guest wifi password?' });
    expect((await t.core.agents.waitFor(workspaceId, dh.id, q2.id, 15_000))?.state).toBe('done');
    const second = systemText(chatRequests(llm)[1]!.body);
    // A short file is one passage: cited by the heading it starts under and the pages it spans.
    expect(second).toContain('From "office.pdf › Office guide, pp. 1–2": ');
    expect(second).toContain('The guest wifi password is PurpleOtter42.');

    // The tool finds it as well, with its source.
    llm.reply({ toolCalls: [{ name: 'knowledge_search', arguments: JSON.stringify({ query: 'wifi password' }) }] }, 'Found it.');
    const q3 = await t.call<Message>('message.post', { workspaceId, roomId: room.id, text: '@philippe look up the wifi password in your documents' });
    expect((await t.core.agents.waitFor(workspaceId, dh.id, q3.id, 15_000))?.state).toBe('done');
    const toolResult = chatRequests(llm)[3]!.body.messages.find((m) => m.role === 'tool')?.content ?? '';
    expect(toolResult).toContain('PurpleOtter42');
    expect(toolResult).toContain('office.pdf › Office guide, pp. 1–2');

    await t.call('knowledge.delete', { workspaceId, documentId: guide.id });
    const found = await t.call<{ items: KnowledgeSnippet[] }>('knowledge.search', { workspaceId, dhId: dh.id, query: 'wifi password' });
    expect(found.items.map((i) => i.documentId)).not.toContain(guide.id);
    llm.reply('I do not know it any more.');
    const q4 = await t.call<Message>('message.post', { workspaceId, roomId: room.id, text: '@philippe what is the guest wifi password?' });
    expect((await t.core.agents.waitFor(workspaceId, dh.id, q4.id, 15_000))?.state).toBe('done');
    // (The conversation still holds the earlier answer; the documents sent no longer do.)
    const last = systemText(chatRequests(llm).at(-1)!.body).match(/passages of the workspace's documents[^⟧]*⟧([\s\S]*?)⟦\/data/)?.[1] ?? '';
    expect(last).not.toContain('PurpleOtter42');
    expect(last).not.toContain('office.pdf');
    expect((await t.call<KnowledgeDocument[]>('knowledge.list', { workspaceId })).map((d) => d.id)).toEqual([policy.id]);
  });

  it('leaves knowledge out for a digital human without the knowledge tool', async () => {
    const { t, llm, workspaceId, dh, room } = await agentSetup({ dh: { tools: ['post'] } });
    await t.call('knowledge.import', { workspaceId, scope: 'workspace', fileName: 'expenses.md', contentBase64: b64(POLICY) });
    llm.reply('I cannot say.');
    const q = await t.call<Message>('message.post', { workspaceId, roomId: room.id, text: '@philippe how fast are train tickets refunded?' });
    expect((await t.core.agents.waitFor(workspaceId, dh.id, q.id, 15_000))?.state).toBe('done');
    expect(JSON.stringify(chatRequests(llm)[0]!.body)).not.toContain('receipt is attached');
  });
});
