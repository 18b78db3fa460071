import { describe, expect, it } from 'vitest';
import { buildRecallQuery } from './buildRecallQuery';
import { parseQueryDates } from './parseQueryDates';
import { relativeQueryDate } from './relativeQueryDates';

const DAY = 86_400_000;
/** Wednesday 15 May 2024, 10:00 UTC. */
const NOW = Date.UTC(2024, 4, 15, 10);
/** The most recent memory: 20 October 2023 (a conversation imported from the past). */
const LATEST = Date.UTC(2023, 9, 20, 18);
const anchors = { now: NOW, latest: () => LATEST };
const day = (y: number, m: number, d: number): { from: number; to: number } => ({ from: Date.UTC(y, m, d) - DAY, to: Date.UTC(y, m, d) + 2 * DAY });
const month = (y: number, m: number): { from: number; to: number } => ({ from: Date.UTC(y, m, 1) - DAY, to: Date.UTC(y, m + 1, 1) + DAY });

describe('relativeQueryDate', () => {
  it.each([
    ['What did we say yesterday?', day(2024, 4, 14)],
    ["qu'a-t-elle dit hier ?", day(2024, 4, 14)],
    ['What happened today?', day(2024, 4, 15)],
    ['What did Ana do last week?', { from: Date.UTC(2024, 4, 1) - DAY, to: Date.UTC(2024, 4, 16) + DAY }],
    ['la semaine dernière', { from: Date.UTC(2024, 4, 1) - DAY, to: Date.UTC(2024, 4, 16) + DAY }],
    ['What did we decide last month?', month(2024, 3)],
    ['le mois dernier', month(2024, 3)],
    ['the budget of last year', { from: Date.UTC(2023, 0, 1) - DAY, to: Date.UTC(2024, 0, 1) + DAY }],
    ['three days ago', day(2024, 4, 12)],
    ['il y a 2 jours', day(2024, 4, 13)],
    ['a week ago', { from: Date.UTC(2024, 4, 1) - DAY, to: Date.UTC(2024, 4, 16) + DAY }],
  ])('%s counts back from now', (query, window) => {
    expect(relativeQueryDate(query, anchors)?.window).toEqual(window);
  });

  it.each([
    // The latest May up to the most recent memory (October 2023) is May 2023.
    ['What did Caroline paint in May?', month(2023, 4)],
    ['what did she do in may', month(2023, 4)],
    ['during November', month(2022, 10)],
    ['early October', month(2023, 9)],
    ['next March', month(2024, 2)],
    ['en juillet', month(2023, 6)],
    ['What happened on 8 May?', day(2023, 4, 8)],
    ['What happened on May 8th?', day(2023, 4, 8)],
    ['le 3 décembre', day(2022, 11, 3)],
  ])('%s is the latest such month or day up to the most recent memory', (query, window) => {
    expect(relativeQueryDate(query, anchors)?.window).toEqual(window);
  });

  it.each(['What may Caroline do?', 'He will march on', 'the 30 February', 'What did Ana say?'])('finds no date in %s', (query) => {
    expect(relativeQueryDate(query, anchors)).toBeNull();
  });

  it('reads the most recent memory only when a date without a year needs it', () => {
    let reads = 0;
    relativeQueryDate('What did we say yesterday?', { now: NOW, latest: () => ++reads });
    expect(reads).toBe(0);
  });
});

describe('parseQueryDates with anchors', () => {
  it('prefers a full date, and leaves a month without a year alone without anchors', () => {
    expect(parseQueryDates('in May 2022', anchors).window).toEqual(month(2022, 4));
    expect(parseQueryDates('What did Ana do in May?').window).toBeNull();
    expect(parseQueryDates('What did Ana do in May?', anchors).window).toEqual(month(2023, 4));
  });

  it('takes the date words out of the search terms', () => {
    expect(buildRecallQuery('What did Ana paint last week?', anchors).terms.map((t) => t.word)).toEqual(['ana', 'paint']);
    expect(buildRecallQuery('What did Kofi try on vacation in July?', anchors).terms.map((t) => t.word)).toEqual(['kofi', 'try', 'vacation']);
  });
});
