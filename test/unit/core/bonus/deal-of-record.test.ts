import { describe, expect, it } from 'vitest';
import {
  asImported,
  attractionBlock,
  countsForRotation,
  dealCounts,
  dealNumbers,
  raisedBlock,
  recordedViaOf,
  retentionFrom,
  statusOnRecord,
} from '../../../../functions/src/core/bonus/deal-of-record.ts';
import { computeStatements } from '../../../../functions/src/core/bonus/statement.ts';
import type { BonusClient, BonusDeal } from '../../../../functions/src/core/bonus/types.ts';
import { bonusRulesSchema } from '../../../../functions/src/schema/rules-config.ts';

const rules = (r: Record<string, unknown> = {}) =>
  bonusRulesSchema.parse({ normalRate: 0.05, newClientMultiplier: 3, attractionBonus: 100_000, ...r });
const client = (extra: Partial<BonusClient> = {}): BonusClient => ({
  id: 'c1',
  managerId: 'm1',
  attractedBy: 'm1',
  firstDealAt: '2026-01-10',
  kind: 'person',
  ...extra,
});
const deal = (extra: Partial<BonusDeal> = {}): BonusDeal => ({
  id: 'd1',
  clientId: 'c1',
  managerId: 'm1',
  date: '2026-01-10',
  amount: 100_000,
  profit: 10_000,
  seq: 1,
  ...extra,
});
const january = (c: BonusClient, d: BonusDeal, r = rules()) =>
  computeStatements({ month: '2026-01', rules: r, clients: [c], deals: [d] })[0]!;

describe('whether a deal counts', () => {
  it('counts a confirmed deal and one stored before deals of record, never one awaiting or rejected', () => {
    expect([undefined, 'confirmed', 'unconfirmed', 'rejected'].map((status) => dealCounts({ status } as never))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('resets the rotation clock only from the rotation minimum up', () => {
    expect(countsForRotation({ status: 'confirmed', amount: 99 }, { minDealAmount: 100 })).toBe(false);
    expect(countsForRotation({ status: 'confirmed', amount: 100 }, { minDealAmount: 100 })).toBe(true);
    expect(countsForRotation({ status: 'unconfirmed', amount: 10_000 }, { minDealAmount: 100 })).toBe(false);
  });

  it("leaves a holder's deal unconfirmed only when confirmation is required; admin entries and imports are of record", () => {
    expect(statusOnRecord(recordedViaOf({ role: 'manager' }), { dealConfirmation: 'required' })).toBe('unconfirmed');
    expect(statusOnRecord(recordedViaOf({ role: 'manager' }), { dealConfirmation: 'not-required' })).toBe('confirmed');
    expect(statusOnRecord(recordedViaOf({ role: 'admin' }), { dealConfirmation: 'required' })).toBe('confirmed');
    expect(statusOnRecord('import', { dealConfirmation: 'required' })).toBe('confirmed');
  });

  it('numbers counted deals 1, 2, … and gives one awaiting the number it would take next', () => {
    expect(dealNumbers([{ status: 'confirmed' }, { status: 'unconfirmed' }, {}, { status: 'rejected' }])).toEqual([1, 2, 2, 3]);
  });

  it('marks an imported deal confirmed unless the file says how it was recorded', () => {
    const d = { id: 'd1', clientId: 'c1', managerId: 'm1', date: '2026-01-10', amount: 5, profit: 1 };
    expect(asImported(d, { by: 'import', at: '2026-02-01T00:00:00Z' })).toMatchObject({
      recordedVia: 'import',
      status: 'confirmed',
      version: 1,
    });
    const reviewed = { ...d, recordedVia: 'holder' as const, status: 'unconfirmed' as const, version: 3 };
    expect(asImported(reviewed, { by: 'import', at: '2026-02-01T00:00:00Z' })).toBe(reviewed);
  });
});

describe('the retention gate and the new-client blocks', () => {
  it('counts the gate from the first deal or the creation in the base, whichever is later', () => {
    expect(retentionFrom({ firstDealAt: '2026-07-10', createdAt: '2026-12-07T10:00:00.000Z' })).toBe('2026-12-07');
    expect(retentionFrom({ firstDealAt: '2026-07-10', createdAt: '2026-06-01T10:00:00.000Z' })).toBe('2026-07-10');
    expect(retentionFrom({ firstDealAt: '2026-07-10' })).toBe('2026-07-10');
    expect(retentionFrom({ firstDealAt: null, createdAt: '2026-06-01' })).toBeNull();
  });

  it('blocks a company without INN and a deal below the minimum', () => {
    expect(raisedBlock({ amount: 50_000 }, { kind: 'company' }, { minDealAmount: 100 })).toBe('add-tax-number');
    expect(raisedBlock({ amount: 50_000 }, { kind: 'company', taxNumber: '7707083893' }, { minDealAmount: 100 })).toBeUndefined();
    expect(raisedBlock({ amount: 99 }, { kind: 'person' }, { minDealAmount: 100 })).toBe('below-minimum');
    expect(attractionBlock({ kind: 'person' }, [{ amount: 1 }, { amount: 100 }], { minDealAmount: 100 })).toBeUndefined();
    expect(attractionBlock({ kind: 'person' }, [{ amount: 1 }], { minDealAmount: 100 })).toBe('below-minimum');
  });
});

describe('a statement under deals of record', () => {
  it('shows a deal awaiting confirmation as what it would earn, in awaiting only', () => {
    const s = january(client({ firstDealAt: null }), deal({ status: 'unconfirmed' }));
    expect(s.lines.map((l) => [l.id, l.status, l.amount])).toEqual([
      ['normal:d1', 'awaiting-confirmation', 500],
      ['raised:d1', 'awaiting-confirmation', 1_000],
    ]);
    expect(s.totals).toEqual({ payable: 0, pending: 0, cancelled: 0, awaiting: 1_500 });
  });

  it('pays a rejected deal nothing and says why', () => {
    const s = january(client({ firstDealAt: null }), deal({ status: 'rejected', reason: 'no invoice' }));
    expect(s.lines).toMatchObject([{ id: 'normal:d1', status: 'not-paid', amount: 0, note: 'rejected: no invoice' }]);
    expect(s.totals).toEqual({ payable: 0, pending: 0, cancelled: 0, awaiting: 0 });
  });

  it('pays a company without INN the normal rate only, and says to add the INN', () => {
    const s = january(client({ kind: 'company' }), deal());
    expect(s.lines.map((l) => [l.id, l.status, l.amount, l.note])).toEqual([
      ['normal:d1', 'payable', 500, expect.any(String)],
      ['raised:d1', 'not-paid', 0, 'add the INN to be paid for this client'],
      ['attraction:c1', 'not-paid', 0, expect.stringContaining('add the INN to be paid for this client')],
    ]);
  });

  it('pays no raised part or attraction on a deal below the minimum deal', () => {
    const s = january(client(), deal({ amount: 99, profit: 99 }));
    expect(s.lines.filter((l) => l.kind !== 'normal').map((l) => [l.id, l.status, l.amount, l.note])).toEqual([
      ['raised:d1', 'not-paid', 0, 'below the minimum deal'],
      ['attraction:c1', 'not-paid', 0, expect.stringContaining('below the minimum deal')],
    ]);
    expect(january(client(), deal({ amount: 99, profit: 99 }), rules({ minDealAmount: 0 })).totals.payable).toBeGreaterThan(100_000);
  });

  it('holds the raised part of a deal backdated before the client existed until the gate from its creation', () => {
    const s = january(client({ createdAt: '2026-03-01' }), deal());
    expect(s.lines.find((l) => l.id === 'raised:d1')).toMatchObject({ status: 'pending', dueDate: '2026-06-01' });
  });
});
