import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMessageRecord, writeMessageRecord, type MessageRecord } from '../rooms/roomDocFormat';
import { MAX_CALLS_PER_REPLY, TOOL_CALL_LIMITS, TOOL_CALLS_MAP, approvalReportIds, parseToolCallKey, readRoomToolCalls, readToolCall, toolCallKey, writeToolCall, type ToolCallRecord } from './toolCallDocFormat';

function call(over: Partial<ToolCallRecord> = {}): ToolCallRecord {
  return {
    messageId: 'reply1',
    index: 0,
    dhId: 'dh1',
    postedBy: 'bob',
    tool: 'github_list_issues',
    words: { key: 'github.openIssues', params: { repo: 'acme/api', count: 3 } },
    target: 'acme/api',
    outcome: 'ok',
    reason: null,
    ms: 42,
    arguments: '{"repo":"acme/api"}',
    result: '#12 Broken build (open)',
    at: 1000,
    approvalId: null,
    ...over,
  };
}

function reply(over: Partial<MessageRecord> = {}): MessageRecord {
  return { id: 'reply1', authorId: 'dh1', text: 'Three issues are open.', createdAt: 1, editedAt: null, deleted: false, threadRootId: null, mentions: [], postedBy: 'bob', ...over };
}

function roomDoc(messages: MessageRecord[], calls: ToolCallRecord[]): Y.Doc {
  const doc = new Y.Doc();
  for (const m of messages) doc.getMap('messages').set(m.id, writeMessageRecord(m));
  for (const c of calls) writeToolCall(doc, c);
  return doc;
}

function shown(doc: Y.Doc): Map<string, ToolCallRecord[]> {
  const messages = doc.getMap('messages');
  return readRoomToolCalls(doc, (id) => readMessageRecord(id, messages.get(id)));
}

describe('toolCallDocFormat', () => {
  it('reads back what it writes', () => {
    const doc = roomDoc([reply()], [call()]);
    const key = toolCallKey('reply1', 0);
    expect(readToolCall(key, doc.getMap(TOOL_CALLS_MAP).get(key))).toEqual(call());
  });

  it('refuses malformed keys and values a peer may send', () => {
    const good = { ...call() } as Record<string, unknown>;
    delete good.messageId;
    delete good.index;
    expect(parseToolCallKey('reply1')).toBeNull();
    expect(parseToolCallKey('reply1 01')).toBeNull();
    expect(parseToolCallKey(`reply1 ${MAX_CALLS_PER_REPLY}`)).toBeNull();
    expect(parseToolCallKey('../x 0')).toBeNull();
    expect(readToolCall('reply1 0', null)).toBeNull();
    expect(readToolCall('reply1 0', [good])).toBeNull();
    expect(readToolCall('reply1 0', { ...good, dhId: 'no spaces allowed' })).toBeNull();
    expect(readToolCall('reply1 0', { ...good, postedBy: 7 })).toBeNull();
    expect(readToolCall('reply1 0', { ...good, tool: '<script>' })).toBeNull();
    expect(readToolCall('reply1 0', { ...good, outcome: 'maybe' })).toBeNull();
    expect(readToolCall('reply1 0', { ...good, at: 'yesterday' })).toBeNull();
  });

  it('cuts what is too long and drops what does not fit the shape', () => {
    const huge = 'x'.repeat(100_000);
    const hostile = {
      dhId: 'dh1',
      postedBy: 'bob',
      tool: 'github_list_issues',
      words: { key: 'no such key!', params: { ...(JSON.parse('{"__proto__":{"polluted":true}}') as object), repo: huge, 'bad name': 1, nested: { a: 1 }, n: Number.NaN, ok: 2, a: 'a', b: 'b', c: 'c', d: 'd', e: 'e', f: 'f', g: 'g' } },
      target: huge,
      outcome: 'failed',
      reason: huge,
      ms: -5,
      arguments: huge,
      result: huge,
      at: 5,
    };
    const read = readToolCall('reply1 3', hostile)!;
    expect(read.index).toBe(3);
    expect(read.words.key).toBe('called');
    expect(Object.keys(read.words.params).length).toBeLessThanOrEqual(TOOL_CALL_LIMITS.params);
    expect(read.words.params).not.toHaveProperty('bad name');
    expect(read.words.params).not.toHaveProperty('nested');
    expect(read.words.params).not.toHaveProperty('n');
    expect(String(read.words.params.repo).length).toBeLessThanOrEqual(TOOL_CALL_LIMITS.param);
    expect(read.target!.length).toBeLessThanOrEqual(TOOL_CALL_LIMITS.target);
    expect(read.reason!.length).toBeLessThanOrEqual(TOOL_CALL_LIMITS.reason);
    expect(read.arguments.length).toBeLessThanOrEqual(TOOL_CALL_LIMITS.arguments);
    expect(read.result!.length).toBeLessThanOrEqual(TOOL_CALL_LIMITS.result);
    expect(read.ms).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A reason on a call that went well is not shown.
    expect(readToolCall('reply1 0', { ...hostile, outcome: 'ok' })!.reason).toBeNull();
  });

  it('shows calls only under the reply of their digital human posted by the same member, in order', () => {
    const doc = roomDoc(
      [reply(), reply({ id: 'mine', authorId: 'carol', postedBy: null }), reply({ id: 'other', postedBy: 'carol' }), reply({ id: 'gone', deleted: true })],
      [
        call({ index: 1, words: { key: 'memory.search', params: {} } }),
        call(),
        call({ messageId: 'mine', dhId: 'carol' }),
        call({ messageId: 'other' }),
        call({ messageId: 'gone' }),
        call({ messageId: 'nowhere' }),
        call({ index: 2, dhId: 'dh2' }),
      ],
    );
    const byReply = shown(doc);
    expect([...byReply.keys()]).toEqual(['reply1']);
    expect(byReply.get('reply1')!.map((c) => c.index)).toEqual([0, 1]);
  });

  it('links a call run once approved to its approval, and names the replies that report such runs', () => {
    const doc = roomDoc(
      [reply(), reply({ id: 'report1', text: 'Done.' })],
      [call(), call({ messageId: 'report1', tool: 'github_dispatch_workflow', approvalId: 'appr-1', result: 'dispatched: true' })],
    );
    const key = toolCallKey('report1', 0);
    expect(readToolCall(key, doc.getMap(TOOL_CALLS_MAP).get(key))).toMatchObject({ approvalId: 'appr-1', result: 'dispatched: true' });
    // A call of the reply itself carries no approval, not even an empty field.
    expect(doc.getMap(TOOL_CALLS_MAP).get(toolCallKey('reply1', 0))).not.toHaveProperty('approvalId');
    expect(shown(doc).get('report1')!.map((c) => c.approvalId)).toEqual(['appr-1']);
    expect([...approvalReportIds(doc)]).toEqual(['report1']);
    // What a peer may send instead of an id links nothing.
    const good = doc.getMap(TOOL_CALLS_MAP).get(key) as Record<string, unknown>;
    for (const bad of ['has space', '../x', 7, { id: 'appr-1' }, 'x'.repeat(65)]) {
      expect(readToolCall(key, { ...good, approvalId: bad })!.approvalId).toBeNull();
    }
    doc.getMap(TOOL_CALLS_MAP).set(key, { ...good, approvalId: 'has space' });
    expect(approvalReportIds(doc).size).toBe(0);
  });

  it('never writes more than a reply shows', () => {
    const doc = roomDoc([reply()], [call({ index: MAX_CALLS_PER_REPLY }), call({ index: -1 })]);
    expect(doc.getMap(TOOL_CALLS_MAP).size).toBe(0);
  });
});
