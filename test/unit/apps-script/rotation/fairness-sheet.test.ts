import { describe, expect, it } from 'vitest';
import { fairnessPeriod, fairnessReport } from '../../../../apps-script/src/rotation/fairness-sheet.ts';
import { messagesFor } from '../../../../apps-script/src/messages.ts';
import { fairnessFigures } from '../../../support/fairness-company.ts';

describe('the period the head of sales types', () => {
  it('reads two days however they are separated, and empty as the year up to today', () => {
    expect(fairnessPeriod('2026-01-01 2026-12-31', '2026-12-07')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(fairnessPeriod(' 2026-01-01 — 2026-03-31 ', '2026-12-07')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(fairnessPeriod('с 2026-01-01 по 2026-03-31', '2026-12-07')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(fairnessPeriod('', '2026-12-07')).toEqual({ from: '2025-12-08', to: '2026-12-07' });
    // A year before 29 February has none: the period starts after 1 March, never longer than the base allows.
    expect(fairnessPeriod('', '2028-02-29')).toEqual({ from: '2027-03-02', to: '2028-02-29' });
  });

  it('refuses what is not two days', () => {
    for (const typed of ['last year', '2026-01-01', '2026-01-01 2026-02-01 2026-03-01', '2026-01-01 and then 2026-02-01'])
      expect(fairnessPeriod(typed, '2026-12-07'), typed).toBeNull();
  });
});

describe('the Rotation fairness report', () => {
  it('says when received clients are still inside their six months, in both languages', () => {
    const open = {
      ...fairnessFigures,
      managers: fairnessFigures.managers.map((m) => ({
        ...m,
        dealsAfter: { ...m.dealsAfter, received: { ...m.dealsAfter.received, open: 1 } },
      })),
    };
    expect(fairnessReport(open, messagesFor('en')).heading[2]).toBe('2 clients received are still inside their 6 months.');
    expect(fairnessReport(open, messagesFor('ru')).heading[2]).toBe('2 полученных клиента: 6 мес. ещё не прошли.');
    expect(fairnessReport(fairnessFigures, messagesFor('en')).heading).toHaveLength(2);
  });
});
