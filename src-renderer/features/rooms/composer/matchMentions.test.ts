import { describe, expect, it } from 'vitest';
import { applyCompletion, findTrigger } from './findTrigger';
import type { MentionCandidate } from './matchMentions';
import { matchMentions } from './matchMentions';

function person(handle: string, displayName: string, inRoom = true, kind: 'user' | 'dh' = 'user'): MentionCandidate {
  return { id: handle, handle, displayName, kind, inRoom };
}

const people = [
  person('ada.veyra', 'Ada Veyra'),
  person('alan', 'Alan Trevis', false),
  person('zoe', 'Zoé Durand'),
  person('grace-h', 'Grace Holm'),
  person('scribe', 'Scribe', true, 'dh'),
  person('adam', 'Adam Smith', false),
];

const handles = (query: string, limit?: number): string[] => matchMentions(query, people, limit).map((c) => c.handle);

describe('matchMentions', () => {
  it('offers everyone for an empty query, room members first', () => {
    expect(handles('')).toEqual(['ada.veyra', 'grace-h', 'scribe', 'zoe', 'adam', 'alan']);
  });

  it('ranks handle prefixes, then name prefixes, then words, then substrings', () => {
    expect(handles('ad')).toEqual(['ada.veyra', 'adam']);
    expect(handles('hol')).toEqual(['grace-h']);
    expect(handles('trevis')).toEqual(['alan']);
    expect(handles('ace')).toEqual(['grace-h']);
    expect(handles('eyr')).toEqual(['ada.veyra']);
  });

  it('ignores case, accents and a leading @', () => {
    expect(handles('@ZOE')).toEqual(['zoe']);
    expect(handles('durand')).toEqual(['zoe']);
    expect(matchMentions('zoé', [person('zoe2', 'Zoe Martin')]).map((c) => c.handle)).toEqual(['zoe2']);
  });

  it('finds digital humans like people, and honours the limit', () => {
    expect(handles('scr')).toEqual(['scribe']);
    expect(handles('', 2)).toHaveLength(2);
    expect(handles('nobody')).toEqual([]);
  });
});

describe('findTrigger', () => {
  it('finds a mention or a room being typed at the caret', () => {
    expect(findTrigger('hello @ad', 9)).toEqual({ kind: 'mention', start: 6, query: 'ad' });
    expect(findTrigger('@', 1)).toEqual({ kind: 'mention', start: 0, query: '' });
    expect(findTrigger('see #gen', 8)).toEqual({ kind: 'room', start: 4, query: 'gen' });
    expect(findTrigger('(@grace.h', 9)).toEqual({ kind: 'mention', start: 1, query: 'grace.h' });
  });

  it('ignores emails, words after a space and marks inside words', () => {
    expect(findTrigger('mail a@b.com', 12)).toBeNull();
    expect(findTrigger('@ada hello', 10)).toBeNull();
    expect(findTrigger('issue x#1', 9)).toBeNull();
    expect(findTrigger('plain text', 5)).toBeNull();
  });

  it('only looks at what is before the caret', () => {
    expect(findTrigger('@adam', 3)).toEqual({ kind: 'mention', start: 0, query: 'ad' });
  });
});

describe('applyCompletion', () => {
  it('replaces the typed part, adds a space and puts the caret after it', () => {
    const trigger = findTrigger('hi @ad', 6)!;
    expect(applyCompletion('hi @ad', 6, trigger, 'ada.veyra')).toEqual({ text: 'hi @ada.veyra ', caret: 14 });
  });

  it('keeps the text after the caret and does not double a space', () => {
    const trigger = findTrigger('hi @ad there', 6)!;
    expect(applyCompletion('hi @ad there', 6, trigger, 'adam')).toEqual({ text: 'hi @adam there', caret: 9 });
    const room = findTrigger('#ge', 3)!;
    expect(applyCompletion('#ge', 3, room, 'general')).toEqual({ text: '#general ', caret: 9 });
  });
});
