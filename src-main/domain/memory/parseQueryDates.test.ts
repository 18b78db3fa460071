import { describe, expect, it } from 'vitest';
import { buildRecallQuery } from './buildRecallQuery';
import { parseHumanDate, parseQueryDates } from './parseQueryDates';

const DAY = 86_400_000;

describe('parseQueryDates', () => {
  it.each([
    ['What did we decide on 8 May 2023?', Date.UTC(2023, 4, 8) - DAY, Date.UTC(2023, 4, 10)],
    ['on May 8th, 2023 what happened', Date.UTC(2023, 4, 8) - DAY, Date.UTC(2023, 4, 10)],
    ['meeting 2023-05-08', Date.UTC(2023, 4, 8) - DAY, Date.UTC(2023, 4, 10)],
    ['trips in March 2024', Date.UTC(2024, 2, 1) - DAY, Date.UTC(2024, 3, 1) + DAY],
    ['le 3 juillet 2022', Date.UTC(2022, 6, 3) - DAY, Date.UTC(2022, 6, 5)],
    ['budget during 2022', Date.UTC(2022, 0, 1) - DAY, Date.UTC(2023, 0, 1) + DAY],
  ])('%s', (query, from, to) => {
    expect(parseQueryDates(query).window).toEqual({ from, to });
  });

  it('leaves a month without a year alone ("may" is also a verb)', () => {
    expect(parseQueryDates('What may Caroline do in May?').window).toBeNull();
  });

  it('takes the date words out of the search terms, but keeps a bare year', () => {
    expect(buildRecallQuery('What did Melanie paint on 8 May 2023?').terms.map((t) => t.word)).toEqual(['melanie', 'paint']);
    expect(buildRecallQuery('Which car did he buy in 2022?').terms.map((t) => t.word)).toEqual(['car', 'buy', '2022']);
  });
});

describe('buildRecallQuery', () => {
  it('keeps meaningful words, adds irregular forms, and quotes everything', () => {
    const q = buildRecallQuery('When did Caroline go to the "LGBTQ" support group?');
    expect(q.terms.map((t) => t.word)).toEqual(['caroline', 'go', 'lgbtq', 'support', 'group']);
    expect(q.memoryMatch).toBe('"caroline" OR "go" OR "went" OR "gone" OR "goes" OR "going" OR "lgbtq" OR "support" OR "group"');
    expect(q.messageMatch).toContain('"support"');
  });

  it('searches common words when nothing else is left, and nothing for punctuation', () => {
    expect(buildRecallQuery('who is he?').terms.map((t) => t.word)).toEqual(['who', 'is', 'he']);
    expect(buildRecallQuery('?!').memoryMatch).toBeNull();
  });

  it('cannot be turned into FTS5 syntax', () => {
    const q = buildRecallQuery('NEAR(a b) col:x * "quoted" ^start OR AND');
    for (const part of q.memoryMatch!.split(' OR ')) expect(part).toMatch(/^"[^"]+"$/);
  });
});

describe('parseHumanDate', () => {
  it.each([
    ['8 May 2023', Date.UTC(2023, 4, 8)],
    ['May 8, 2023', Date.UTC(2023, 4, 8)],
    ['1:56 pm on 8 May, 2023', Date.UTC(2023, 4, 8, 13, 56)],
    ['12:05 am on 1 January, 2024', Date.UTC(2024, 0, 1, 0, 5)],
    ['10:37 AM on 27 June, 2023', Date.UTC(2023, 5, 27, 10, 37)],
    ['3 juillet 2022', Date.UTC(2022, 6, 3)],
  ])('%s', (text, ms) => {
    expect(parseHumanDate(text)).toBe(ms);
  });

  it.each(['31 February 2023', '13:00 pm on 8 May 2023', 'someday in May', '8 May', '2023-05-08'])('refuses %s', (text) => {
    expect(parseHumanDate(text)).toBeNull();
  });
});
