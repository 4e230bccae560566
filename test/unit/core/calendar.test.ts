import { describe, expect, it } from 'vitest';
import {
  companyDay,
  companyInstant,
  companyMonth,
  companyMonthBounds,
  companyTime,
  nowIfToday,
  startOfCompanyDay,
} from '../../../functions/src/core/calendar.ts';

describe('company calendar', () => {
  it('reads an instant as the day it falls on in the company zone, west and east of UTC', () => {
    expect(companyDay('2026-12-01T03:00:00Z', 'America/New_York')).toBe('2026-11-30');
    expect(companyDay('2026-11-30T22:00:00Z', 'Europe/Moscow')).toBe('2026-12-01');
    expect(companyDay('2026-12-01', 'America/New_York')).toBe('2026-12-01');
    expect(companyMonth('2026-03-01T04:00:00Z', 'America/New_York')).toBe('2026-02');
  });

  it('starts a company day at its local midnight, across clock changes', () => {
    expect(startOfCompanyDay('2026-12-01', 'Europe/Moscow')).toBe('2026-11-30T21:00:00.000Z');
    // New York: UTC−5 in winter, UTC−4 from 8 March 2026.
    expect(startOfCompanyDay('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfCompanyDay('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
    // Santiago moves its clocks at midnight: 6 September 2026 begins at 01:00.
    expect(companyDay(startOfCompanyDay('2026-09-06', 'America/Santiago'), 'America/Santiago')).toBe('2026-09-06');
  });

  it('gives a bare day the instant its day begins and keeps an instant as it is', () => {
    expect(companyInstant('2026-12-01', 'America/Los_Angeles')).toBe('2026-12-01T08:00:00.000Z');
    expect(companyInstant('2026-12-01T10:15:00+03:00', 'America/Los_Angeles')).toBe('2026-12-01T07:15:00.000Z');
  });

  it('shows an instant as the company clock does, summer time included', () => {
    expect(companyTime('2026-12-01T06:00:00Z', 'Europe/Moscow')).toBe('2026-12-01 09:00');
    expect(companyTime('2026-07-01T03:30:00Z', 'America/New_York')).toBe('2026-06-30 23:30');
  });

  it('takes a day given for today as now, and any other day as given', () => {
    const now = new Date('2026-12-01T02:00:00Z');
    expect(nowIfToday('2026-11-30', 'America/New_York', now)).toBe('2026-12-01T02:00:00.000Z');
    expect(nowIfToday('2026-12-01', 'America/New_York', now)).toBe('2026-12-01');
  });

  it('bounds a company month wide enough for bare days and instants alike', () => {
    const east = companyMonthBounds('2026-03', 'Europe/Moscow');
    expect(east).toEqual({ from: '2026-02-28T21:00:00.000Z', until: '2026-04-01' });
    const west = companyMonthBounds('2026-03', 'America/New_York');
    expect(west).toEqual({ from: '2026-03-01', until: '2026-04-01T04:00:00.000Z' });
    for (const [date, zone] of [
      ['2026-03-01', 'Europe/Moscow'],
      ['2026-02-28T21:30:00.000Z', 'Europe/Moscow'],
      ['2026-04-01T03:59:00.000Z', 'America/New_York'],
      ['2026-03-31', 'America/New_York'],
    ] as const) {
      const b = companyMonthBounds('2026-03', zone);
      expect(date >= b.from && date < b.until && companyMonth(date, zone) === '2026-03').toBe(true);
    }
  });
});
