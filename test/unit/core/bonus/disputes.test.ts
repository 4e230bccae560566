import { describe, expect, it } from 'vitest';
import { adjustmentsForOpenMonth } from '../../../../functions/src/core/bonus/adjustments.ts';
import {
  disputeAdjustmentLine,
  disputeAdjustments,
  disputeRefusal,
  disputesPaidIn,
  isDisputeOverdue,
  resolutionRefusal,
} from '../../../../functions/src/core/bonus/disputes.ts';
import type { StatementLine } from '../../../../functions/src/core/bonus/types.ts';
import type { Dispute } from '../../../../functions/src/schema/dispute.ts';
import { disputeBody, resolveDisputeBody } from '../../../../functions/src/schema/dispute.ts';

const own = [{ id: 'normal:d1' }, { id: 'raised:d1' }];

const dispute = (over: Partial<Dispute> = {}): Dispute => ({
  id: '20260305000000000-aaaa',
  month: '2026-02',
  managerId: 'anna',
  lineId: 'normal:d1',
  clientId: 'c1',
  reason: 'wrong-amount',
  text: 'the profit was higher',
  status: 'accepted',
  openedAt: '2026-03-05T09:00:00.000Z',
  openedOn: '2026-03-05',
  resolvedAt: '2026-03-06T09:00:00.000Z',
  resolvedBy: 'head',
  amount: 12_345,
  rejection: null,
  paidIn: null,
  ...over,
});

describe('opening a dispute', () => {
  it('takes a line of the caller\u2019s own statement', () => {
    expect(disputeRefusal({ month: '2026-02', reason: 'wrong-amount', lineId: 'normal:d1' }, own)).toBeUndefined();
  });

  it('refuses a line that is not in the caller\u2019s statement (another manager\u2019s), naming lineId', () => {
    expect(disputeRefusal({ month: '2026-02', reason: 'wrong-client', lineId: 'normal:d7' }, own)).toEqual({
      code: 'invalid-input',
      path: 'lineId',
      message: 'is not a line of your statement for 2026-02',
    });
  });

  it('wants a line for every reason but a missing deal, and none for a missing deal', () => {
    expect(disputeRefusal({ month: '2026-02', reason: 'other' }, own)?.path).toBe('lineId');
    expect(disputeRefusal({ month: '2026-02', reason: 'missing-deal' }, undefined)).toBeUndefined();
    expect(disputeRefusal({ month: '2026-02', reason: 'missing-deal', lineId: 'normal:d1' }, own)?.path).toBe('lineId');
  });

  it('refuses a line of a month the caller has no statement for', () => {
    expect(disputeRefusal({ month: '2026-02', reason: 'wrong-rule', lineId: 'normal:d1' }, undefined)).toMatchObject({ code: 'not-found' });
  });

  it('refuses a bad reason, an empty or overlong text and unknown fields, naming each', () => {
    const paths = (body: unknown) => (disputeBody.safeParse(body).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(paths({ reason: 'greed', text: 'x', lineId: 'a' })).toEqual(['reason']);
    expect(paths({ reason: 'other', text: '   ', lineId: 'a' })).toEqual(['text']);
    expect(paths({ reason: 'other', text: 'x'.repeat(2001), lineId: 'a' })).toEqual(['text']);
    expect(paths({ reason: 'other', text: 'x', managerId: 'boris' })).toEqual(['']);
  });
});

describe('resolving a dispute', () => {
  it('is refused to the manager who opened it, and once resolved', () => {
    expect(resolutionRefusal({ status: 'open', managerId: 'head' }, 'head')).toMatchObject({ code: 'forbidden', path: 'id' });
    expect(resolutionRefusal({ status: 'rejected', managerId: 'anna' }, 'head')).toMatchObject({ code: 'conflict' });
    expect(resolutionRefusal({ status: 'open', managerId: 'anna' }, 'head')).toBeUndefined();
  });

  it('accepts with a positive whole number of kopecks, rejects with a reason, naming what is missing or wrong', () => {
    const paths = (body: unknown) => (resolveDisputeBody.safeParse(body).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(paths({ decision: 'accepted', amount: 500 })).toEqual([]);
    expect(paths({ decision: 'accepted' })).toEqual(['amount']);
    expect(paths({ decision: 'accepted', amount: 0 })).toEqual(['amount']);
    expect(paths({ decision: 'accepted', amount: -100 })).toEqual(['amount']);
    expect(paths({ decision: 'accepted', amount: 10.5 })).toEqual(['amount']);
    expect(paths({ decision: 'accepted', amount: 1e14 })).toEqual(['amount']);
    expect(paths({ decision: 'rejected' })).toEqual(['reason']);
    expect(paths({ decision: 'rejected', reason: 'the rule applies', amount: 5 })).toEqual(['amount']);
    expect(paths({ decision: 'maybe' })).toEqual(['decision']);
  });
});

describe('paying an accepted dispute', () => {
  it('is paid by the first later month that claims it, and again by a rerun of that month only', () => {
    const list = [
      dispute(),
      dispute({ id: 'b', paidIn: '2026-03' }),
      dispute({ id: 'c', status: 'rejected' }),
      dispute({ id: 'd', month: '2026-03' }),
    ];
    expect(disputesPaidIn('2026-03', list).map((d) => d.id)).toEqual(['20260305000000000-aaaa', 'b']);
    expect(disputesPaidIn('2026-04', list).map((d) => d.id)).toEqual(['20260305000000000-aaaa', 'd']);
    expect(disputesPaidIn('2026-02', list)).toEqual([]);
  });

  it('is an adjustment line naming the dispute, by manager', () => {
    expect(disputeAdjustmentLine(dispute())).toEqual({
      id: 'dispute:20260305000000000-aaaa',
      kind: 'adjustment',
      clientId: 'c1',
      dealId: null,
      rate: null,
      amount: 12_345,
      status: 'payable',
      dueDate: null,
      note: 'accepted dispute 20260305000000000-aaaa about 2026-02 line normal:d1: +123.45',
    });
    const byManager = disputeAdjustments([dispute({ id: 'z', managerId: 'boris' }), dispute({ id: 'y', lineId: null, clientId: null })]);
    expect([...byManager.keys()].sort()).toEqual(['anna', 'boris']);
    expect(byManager.get('anna')![0]!.note).toBe('accepted dispute y about 2026-02: +123.45');
  });

  it('is never taken back by the review of the closed month it was paid in', () => {
    const normal: StatementLine = { ...disputeAdjustmentLine(dispute()), id: 'normal:d1', kind: 'normal', amount: 1000, note: 'n' };
    const paid = disputeAdjustmentLine(dispute());
    const review = adjustmentsForOpenMonth(
      [
        { month: '2026-02', stored: new Map([['anna', [normal]]]) },
        { month: '2026-03', stored: new Map([['anna', [paid]]]) },
      ],
      (m) => (m === '2026-02' ? new Map([['anna', [normal]]]) : new Map([['anna', []]])),
    );
    expect(review).toEqual(new Map());
  });
});

describe('an overdue dispute', () => {
  it('is one still open more than disputeDays after the day it was opened', () => {
    expect(isDisputeOverdue({ status: 'open', openedOn: '2026-03-05' }, '2026-03-15', 10)).toBe(false);
    expect(isDisputeOverdue({ status: 'open', openedOn: '2026-03-05' }, '2026-03-16', 10)).toBe(true);
    expect(isDisputeOverdue({ status: 'accepted', openedOn: '2026-03-05' }, '2026-04-16', 10)).toBe(false);
  });
});
