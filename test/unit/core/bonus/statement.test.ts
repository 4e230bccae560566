import { describe, expect, it } from 'vitest';
import { computeStatements, type BonusInput } from '../../../../functions/src/core/bonus/statement.ts';
import { cohortMonthJudgedIn } from '../../../../functions/src/core/bonus/cohort.ts';
import type { BonusClient, BonusDeal, Statement } from '../../../../functions/src/core/bonus/types.ts';
import { bonusRulesSchema } from '../../../../functions/src/schema/rules-config.ts';

const rules = (r: Record<string, unknown> = {}) => bonusRulesSchema.parse({ normalRate: 0.05, newClientMultiplier: 3, ...r });
const client = (id: string, firstDealAt: string | null, extra: Partial<BonusClient> = {}): BonusClient => ({
  id,
  managerId: 'm1',
  attractedBy: 'm1',
  firstDealAt,
  ...extra,
});
const deal = (id: string, clientId: string, date: string, profit: number, seq: number, extra: Partial<BonusDeal> = {}): BonusDeal => ({
  id,
  clientId,
  managerId: 'm1',
  date,
  amount: profit * 10,
  profit,
  seq,
  ...extra,
});
const run = (input: Partial<BonusInput> & { month: string }): Statement[] =>
  computeStatements({ rules: rules(), deals: [], clients: [], ...input });
const of = (s: Statement[], managerId = 'm1') => s.find((x) => x.managerId === managerId);
const line = (s: Statement[], id: string, managerId = 'm1') => of(s, managerId)?.lines.find((l) => l.id === id);

describe('monthly statement', () => {
  it('pays the normal rate on profit by default and on the amount when the base is amount', () => {
    const input = {
      month: '2026-03',
      clients: [client('c1', '2025-01-10', { attractedBy: undefined })],
      deals: [deal('d1', 'c1', '2026-03-05', 12345, 4)],
    };
    expect(line(run(input), 'normal:d1')).toMatchObject({
      kind: 'normal',
      rate: 0.05,
      amount: 617,
      status: 'payable',
      dealId: 'd1',
      clientId: 'c1',
      dueDate: null,
    });
    expect(line(run({ ...input, rules: rules({ base: 'amount' }) }), 'normal:d1')?.amount).toBe(6173); // 123450 × 5 % = 6172.5
  });

  it('earns the attractor 15 %, 7.5 %, 5 % on a new client, the part above normal pending until the gate', () => {
    const c = client('c1', '2026-01-10');
    const deals = [
      deal('d1', 'c1', '2026-01-10', 1000, 1),
      deal('d2', 'c1', '2026-01-20', 1000, 2),
      deal('d3', 'c1', '2026-01-25', 1000, 3),
    ];
    const s = run({ month: '2026-01', clients: [c], deals });
    expect(
      of(s)!
        .lines.filter((l) => l.kind === 'normal')
        .map((l) => l.amount),
    ).toEqual([50, 50, 50]);
    expect(line(s, 'raised:d1')).toMatchObject({ rate: 0.1, amount: 100, status: 'pending', dueDate: '2026-04-10' });
    expect(line(s, 'raised:d2')).toMatchObject({ rate: 0.025, amount: 25, status: 'pending', dueDate: '2026-04-10' });
    expect(line(s, 'raised:d3')).toBeUndefined();
    expect(of(s)!.totals).toEqual({ payable: 150, pending: 125, cancelled: 0, awaiting: 0 });
  });

  it('releases the held parts in the gate month when the client stayed, and pays them that month', () => {
    const c = client('c1', '2026-01-10');
    const deals = [deal('d1', 'c1', '2026-01-10', 1000, 1), deal('d2', 'c1', '2026-02-01', 1000, 2)];
    const s = run({ month: '2026-04', clients: [c], deals });
    expect(of(s)!.lines.map((l) => [l.id, l.status, l.amount, l.dueDate])).toEqual([
      ['release:d1', 'released', 100, '2026-04-10'],
      ['release:d2', 'released', 25, '2026-04-10'],
    ]);
    expect(of(s)!.totals).toEqual({ payable: 125, pending: 0, cancelled: 0, awaiting: 0 });
  });

  it('releases a held part for the amount it was earned at, under the rules of its month', () => {
    const c = client('c1', '2026-01-10');
    const s = run({
      month: '2026-04',
      rules: rules({ normalRate: 0.1, newClientMultiplier: 2 }),
      rulesByMonth: new Map([['2026-01', rules()]]),
      clients: [c],
      deals: [deal('d1', 'c1', '2026-01-10', 1000, 1)],
    });
    expect(of(s)!.lines.map((l) => [l.id, l.amount, l.rate])).toEqual([['release:d1', 100, 0.1]]);
  });

  it('cancels the held parts at the gate when the client was lost before it', () => {
    const c = client('c1', '2026-01-10', { lostAt: '2026-02-15' });
    const s = run({ month: '2026-04', clients: [c], deals: [deal('d1', 'c1', '2026-01-10', 1000, 1)] });
    expect(line(s, 'cancel:d1')).toMatchObject({ kind: 'raised-cancel', status: 'cancelled', amount: 100, dueDate: '2026-04-10' });
    expect(of(s)!.totals).toEqual({ payable: 0, pending: 0, cancelled: 100, awaiting: 0 });
  });

  it('pays a raised part at once on a deal made on or after the gate', () => {
    const c = client('c1', '2026-01-31');
    const s = run({
      month: '2026-04',
      clients: [c],
      deals: [deal('d1', 'c1', '2026-01-31', 1000, 1), deal('d2', 'c1', '2026-04-30', 1000, 2)],
    });
    expect(line(s, 'raised:d2')).toMatchObject({ status: 'payable', amount: 25, dueDate: null });
    expect(line(s, 'release:d1')).toMatchObject({ dueDate: '2026-04-30', amount: 100 });
  });

  it('pays no raised part outside the campaign window, the normal rate still', () => {
    const r = rules({ campaign: { from: '2026-02-01', to: '2026-02-28' } });
    const s = run({ month: '2026-01', rules: r, clients: [client('c1', '2026-01-10')], deals: [deal('d1', 'c1', '2026-01-10', 1000, 1)] });
    expect(of(s)!.lines.map((l) => l.id)).toEqual(['normal:d1']);
    const inside = run({
      month: '2026-02',
      rules: r,
      clients: [client('c2', '2026-02-28')],
      deals: [deal('d2', 'c2', '2026-02-28', 1000, 1)],
    });
    expect(line(inside, 'raised:d2')?.amount).toBe(100);
  });

  it('earns the new holder only the normal rate after the client was rotated away from its attractor', () => {
    const c = client('c1', '2026-01-10', { managerId: 'm2', formerHolders: [{ managerId: 'm1', until: '2026-02-01' }] });
    const s = run({ month: '2026-02', clients: [c], deals: [deal('d2', 'c1', '2026-02-03', 1000, 2, { managerId: 'm2' })] });
    expect(s.map((x) => x.managerId)).toEqual(['m2']);
    expect(of(s, 'm2')!.lines.map((l) => l.kind)).toEqual(['normal']);
  });

  it("gives a colleague's deal with someone else's new client the normal rate only", () => {
    const s = run({
      month: '2026-01',
      clients: [client('c1', '2026-01-10')],
      deals: [deal('d1', 'c1', '2026-01-10', 1000, 1, { managerId: 'm2' })],
    });
    expect(of(s, 'm2')!.lines.map((l) => l.kind)).toEqual(['normal']);
  });

  it('caps the raised total at the deal profit when the base is the amount', () => {
    const r = rules({ base: 'amount', normalRate: 0.2 });
    const s = run({
      month: '2026-01',
      rules: r,
      clients: [client('c1', '2026-01-10')],
      deals: [deal('d1', 'c1', '2026-01-10', 300, 1, { amount: 1000 })],
    });
    expect(line(s, 'normal:d1')?.amount).toBe(200);
    expect(line(s, 'raised:d1')?.amount).toBe(100); // 60 % of 1000 would be 600, capped to profit 300
  });

  it('pays nothing on a loss-making deal and no raised part either', () => {
    const s = run({ month: '2026-01', clients: [client('c1', '2026-01-10')], deals: [deal('d1', 'c1', '2026-01-10', -500, 1)] });
    expect(of(s)!.lines.map((l) => [l.id, l.amount])).toEqual([['normal:d1', 0]]);
    expect(of(s)!.lines[0]!.note).toContain('loss-making');
  });

  it("pays the attraction bonus per new client, by the tier the month's count reaches", () => {
    const r = rules({
      attractionBonus: 1000,
      attractionTiers: [
        { minClients: 3, amount: 1500 },
        { minClients: 5, amount: 2000 },
      ],
    });
    const clients = ['a', 'b', 'c'].map((id) => client(id, `2026-01-1${id === 'a' ? 1 : 2}`));
    const deals = clients.map((c) => deal(`d${c.id}`, c.id, c.firstDealAt!, 100, 1));
    const s = run({ month: '2026-01', rules: r, clients, deals });
    expect(
      of(s)!
        .lines.filter((l) => l.kind === 'attraction')
        .map((l) => [l.clientId, l.amount, l.status]),
    ).toEqual([
      ['a', 1500, 'payable'],
      ['b', 1500, 'payable'],
      ['c', 1500, 'payable'],
    ]);
    const two = run({ month: '2026-01', rules: r, clients: clients.slice(0, 2), deals: deals.slice(0, 2) });
    expect(
      of(two)!
        .lines.filter((l) => l.kind === 'attraction')
        .map((l) => l.amount),
    ).toEqual([1000, 1000]);
  });

  describe('the worked example of MISSION §3.6', () => {
    const r = rules({
      attractionBonus: 100_000,
      cohortTiers: [
        { minShare: 1, rate: 0.04 },
        { minShare: 0.4, rate: 0.03 },
        { minShare: 0, rate: 0.02 },
      ],
    });
    const ids = ['c1', 'c2', 'c3', 'c4', 'c5'];
    const deals = ids.map((id, i) => deal(`d-${id}`, id, `2026-01-0${i + 1}`, 20_000, 1));
    const cohort = (lost: number) => ids.map((id, i) => client(id, `2026-01-0${i + 1}`, i < lost ? { lostAt: '2026-02-20' } : {}));

    it('pays 5 × 1,000 attraction bonus in month 1', () => {
      const s = run({ month: '2026-01', rules: r, clients: cohort(0), deals });
      expect(
        of(s)!
          .lines.filter((l) => l.kind === 'attraction')
          .reduce((sum, l) => sum + l.amount, 0),
      ).toBe(5 * 100_000);
    });

    it('judges the January cohort in March when the gate is 3 months', () => {
      expect(cohortMonthJudgedIn('2026-03', 3)).toBe('2026-01');
    });

    it('pays 3 % of the cohort profit in month 3 when two of five remain', () => {
      const s = run({ month: '2026-03', rules: r, clients: cohort(3), deals });
      expect(line(s, 'cohort:2026-01')).toMatchObject({ kind: 'cohort', rate: 0.03, amount: 3000, status: 'payable' });
      expect(line(s, 'cohort:2026-01')!.note).toContain('2 of 5 retained');
    });

    it('pays 4 % had all five remained, and 2 % had one remained', () => {
      expect(line(run({ month: '2026-03', rules: r, clients: cohort(0), deals }), 'cohort:2026-01')).toMatchObject({
        rate: 0.04,
        amount: 4000,
      });
      expect(line(run({ month: '2026-03', rules: r, clients: cohort(4), deals }), 'cohort:2026-01')).toMatchObject({
        rate: 0.02,
        amount: 2000,
      });
    });

    it('pays no cohort bonus in months other than the judging one', () => {
      expect(
        run({ month: '2026-02', rules: r, clients: cohort(0), deals })
          .flatMap((x) => x.lines)
          .filter((l) => l.kind === 'cohort'),
      ).toEqual([]);
    });
  });
});
