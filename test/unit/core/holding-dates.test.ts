import { describe, expect, it } from 'vitest';
import {
  dealDateIssue,
  firstDealDayForHolder,
  firstLostDayForHolder,
  lostDayIssue,
  refuseIfLost,
} from '../../../functions/src/core/holding-dates.ts';
import { refusalOf } from '../../support/refusal.ts';

const moscow = 'Europe/Moscow';
// Created in May, held by the current holder since 1 November (Moscow), last deal in September.
const client = { createdAt: '2026-05-04T09:00:00.000Z', assignedAt: '2026-10-31T21:30:00.000Z', lastDealAt: '2026-09-15' };

describe('the dates a holder may record', () => {
  it('lets a holder date a deal from the later of the client coming to the base and their holding, in company days', () => {
    expect(firstDealDayForHolder(client, moscow)).toBe('2026-11-01');
    expect(dealDateIssue(client, '2026-11-01', moscow)).toBeUndefined();
    expect(dealDateIssue(client, '2026-10-31T21:30:00.000Z', moscow)).toBeUndefined();
    expect(dealDateIssue(client, '2026-10-31', moscow)).toEqual({
      path: 'date',
      message: expect.stringContaining('must not be before 2026-11-01'),
    });
    // The same instant is still 31 October in New York.
    expect(firstDealDayForHolder(client, 'America/New_York')).toBe('2026-10-31');
  });

  it('bounds a deal by the creation in the base when the holding started earlier (an import of old holders)', () => {
    const imported = { createdAt: '2026-06-10T10:00:00.000Z', assignedAt: '2025-01-01', lastDealAt: null };
    expect(dealDateIssue(imported, '2026-06-09', moscow)?.message).toContain('2026-06-10');
    expect(dealDateIssue(imported, '2026-06-10', moscow)).toBeUndefined();
  });

  it('lets a holder date a loss from the later of their holding and the last deal', () => {
    expect(firstLostDayForHolder(client, moscow)).toBe('2026-11-01');
    expect(lostDayIssue(client, '2026-08-01', moscow)).toEqual({
      path: 'changes.lostAt',
      message: expect.stringContaining('must not be before 2026-11-01'),
    });
    const dealtLater = { ...client, lastDealAt: '2026-11-20T12:00:00.000Z' };
    expect(lostDayIssue(dealtLater, '2026-11-19', moscow, 'rows[0].changes.lostAt')?.path).toBe('rows[0].changes.lostAt');
    expect(lostDayIssue(dealtLater, '2026-11-20', moscow)).toBeUndefined();
  });

  it('has no bound for a client without any dates to hold it to', () => {
    expect(dealDateIssue({}, '2001-01-01', moscow)).toBeUndefined();
    expect(lostDayIssue({ lastDealAt: null }, '2001-01-01', moscow)).toBeUndefined();
  });
});

describe('a lost client out of the book', () => {
  it('refuses with client-lost naming the day and who can reinstate it; a client not lost passes', () => {
    const e = refusalOf(() => refuseIfLost({ lostAt: '2026-11-02' }, 'c1'));
    expect(e.code).toBe('client-lost');
    expect(e.message).toBe('client c1 is marked lost (on 2026-11-02): ask the head of sales to reinstate it');
    expect(e.details).toEqual({ clientId: 'c1', lostAt: '2026-11-02' });
    expect(() => refuseIfLost({}, 'c1')).not.toThrow();
  });
});
