import { describe, expect, it } from 'vitest';
import { draftOf, isScheduleChanged, parseScheduleDraft, parseScheduleField } from './scheduleDraft';

const DEFAULT = { intervalMinutes: 60, hourly: 24, daily: 7, weekly: 5 };

describe('the backup schedule form', () => {
  it('reads back the schedule it was filled with', () => {
    expect(parseScheduleDraft(draftOf(DEFAULT))).toEqual({ schedule: DEFAULT });
    expect(parseScheduleDraft({ intervalMinutes: ' 15 ', hourly: '0', daily: '90', weekly: '104' })).toEqual({ schedule: { intervalMinutes: 15, hourly: 0, daily: 90, weekly: 104 } });
  });

  it('takes whole numbers within each field’s bounds only, and names every wrong field', () => {
    expect(parseScheduleField('intervalMinutes', '5')).toBe(5);
    expect(parseScheduleField('intervalMinutes', '4')).toBeNull();
    expect(parseScheduleField('intervalMinutes', '10080')).toBe(10_080);
    expect(parseScheduleField('intervalMinutes', '10081')).toBeNull();
    for (const text of ['', '1.5', '-1', '1e3', 'ten', '12 3', '0x10', '9999999']) expect(parseScheduleField('hourly', text)).toBeNull();
    expect(parseScheduleField('hourly', '169')).toBeNull();
    expect(parseScheduleField('daily', '91')).toBeNull();
    expect(parseScheduleField('weekly', '105')).toBeNull();
    expect(parseScheduleDraft({ intervalMinutes: '1', hourly: '24', daily: 'x', weekly: '5' })).toEqual({ invalid: ['intervalMinutes', 'daily'] });
  });

  it('tells a changed draft from the saved schedule', () => {
    expect(isScheduleChanged(draftOf(DEFAULT), DEFAULT)).toBe(false);
    expect(isScheduleChanged({ ...draftOf(DEFAULT), hourly: '12' }, DEFAULT)).toBe(true);
  });
});
