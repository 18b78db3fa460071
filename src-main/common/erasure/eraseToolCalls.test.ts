import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeToolCall, type ToolCallRecord } from '../../storage/agents/toolCallDocFormat';
import { eraseFromRoomDoc, roomDocHolds } from './eraseFromDoc';

function call(messageId: string, postedBy: string): ToolCallRecord {
  return { messageId, index: 0, dhId: 'dh1', postedBy, tool: 'memory_search', words: { key: 'memory.search', params: { query: 'what Bob said' } }, target: null, outcome: 'ok', reason: null, ms: 3, arguments: '{"query":"what Bob said"}', result: 'Bob said x', at: 10 };
}

describe('erasing tool calls', () => {
  it('removes the tool calls a member’s device recorded and those of removed messages, and nothing else', () => {
    const doc = new Y.Doc();
    doc.getMap('messages').set('m1', { authorId: 'bob', createdAt: 1, text: 'hi' });
    writeToolCall(doc, call('r-bob', 'bob'));
    writeToolCall(doc, call('m1', 'ada'));
    writeToolCall(doc, call('r-ada', 'ada'));
    const target = { kind: 'member', memberIds: new Set(['bob']) } as const;
    expect(roomDocHolds(doc, target)).toBe(true);
    const erased = eraseFromRoomDoc(doc, target);
    expect([...doc.getMap('toolCalls').keys()]).toEqual(['r-ada 0']);
    expect(erased.approvals).toBe(2);
    expect(roomDocHolds(doc, target)).toBe(false);
  });

  it('removes with retention only the tool calls of the messages it removes', () => {
    const doc = new Y.Doc();
    doc.getMap('messages').set('old', { authorId: 'dh1', createdAt: 1, text: 'old reply' });
    doc.getMap('messages').set('new', { authorId: 'dh1', createdAt: 100, text: 'new reply' });
    writeToolCall(doc, call('old', 'ada'));
    writeToolCall(doc, call('new', 'ada'));
    eraseFromRoomDoc(doc, { kind: 'retention', before: 50 });
    expect([...doc.getMap('toolCalls').keys()]).toEqual(['new 0']);
  });
});
