/**
 * Consents through the agent runtime, with the fake model server (a real
 * HTTP server) recording every request: a teammate who declined has their
 * messages, and memories learnt from them, kept out of every model request
 * (turn context, the memory_search tool, memory extraction), while a
 * teammate who did not decline is read as before; the local member saying
 * "no" forgets what was learnt from their messages (gone from the doc's
 * state too) and their own mentions get a clear refusal without a request.
 * Also the CLI: `qwanyx consent get|set`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ConsentView, Memory, MemoryPage, Message, Workspace } from '../../src-main/common/contract';
import { CONSENTS_MAP, writeConsentRecord } from '../../src-main/storage/consents/consentDocFormat';
import { dhDocName } from '../../src-main/storage/dh/dhDocFormat';
import type { RecordedRequest } from '../fixtures/fakeOpenAiServer';
import { agentSetup, roomMessages, type AgentSetup } from '../fixtures/agentSetup';
import { addPeerMember, postAsPeer, writeAsPeer } from '../fixtures/roomPeers';
import { runCliInProcess } from '../fixtures/runCliInProcess';

const JSON_ONLY = 'You answer with JSON only.';
type Body = { messages: { role: string; content: string | null }[] };

function isExtraction(req: RecordedRequest): boolean {
  return (req.body as Body).messages[0]?.content === JSON_ONLY;
}

async function memories(s: AgentSetup): Promise<Memory[]> {
  return (await s.t.call<MemoryPage>('memory.list', { workspaceId: s.workspaceId, dhId: s.dh.id, limit: 50 })).memories;
}

async function ask(s: AgentSetup, text: string): Promise<{ message: Message; state: string | undefined }> {
  const message = await s.t.call<Message>('message.post', { workspaceId: s.workspaceId, roomId: s.room.id, text: `@philippe ${text}` });
  return { message, state: (await s.t.core.agents.waitFor(s.workspaceId, s.dh.id, message.id, 15_000))?.state };
}

describe('consents', () => {
  it("keeps a teammate who declined out of every model request, and forgets what was learnt from them", async () => {
    const s = await agentSetup({ dh: { memoryEnabled: true } });
    addPeerMember(s.t, s.workspaceId, 'ines', 'Inès');
    addPeerMember(s.t, s.workspaceId, 'tom', 'Tom');
    postAsPeer(s.t, s.workspaceId, s.room.id, { id: 'ines-1', authorId: 'ines', text: 'Our supplier code word is ZEPHYRINE, keep it for the quote.', createdAt: Date.now() - 9_000 });
    postAsPeer(s.t, s.workspaceId, s.room.id, { id: 'tom-1', authorId: 'tom', text: 'The quote is due on Friday, says TOMASSO.', createdAt: Date.now() - 8_000 });
    // Learnt from Inès's message before she declined (as on another device).
    await s.t.call('memory.add', { workspaceId: s.workspaceId, dhId: s.dh.id, text: 'The supplier code word is ZEPHYRINE.', sourceMessageIds: ['ines-1'] });
    await s.t.call('memory.add', { workspaceId: s.workspaceId, dhId: s.dh.id, text: 'The client is based in Lyon.' });
    // Inès declines on her device; her choice arrives from the relay.
    writeAsPeer(s.t, s.workspaceId, 'governance', (doc) => doc.getMap(CONSENTS_MAP).set('ines', writeConsentRecord({ dhRead: false, at: Date.now() })));

    const start = s.llm.requests.length;
    s.llm.reply(
      { toolCalls: [{ name: 'memory_search', arguments: JSON.stringify({ query: 'supplier code word quote' }) }] },
      'The quote is due on Friday.',
      (req) => (isExtraction(req) ? JSON.stringify({ operations: [{ op: 'ADD', text: 'The quote is due on Friday.', kind: 'fact' }] }) : 'Noted.'),
    );
    const turn = await ask(s, 'what is the supplier code word, and when is the quote due?');
    expect(turn.state).toBe('done');
    await expect.poll(async () => (await memories(s)).some((m) => m.text === 'The quote is due on Friday.'), { timeout: 10_000 }).toBe(true);
    const sent = s.llm.requests.slice(start);
    expect(sent.some(isExtraction)).toBe(true);
    // The search's result reached the model: Tom's message about the quote, not Inès's.
    const toolResult = sent.flatMap((r) => (r.body as Body).messages).find((m) => m.role === 'tool')?.content ?? '';
    expect(toolResult).toContain('TOMASSO');
    expect(toolResult).not.toContain('ZEPHYRINE');
    const bodies = JSON.stringify(sent.map((r) => r.body));
    expect(bodies).not.toContain('ZEPHYRINE');
    // The teammate who did not decline, and the person asking, are read as before.
    expect(bodies).toContain('TOMASSO');
    expect(bodies).toContain('what is the supplier code word');
    // What was learnt from Inès is forgotten on this device, and gone from the doc's state.
    expect((await memories(s)).map((m) => m.text).sort()).toEqual(['The client is based in Lyon.', 'The quote is due on Friday.']);
    expect(Buffer.from(Y.encodeStateAsUpdate(s.t.core.workspaces.handle(s.workspaceId).docs.doc(dhDocName(s.dh.id)))).includes('ZEPHYRINE')).toBe(false);
    // The new memory points back to every message of the exchange: Tom's, the question, the reply; never Inès's.
    const learnt = (await memories(s)).find((m) => m.text === 'The quote is due on Friday.')!;
    expect(learnt.sourceMessageIds).toEqual(expect.arrayContaining(['tom-1', turn.message.id]));
    expect(learnt.sourceMessageIds).not.toContain('ines-1');
  });

  it('saying "no" forgets what was learnt from me, and my mentions get a refusal without any request', async () => {
    const s = await agentSetup({ dh: { memoryEnabled: true } });
    expect(await s.t.call<ConsentView>('consent.get', { workspaceId: s.workspaceId })).toEqual({ memberId: s.userId, dhRead: true, at: null, forgotten: 0 });
    await s.t.call('memory.add', { workspaceId: s.workspaceId, dhId: s.dh.id, text: 'The client is based in Lyon.' });
    s.llm.reply('Noted.', JSON.stringify({ operations: [{ op: 'ADD', text: 'My budget for the audit is 12,400 EUR.', kind: 'fact' }] }));
    const told = await ask(s, 'remember: my budget for the audit is 12,400 EUR');
    expect(told.state).toBe('done');
    await expect.poll(async () => (await memories(s)).length, { timeout: 10_000 }).toBe(2);
    // More than one batch of memory operations learnt from the same message: all go at once.
    const many = Array.from({ length: 250 }, (_, i) => ({ text: `Detail ${i} of my audit budget.`, sourceMessageIds: [told.message.id] }));
    await s.t.call('memory.import', { workspaceId: s.workspaceId, dhId: s.dh.id, items: many });

    const off = await s.t.call<ConsentView>('consent.set', { workspaceId: s.workspaceId, dhRead: false });
    expect(off).toMatchObject({ memberId: s.userId, dhRead: false, forgotten: 251 });
    expect((await memories(s)).map((m) => m.text)).toEqual(['The client is based in Lyon.']);
    expect(Buffer.from(Y.encodeStateAsUpdate(s.t.core.workspaces.handle(s.workspaceId).docs.doc(dhDocName(s.dh.id)))).includes('12,400')).toBe(false);
    const entry = s.t.core.workspaces.handle(s.workspaceId).docs.doc('governance').getMap(CONSENTS_MAP).get(s.userId);
    expect(entry).toMatchObject({ dhRead: false });

    const before = s.llm.requests.length;
    const refused = await ask(s, 'what is my budget?');
    expect(refused.state).toBe('failed');
    const reply = (await roomMessages(s.t, s.workspaceId, s.room.id)).find((m) => m.authorId === s.dh.id && m.createdAt >= refused.message.createdAt);
    expect(reply?.text).toMatch(/you chose that digital humans do not read what you write/);
    expect(s.llm.requests.length).toBe(before);

    // Back to yes: the DH answers again.
    expect((await s.t.call<ConsentView>('consent.set', { workspaceId: s.workspaceId, dhRead: true })).dhRead).toBe(true);
    s.llm.reply('Hello again.', JSON.stringify({ operations: [{ op: 'NOOP' }] }));
    expect((await ask(s, 'hello?')).state).toBe('done');
    await expect(s.t.call('consent.set', { workspaceId: s.workspaceId, dhRead: 'no' })).rejects.toThrow(/dhRead is true or false/);
  });

  it('qwanyx consent get|set', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'qwanyx-consent-'));
    const created = await runCliInProcess(dataDir, ['workspace', 'create', 'Acme', '--json']);
    expect(created.code).toBe(0);
    const ws = JSON.parse(created.out.join('\n')) as Workspace;
    const get = await runCliInProcess(dataDir, ['consent', 'get', '--workspace', ws.id]);
    expect(get.out.join('\n')).toContain('Digital humans may read and remember what you write here (default');
    const set = await runCliInProcess(dataDir, ['consent', 'set', '--workspace', ws.id, '--dh-read', 'no', '--json']);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.out.join('\n'))).toMatchObject({ dhRead: false, forgotten: 0 });
    expect((await runCliInProcess(dataDir, ['consent', 'get', '--workspace', ws.id])).out.join('\n')).toContain('may NOT read');
    const bad = await runCliInProcess(dataDir, ['consent', 'set', '--workspace', ws.id, '--dh-read', 'maybe']);
    expect(bad.code).not.toBe(0);
    expect(bad.err.join('\n')).toContain('--dh-read takes yes or no');
  });
});
