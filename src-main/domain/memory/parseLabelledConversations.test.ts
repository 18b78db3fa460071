import { describe, expect, it } from 'vitest';
import { parseLabelledConversations } from './parseLabelledConversations';

const lines = (...records: unknown[]): string => records.map((r) => JSON.stringify(r)).join('\n');

describe('parseLabelledConversations', () => {
  it('groups turns and questions by conversation, in order, reading dates as the import does', () => {
    const parsed = parseLabelledConversations(
      lines(
        { conversation: 'c1', source: 'D1:1', text: 'Ana: I moved to Lisbon.', at: '2024-03-02T18:00:00Z' },
        { conversation: 'c2', source: 'D1:1', text: 'Bo: Hello', at: '8 May 2023' },
        { conversation: 'c1', source: 'D1:2', text: 'Bo: Why Lisbon?' },
        { conversation: 'c1', kind: 'single-hop', query: 'Where did Ana move?', answers: ['D1:1', 'D1:1'] },
        { conversation: 'c2', query: 'Who said hello?', answers: ['D1:1'] },
      ) + '\n\n',
    );
    expect(parsed).toEqual([
      {
        id: 'c1',
        turns: [
          { source: 'D1:1', text: 'Ana: I moved to Lisbon.', at: Date.UTC(2024, 2, 2, 18) },
          { source: 'D1:2', text: 'Bo: Why Lisbon?', at: null },
        ],
        questions: [{ kind: 'single-hop', query: 'Where did Ana move?', answers: ['D1:1'] }],
      },
      { id: 'c2', turns: [{ source: 'D1:1', text: 'Bo: Hello', at: Date.UTC(2023, 4, 8) }], questions: [{ kind: 'single-hop', query: 'Who said hello?', answers: ['D1:1'] }] },
    ]);
  });

  it.each([
    ['{"conversation": "c1"', 'line 1: not valid JSON'],
    [lines({ conversation: 'c1', source: 'D1:1', text: '  ' }), 'line 1: text: A memory cannot be empty'],
    [lines({ conversation: 'c1', source: 'D1:1', text: 'x', at: 'someday' }), 'line 1: at:'],
    [lines({ conversation: 'c1', source: 'D1:1', text: 'x', extra: 1 }), 'line 1:'],
    [lines({ conversation: 'c1', source: 'D1:1', text: 'x' }, { conversation: 'c1', source: 'D1:1', text: 'y' }), 'line 2: turn "D1:1" appears twice'],
    [lines({ conversation: 'c1', source: 'D1:1', text: 'x' }, { conversation: 'c1', query: 'q', answers: [] }), 'line 2: answers: A question needs at least one answering turn'],
    [lines({ conversation: 'c1', source: 'D1:1', text: 'x' }, { conversation: 'c1', query: 'q', answers: ['D9:9'] }), 'line 2: answer "D9:9" is not a turn of conversation "c1"'],
    [lines({ conversation: 'c1', query: 'q', answers: ['D1:1'] }), 'line 1: conversation "c1" has no turns'],
  ])('refuses a bad file, naming the line (%#)', (text, message) => {
    expect(() => parseLabelledConversations(text)).toThrow(message);
  });
});
