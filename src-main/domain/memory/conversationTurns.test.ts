import { describe, expect, it } from 'vitest';
import { sessionsOf, speakerOf, spreadSessions, turnBoost } from './conversationTurns';

const HOUR = 3_600_000;

describe('speakerOf', () => {
  it.each([
    ['Ana: I moved to Lisbon.', ['ana']],
    ['Ana Sofía Costa: hi', ['ana', 'sofia', 'costa']],
    ['  Tomás : yes', ['tomas']],
    ['note: buy milk', null],
    ['Remember this: the code is 42', null],
    ['It was great. Ana: no', null],
  ])('%s', (text, speaker) => {
    expect(speakerOf(text)).toEqual(speaker);
  });
});

describe('turnBoost', () => {
  const words = new Set(['ana', 'lisbon']);
  it('favours the turns of the person the query names, and lowers short replies', () => {
    expect(turnBoost('Ana: I moved to Lisbon with my sister last spring.', words)).toBeCloseTo(0.1);
    expect(turnBoost('Bo: I moved to Lisbon with my sister last spring.', words)).toBe(0);
    expect(turnBoost('Bo: Ha, me too!', words)).toBeCloseTo(-0.1);
    expect(turnBoost('Ana: That is so great!', words)).toBeCloseTo(0);
    expect(turnBoost('The client prefers invoices in euros', words)).toBe(0);
  });
});

describe('sessionsOf and spreadSessions', () => {
  const turn = (seq: number, hours: number): { seq: number; at: number; created_at: number } => ({ seq, at: hours * HOUR, created_at: 0 });

  it('groups turns close in time', () => {
    const sessions = sessionsOf([turn(1, 0), turn(2, 1), turn(3, 30), turn(4, 2), turn(5, 31)]);
    expect([1, 2, 3, 4, 5].map((s) => sessions.get(s))).toEqual([0, 0, 1, 0, 1]);
  });

  it('lets results beyond three of one session yield to other sessions, a little more for each', () => {
    const ranked = [1, 2, 3, 4, 5, 6].map((seq, i) => ({ item: turn(seq, seq <= 5 ? 0 : 48), score: 1 - i * 0.01 }));
    const spread = spreadSessions(ranked, (t) => t, 5).map((r) => r.item.seq);
    expect(spread).toEqual([1, 2, 3, 6, 4]);
    // Items without a turn keep their score.
    expect(spreadSessions([{ item: null, score: 1 }], () => null, 5)).toEqual([{ item: null, score: 1 }]);
  });
});
