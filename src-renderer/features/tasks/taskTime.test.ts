import { describe, expect, it } from 'vitest';
import { formatDue, fromLocalInput, isOverdue, toLocalInput } from './taskTime';

describe('task times', () => {
  it('round-trips a datetime-local value in local time', () => {
    const ms = new Date(2030, 4, 1, 17, 5).getTime();
    expect(toLocalInput(ms)).toBe('2030-05-01T17:05');
    expect(fromLocalInput('2030-05-01T17:05')).toBe(ms);
    expect(toLocalInput(null)).toBe('');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
  });

  it('says when a due time has passed and labels it briefly', () => {
    const now = new Date(2030, 4, 2, 9, 0).getTime();
    expect(isOverdue(new Date(2030, 4, 1).getTime(), now)).toBe(true);
    expect(isOverdue(null, now)).toBe(false);
    expect(formatDue(new Date(2030, 4, 1).getTime(), 'en', now)).toBe('May 1');
    expect(formatDue(new Date(2031, 0, 3, 8, 30).getTime(), 'en', now)).toMatch(/^Jan 3, 2031, 0?8:30/);
  });
});
