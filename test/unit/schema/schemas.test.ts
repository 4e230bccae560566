import { describe, expect, it } from 'vitest';
import {
  boundedText,
  clientSchema,
  daySchema,
  dealSchema,
  dealSchemaAsOf,
  documentIdProblem,
  idSchema,
  isoDateSchema,
  managerSchema,
  moneySchema,
  nameText,
  parseIsoDate,
  rulesConfigSchema,
} from '../../../functions/src/schema/index.ts';
import { issuesFromZod } from '../../../functions/src/errors.ts';

describe('schemas', () => {
  it('fills every rules setting with the defaults of MISSION.md', () => {
    const rules = rulesConfigSchema.parse({});
    expect(rules.rotation).toMatchObject({ holdMonths: 6, noDealMonths: 12, noReturnRotations: 2, reportDays: 14 });
    expect(rules.bonus).toMatchObject({ base: 'profit', normalRate: 0.05, newClientMultiplier: 2, retentionMonths: 3 });
    expect(rulesConfigSchema.parse({ bonus: { normalRate: 0.07 } }).bonus.newClientMultiplier).toBe(2);
  });

  it('refuses a multiplier outside 2..3 and unknown keys, naming the field', () => {
    const r = rulesConfigSchema.safeParse({ bonus: { newClientMultiplier: 4 }, rotation: { holdMonth: 3 } });
    expect(r.success).toBe(false);
    const paths = issuesFromZod(r.error!, 'config').map((i) => i.path);
    expect(paths).toContain('config.bonus.newClientMultiplier');
    expect(paths).toContain('config.rotation');
  });

  it('requires assignedAt for an assigned client and a real date', () => {
    const r = clientSchema.safeParse({ id: 'c1', name: 'A', kind: 'person', managerId: 'm1' });
    expect(r.success).toBe(false);
    expect(issuesFromZod(r.error!, 'clients[3]')).toContainEqual({
      path: 'clients[3].assignedAt',
      message: 'is required when the client has a manager',
    });
    expect(isoDateSchema.safeParse('2025-02-30').success).toBe(false);
    expect(isoDateSchema.parse('2025-02-28')).toBe('2025-02-28');
    expect(isoDateSchema.parse('2025-02-28T10:00:00+03:00')).toBe('2025-02-28T07:00:00.000Z');
  });

  it('reads a manager with a lower-cased e-mail and a level of at least 1', () => {
    expect(managerSchema.parse({ id: 'm1', name: 'Anna', email: 'Anna@Co.RU', level: 2, active: true })).toMatchObject({
      email: 'anna@co.ru',
      role: 'manager',
    });
    expect(managerSchema.safeParse({ id: 'm1', name: 'Anna', email: 'a@co.ru', level: 0, active: true }).success).toBe(false);
  });
});

describe('dates as typed', () => {
  it('accepts a day or a date-time with an offset, normalising date-times to UTC', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseIsoDate('2026-03-01T10:00Z')).toEqual({ ok: true, value: '2026-03-01T10:00:00.000Z' });
    expect(parseIsoDate('2026-03-01T00:30:00-05:00')).toEqual({ ok: true, value: '2026-03-01T05:30:00.000Z' });
    expect(parseIsoDate('2026-03-01T10:00:00.123456789+03:00')).toEqual({ ok: true, value: '2026-03-01T07:00:00.123Z' });
  });

  it('refuses what is not ISO 8601, or not a real day or time, instead of rolling it over', () => {
    for (const text of [
      '2026-02-30',
      '2025-02-29',
      '2026-02-30T10:00:00Z',
      '2026-13-01',
      '2026-00-10',
      'Feb 30 2026',
      '1',
      '2026',
      '2026-01-15T10:00:00',
      '2026-01-15 10:00:00Z',
      '2026-01-15T24:00:00Z',
      '2026-01-15T10:60:00Z',
      '2026-01-15T10:00:60Z',
      '2026-01-15T10:00:00+25:00',
      '0999-01-01',
      '+002026-01-01',
      '2026-01-15t10:00:00z',
    ]) {
      expect(parseIsoDate(text).ok, text).toBe(false);
    }
    expect(isoDateSchema.safeParse('2026-02-30T00:00:00Z').error?.issues[0]?.message).toMatch(/not a real calendar date/);
    expect(daySchema.safeParse('2026-02-29').success).toBe(false);
    expect(daySchema.safeParse('2026-02-28T00:00:00Z').error?.issues.map((i) => i.message)).toEqual(['must be a date YYYY-MM-DD']);
  });

  it('refuses a happened date after the company day, read in the company time zone', () => {
    const asOf = { today: '2026-03-08', timeZone: 'America/New_York' };
    const deal = { id: 'd1', clientId: 'c1', managerId: 'm1', amount: 10, profit: 1 };
    expect(dealSchemaAsOf(asOf).safeParse({ ...deal, date: '2026-03-08' }).success).toBe(true);
    expect(dealSchemaAsOf(asOf).safeParse({ ...deal, date: '2026-03-09' }).success).toBe(false);
    // 03:30 UTC on the 9th is still the 8th in New York (daylight saving began that morning).
    expect(dealSchemaAsOf(asOf).safeParse({ ...deal, date: '2026-03-09T03:30:00Z' }).success).toBe(true);
    expect(dealSchemaAsOf(asOf).safeParse({ ...deal, date: '2026-03-09T04:30:00Z' }).success).toBe(false);
    expect(dealSchema.safeParse({ ...deal, date: '9999-12-31' }).success).toBe(true);
  });
});

describe('text, ids and money', () => {
  it('keeps notes free (line breaks, tabs) but names on one line without control or bidi characters', () => {
    expect(boundedText(50).safeParse('line 1\n\tline 2').success).toBe(true);
    expect(boundedText(50).safeParse('bell \u0007').success).toBe(false);
    expect(boundedText(50).safeParse('half \ud800').error?.issues[0]?.message).toBe(
      'is not valid Unicode text (it holds a lone surrogate)',
    );
    expect(nameText(50).safeParse('Ivan Petrov 😀 Иван').success).toBe(true);
    for (const bad of ['a\nb', 'a\tb', 'a\u0085b', 'evil\u202Eexe', '\u2066x\u2069', '\udfff'])
      expect(nameText(50).safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('knows Firestore’s rules for ids', () => {
    for (const id of ['.', '..', '__x__', '____', 'a/b', '', '\ud800', 'x'.repeat(1501), 'я'.repeat(751)])
      expect(documentIdProblem(id), JSON.stringify(id.slice(0, 10))).toBeDefined();
    for (const id of ['rotation-2026-03-01_c1', '...', '_x_', '__x', '__', 'я'.repeat(750)]) expect(documentIdProblem(id)).toBeUndefined();
    for (const id of ['..', '.', '__x__', 'a b', '-x']) expect(idSchema.safeParse(id).success).toBe(false);
  });

  it('bounds money at 10^13 minor units and keeps a deal’s profit within its amount', () => {
    expect(moneySchema.safeParse(10_000_000_000_000).success).toBe(true);
    expect(moneySchema.safeParse(-10_000_000_000_001).success).toBe(false);
    expect(moneySchema.safeParse(1e300).error?.issues).toHaveLength(1);
    const deal = { id: 'd1', clientId: 'c1', managerId: 'm1', date: '2026-01-01' };
    expect(dealSchema.safeParse({ ...deal, amount: 100, profit: 100 }).success).toBe(true);
    expect(dealSchema.safeParse({ ...deal, amount: 100, profit: -5_000 }).success).toBe(true);
    expect(issuesFromZod(dealSchema.safeParse({ ...deal, amount: 100, profit: 101 }).error!)).toEqual([
      { path: 'profit', message: 'must not be more than the amount (profit is part of the amount)' },
    ]);
  });
});
