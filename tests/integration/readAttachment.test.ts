/**
 * read_attachment: a digital human reads a text, Markdown, HTML or PDF file
 * attached to a message of the room it answers in, through the real gate of
 * a real core (files stored as blobs, messages in the room doc). Files of
 * other rooms, of private rooms the asker is not in, and unsupported types
 * are refused with a clear error; a long text is read a part at a time; a
 * large PDF is read on a worker while the core's event loop keeps turning.
 * And, end to end with the fake model server: asked about an attached file,
 * the DH calls the tool and its next request carries the text as data.
 */
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { toolGateOf } from '../../src-main/agents/runtime/toolGateOf';
import type { ToolContext } from '../../src-main/agents/tools/AgentTool';
import type { AttachedFile, DigitalHuman, Message, Room } from '../../src-main/common/contract';
import { extractPdfOffThread } from '../../src-main/domain/knowledge/extractPdfOffThread';
import { agentSetup, chatRequests, roomMessages } from '../fixtures/agentSetup';
import { makeCore, type TestCore } from '../fixtures/makeCore';
import { minimalPdf } from '../fixtures/minimalPdf';
import { CONSENTS_MAP, writeConsentRecord } from '../../src-main/storage/consents/consentDocFormat';
import { addPeerMember, meAndWorkspace, postAsPeer, writeAsPeer } from '../fixtures/roomPeers';

interface Setup {
  t: TestCore;
  workspaceId: string;
  userId: string;
  dh: DigitalHuman;
  room: Room;
}

async function setup(): Promise<Setup> {
  const t = await makeCore();
  const { me, workspaceId } = await meAndWorkspace(t);
  const dh = await t.call<DigitalHuman>('dh.create', { workspaceId, name: 'Reader', handle: 'reader', persona: 'Reads files.', tools: ['knowledge'] });
  const room = await t.call<Room>('room.create', { workspaceId, name: 'files-room', memberIds: [dh.id] });
  return { t, workspaceId, userId: me.userId, dh, room };
}

async function post(s: Setup, roomId: string, files: { name: string; type: string; bytes: Uint8Array }[]): Promise<Message & { hashes: string[] }> {
  const hashes: string[] = [];
  for (const f of files) {
    hashes.push((await s.t.call<AttachedFile>('file.attach', { workspaceId: s.workspaceId, name: f.name, type: f.type, data: Buffer.from(f.bytes).toString('base64') })).hash);
  }
  return { ...(await s.t.call<Message>('file.post', { workspaceId: s.workspaceId, roomId, files: hashes })), hashes };
}

function ctxOf(s: Setup, roomId = s.room.id, onBehalfOf: string | null = s.userId): ToolContext {
  return {
    workspaceId: s.workspaceId,
    dh: s.dh,
    roomId,
    threadRootId: null,
    onBehalfOf,
    jobId: 'job-test',
    triggerMessageId: null,
    replyId: null,
    untrusted: new Set(),
    usage: { tokens: 0, toolCalls: 0, messages: 0 },
  };
}

type Read = { name: string; text: string; totalChars: number; offset: number; nextOffset: number | null; note: string; pages: number | null };

async function read(s: Setup, args: Record<string, unknown>, ctx = ctxOf(s)): Promise<{ ok: boolean; result?: Read; error?: string }> {
  const { gate } = toolGateOf(s.t.core.agents, s.t.core.workspaces.handle(s.workspaceId));
  return (await gate.call(ctx, 'read_attachment', JSON.stringify(args))) as { ok: boolean; result?: Read; error?: string };
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('read_attachment', () => {
  it('reads text, Markdown, HTML and PDF files of the room, and marks the context untrusted', async () => {
    const s = await setup();
    const message = await post(s, s.room.id, [
      { name: 'notes.txt', type: 'text/plain', bytes: utf8('The kickoff is on Tuesday.') },
      { name: 'plan.md', type: 'text/markdown', bytes: utf8('# Plan\n\nShip the **beta** in May.') },
      { name: 'page.html', type: 'text/html', bytes: utf8('<html><head><title>Offer</title><script>evil()</script></head><body><h1>Offer</h1><p>Price: 4,200 EUR.</p></body></html>') },
      { name: 'report.pdf', type: 'application/pdf', bytes: minimalPdf([[{ text: 'Quarterly report', size: 20 }, 'Revenue grew by 12 percent.'], ['Costs fell.']]) },
    ]);
    const ctx = ctxOf(s);
    const txt = await read(s, { messageId: message.id, index: 0 }, ctx);
    expect(txt.ok, txt.error).toBe(true);
    expect(txt.result).toMatchObject({ name: 'notes.txt', text: 'The kickoff is on Tuesday.', nextOffset: null, offset: 0 });
    expect(ctx.untrusted.has('tool-results')).toBe(true);
    expect((await read(s, { messageId: message.id, index: 1 })).result!.text).toBe('# Plan\n\nShip the **beta** in May.');
    const html = (await read(s, { messageId: message.id, index: 2 })).result!;
    expect(html.text).toContain('# Offer');
    expect(html.text).toContain('Price: 4,200 EUR.');
    expect(html.text).not.toContain('evil');
    const pdf = (await read(s, { messageId: message.id, index: 3 })).result!;
    expect(pdf.pages).toBe(2);
    expect(pdf.text).toBe('[page 1]\n\n# Quarterly report\n\nRevenue grew by 12 percent.\n\n[page 2]\n\nCosts fell.');
    // By hash too: some message of this room names it.
    expect((await read(s, { hash: message.hashes[0]! })).result!.text).toBe('The kickoff is on Tuesday.');
  });

  it('refuses unsupported types, missing files and bad input with a clear error', async () => {
    const s = await setup();
    const message = await post(s, s.room.id, [{ name: 'photo.png', type: 'image/png', bytes: Buffer.from('\u0089PNG\r\n\u001a\nnot really', 'latin1') }]);
    const png = await read(s, { messageId: message.id, index: 0 });
    expect(png.ok).toBe(false);
    expect(png.error).toBe('photo.png (image/png) cannot be read as text: only Markdown, text, HTML or PDF files can');
    expect((await read(s, { messageId: message.id, index: 3 })).error).toContain(`No file 3 on message ${message.id}`);
    expect((await read(s, {})).error).toContain('give messageId (and index) or hash');
    expect((await read(s, { hash: 'abc' })).error).toContain('64 hex digits');
  });

  it('never reads a file of another room, nor of a private room the asker is not in', async () => {
    const s = await setup();
    const other = await s.t.call<Room>('room.create', { workspaceId: s.workspaceId, name: 'other-room' });
    const elsewhere = await post(s, other.id, [{ name: 'secret.txt', type: 'text/plain', bytes: utf8('Salaries of 2027.') }]);
    const byId = await read(s, { messageId: elsewhere.id, index: 0 });
    expect(byId.ok).toBe(false);
    expect(byId.error).toContain('No file 0 on message');
    const byHash = await read(s, { hash: elsewhere.hashes[0]! });
    expect(byHash.ok).toBe(false);
    expect(byHash.error).toBe('No message of this conversation has that file');
    // A private room: read for its members, refused for someone who is not in it.
    const hidden = await s.t.call<Room>('room.create', { workspaceId: s.workspaceId, name: 'board', private: true, memberIds: [s.dh.id] });
    const inside = await post(s, hidden.id, [{ name: 'board.txt', type: 'text/plain', bytes: utf8('Board minutes.') }]);
    expect((await read(s, { messageId: inside.id, index: 0 }, ctxOf(s, hidden.id))).result!.text).toBe('Board minutes.');
    addPeerMember(s.t, s.workspaceId, 'peer-outsider', 'Outsider');
    const outsider = await read(s, { messageId: inside.id, index: 0 }, ctxOf(s, hidden.id, 'peer-outsider'));
    expect(outsider.ok).toBe(false);
    expect(outsider.error).toBe('No such room in this workspace');
  });

  it("reads a teammate's file until they decline that digital humans read what they write", async () => {
    const s = await setup();
    addPeerMember(s.t, s.workspaceId, 'ines', 'Inès');
    const bytes = utf8('Supplier list: Atelier Nord, Verrerie Sud.');
    // The blob is on this device (as once downloaded from the relay); the message comes from Inès's device.
    const { hash, size } = await s.t.call<AttachedFile>('file.attach', { workspaceId: s.workspaceId, name: 'suppliers.txt', type: 'text/plain', data: Buffer.from(bytes).toString('base64') });
    postAsPeer(s.t, s.workspaceId, s.room.id, { id: 'ines-1', authorId: 'ines', text: 'suppliers.txt', files: [{ hash, name: 'suppliers.txt', size, type: 'text/plain' }] });
    expect((await read(s, { hash })).result!.text).toBe('Supplier list: Atelier Nord, Verrerie Sud.');
    writeAsPeer(s.t, s.workspaceId, 'governance', (doc) => doc.getMap(CONSENTS_MAP).set('ines', writeConsentRecord({ dhRead: false, at: Date.now() })));
    const refused = await read(s, { messageId: 'ines-1', index: 0 });
    expect(refused.ok).toBe(false);
    expect(refused.error).toBe('suppliers.txt was posted by a member who declined that digital humans read what they write');
  });

  it('reads a long text a part at a time', async () => {
    const s = await setup();
    const long = Array.from({ length: 3000 }, (_, i) => `Line ${i} of the contract.`).join('\n');
    const message = await post(s, s.room.id, [{ name: 'contract.txt', type: 'text/plain', bytes: utf8(long) }]);
    const first = (await read(s, { messageId: message.id, maxChars: 5000 })).result!;
    expect(first.totalChars).toBeGreaterThan(50_000);
    expect(first.text.length).toBe(5000);
    expect(first.nextOffset).toBe(5000);
    expect(first.note).toContain('offset 5000');
    const second = (await read(s, { messageId: message.id, maxChars: 5000, offset: 5000 })).result!;
    const whole = (await read(s, { messageId: message.id, maxChars: 30_000 })).result!;
    expect(second.text).toBe(whole.text.slice(5000, 10_000));
    const last = (await read(s, { messageId: message.id, offset: first.totalChars - 10 })).result!;
    expect(last.text.length).toBe(10);
    expect(last.nextOffset).toBeNull();
    expect((await read(s, { messageId: message.id, offset: first.totalChars + 1 })).error).toContain('past the end');
  });

  it('reads a large PDF on a worker while the event loop keeps turning', async () => {
    const pages = Array.from({ length: 500 }, (_, p) => Array.from({ length: 40 }, (_, l) => `Page ${p + 1} line ${l + 1}: the parties agree to the terms set out here.`));
    const bytes = minimalPdf(pages);
    let worst = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last - 10);
      last = now;
    }, 10);
    // PDF.js on this thread would yield often (small timer lag) but keep it busy all along: the share of time the
    // event loop is busy tells the two apart (about 1 on this thread, about 0.15 with the worker).
    const elu = performance.eventLoopUtilization();
    let busy = 1;
    try {
      const document = await extractPdfOffThread(bytes, 'big.pdf');
      busy = performance.eventLoopUtilization(elu).utilization;
      expect(document.pages).toBe(500);
      expect(document.blocks.at(-1)!.text).toContain('Page 500 line 40');
    } finally {
      clearInterval(timer);
    }
    expect(worst, 'timer lag (ms)').toBeLessThan(200);
    expect(busy, 'event loop utilization while the PDF is read').toBeLessThan(0.5);
  }, 120_000);
});

describe('a digital human asked about an attached file', () => {
  it('calls read_attachment and gets the text as data', async () => {
    const s = await agentSetup({ dh: { tools: ['knowledge'] } });
    const attached = await s.t.call<AttachedFile>('file.attach', {
      workspaceId: s.workspaceId,
      name: 'brief.md',
      type: 'text/markdown',
      data: Buffer.from('# Brief\n\nThe launch budget is 18,500 EUR.').toString('base64'),
    });
    let reference: { messageId: string; index: number } | null = null;
    s.llm.reply(
      (req) => {
        const body = req.body as { messages: { content: string | null }[] };
        const match = /read_attachment messageId (\S+) index (\d+)/.exec(JSON.stringify(body.messages));
        reference = match ? { messageId: match[1]!, index: Number(match[2]) } : null;
        return { toolCalls: [{ name: 'read_attachment', arguments: JSON.stringify(reference ?? {}) }] };
      },
      'The launch budget is 18,500 EUR.',
    );
    const asked = await s.t.call<Message>('file.post', { workspaceId: s.workspaceId, roomId: s.room.id, text: '@philippe@qwanyx.com what is the budget in this file?', files: [attached.hash] });
    await expect.poll(async () => (await roomMessages(s.t, s.workspaceId, s.room.id)).some((m) => m.text.includes('18,500 EUR') && m.authorId === s.dh.id), { timeout: 15_000 }).toBe(true);
    expect(reference).toEqual({ messageId: asked.id, index: 0 });
    const requests = chatRequests(s.llm);
    expect(JSON.stringify(requests[0]!.body.messages)).toContain('brief.md (text/markdown, 41 B; read_attachment');
    const tool = requests[1]!.body.messages.find((m) => m.role === 'tool')!;
    expect(tool.content).toMatch(/⟦data (\w+) · result of read_attachment⟧[\s\S]*launch budget is 18,500 EUR[\s\S]*⟦\/data \1⟧/);
  }, 30_000);
});
