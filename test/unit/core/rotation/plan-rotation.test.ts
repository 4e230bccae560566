import { describe, expect, it } from 'vitest';
import { planRotation } from '../../../../functions/src/core/rotation/plan-rotation.ts';
import type { RotationClient, RotationManager } from '../../../../functions/src/core/rotation/types.ts';
import { rotationRulesSchema } from '../../../../functions/src/schema/rules-config.ts';

const rules = rotationRulesSchema.parse({});
const at = '2026-12-01';
const mgr = (id: string, level = 1, active = true): RotationManager => ({ id, level, active });
const stale = (id: string, managerId: string, extra: Partial<RotationClient> = {}): RotationClient => ({
  id,
  managerId,
  assignedAt: '2026-01-10',
  dealsSinceAssignment: 0,
  lastDealAt: null,
  version: 3,
  ...extra,
});
const plan = (managers: RotationManager[], candidates: RotationClient[], extra: Partial<Parameters<typeof planRotation>[0]> = {}) =>
  planRotation({ managers, candidates, rules, at, seq: 5, ...extra });

describe('staleness', () => {
  it('takes a client held at least holdMonths with no deal since assignment', () => {
    const p = plan([mgr('a'), mgr('b')], [stale('c1', 'a', { assignedAt: '2026-06-01' }), stale('c2', 'b')]);
    expect(p.moves.map((m) => [m.clientId, m.reason])).toEqual([
      ['c1', 'no-deal-since-assignment'],
      ['c2', 'no-deal-since-assignment'],
    ]);
  });

  it('leaves a client held for less than holdMonths', () => {
    const p = plan([mgr('a'), mgr('b')], [stale('c1', 'a', { assignedAt: '2026-06-02' })]);
    expect(p.moves).toEqual([]);
  });

  it('counts an ISO timestamp on the cutoff day as held long enough', () => {
    const p = plan([mgr('a'), mgr('b')], [stale('c1', 'a', { assignedAt: '2026-06-01T20:30:00.000Z' }), stale('c2', 'b')]);
    expect(p.moves.map((m) => m.clientId)).toEqual(['c1', 'c2']);
  });

  it('takes a client whose last deal is noDealMonths old, and leaves one with a recent deal', () => {
    const p = plan(
      [mgr('a'), mgr('b')],
      [
        stale('old', 'a', { assignedAt: '2024-01-01', dealsSinceAssignment: 2, lastDealAt: '2025-12-01' }),
        stale('fresh', 'b', { assignedAt: '2024-01-01', dealsSinceAssignment: 2, lastDealAt: '2025-12-02' }),
        stale('x', 'b'),
      ],
    );
    expect(p.moves.map((m) => [m.clientId, m.reason])).toEqual([
      ['old', 'no-deal-for-months'],
      ['x', 'no-deal-since-assignment'],
    ]);
  });

  it('never moves lost or pinned clients', () => {
    const p = plan(
      [mgr('a'), mgr('b')],
      [stale('lost', 'a', { lostAt: '2026-02-01' }), stale('pin', 'a', { pinned: true }), stale('c', 'b')],
    );
    expect(p.moves.map((m) => m.clientId)).toEqual(['c']);
  });

  it('gives every move the report deadline at + reportDays', () => {
    const p = plan([mgr('a'), mgr('b')], [stale('c1', 'a'), stale('c2', 'b')]);
    expect(p.moves.every((m) => m.reportDue === '2026-12-15')).toBe(true);
  });
});

describe('levels', () => {
  it('moves a regular client only within its level', () => {
    const p = plan([mgr('a', 1), mgr('b', 1), mgr('s', 2)], [stale('c1', 'a'), stale('c2', 'b'), stale('c3', 's')]);
    const levelOf = { a: 1, b: 1, s: 2 } as Record<string, number>;
    for (const m of p.moves.filter((m) => m.clientId !== 'c3')) expect(levelOf[m.to]).toBe(1);
    expect(p.skipped).toEqual([{ clientId: 'c3', managerId: 's', why: expect.stringContaining('no other active manager at level 2') }]);
  });

  it('sends a large client to a free place one level up when there is one', () => {
    // s1 gives one to s2 and nobody at level 2 gives back: s1's place is free for the large client.
    const p = plan(
      [mgr('a', 1), mgr('b', 1), mgr('s1', 2), mgr('s2', 2)],
      [stale('big', 'a', { size: 'large' }), stale('r', 'b'), stale('s', 's1')],
    );
    expect(p.moves.find((m) => m.clientId === 's')?.to).toBe('s2');
    expect(p.moves.find((m) => m.clientId === 'big')?.to).toBe('s1');
    expect(p.moves.find((m) => m.clientId === 'r')?.to).toBe('a');
  });

  it('keeps a large client at its level when no higher place is free', () => {
    const p = plan([mgr('a', 1), mgr('b', 1), mgr('s1', 2)], [stale('big', 'a', { size: 'large' }), stale('r', 'b')]);
    expect(p.moves.find((m) => m.clientId === 'big')?.to).toBe('b');
  });
});

describe('balance', () => {
  it('gives every manager as many as were taken from them when the level can balance', () => {
    const managers = ['a', 'b', 'c', 'd'].map((id) => mgr(id));
    const candidates = [
      ...Array.from({ length: 3 }, (_, i) => stale(`a${i}`, 'a')),
      ...Array.from({ length: 2 }, (_, i) => stale(`b${i}`, 'b')),
      stale('c0', 'c'),
    ];
    const p = plan(managers, candidates);
    expect(p.unbalanced).toEqual([]);
    expect(p.balance).toEqual([
      { managerId: 'a', given: 3, received: 3 },
      { managerId: 'b', given: 2, received: 2 },
      { managerId: 'c', given: 1, received: 1 },
    ]);
  });

  it('balances the case where a naive greedy strands a manager with only its own places', () => {
    const managers = ['a', 'b', 'c'].map((id) => mgr(id));
    const candidates = ['a', 'b', 'c'].flatMap((h) => [stale(`${h}1`, h), stale(`${h}2`, h)]);
    expect(plan(managers, candidates).unbalanced).toEqual([]);
  });

  it('makes up a shortfall from unassigned clients in id order and reports what still cannot balance', () => {
    const managers = [mgr('a'), mgr('b')];
    const candidates = [stale('a1', 'a'), stale('a2', 'a'), stale('a3', 'a'), stale('a4', 'a')];
    const unassigned: RotationClient[] = [
      { id: 'u2', managerId: null, dealsSinceAssignment: 0, lastDealAt: null, version: 1 },
      { id: 'u1', managerId: null, dealsSinceAssignment: 0, lastDealAt: null, version: 1 },
      { id: 'u0', managerId: null, dealsSinceAssignment: 0, lastDealAt: null, version: 1, lostAt: '2026-01-01' },
    ];
    const first = plan(managers, candidates);
    expect(first.shortfall).toBe(4);
    const p = plan(managers, candidates, { unassigned });
    expect(p.moves.filter((m) => m.reason === 'top-up').map((m) => [m.clientId, m.from, m.to])).toEqual([
      ['u1', null, 'a'],
      ['u2', null, 'a'],
    ]);
    expect(p.unbalanced).toEqual([
      { managerId: 'a', level: 1, given: 4, received: 2, why: expect.stringContaining('not enough') },
      { managerId: 'b', level: 1, given: 0, received: 4, why: expect.stringContaining('more stale clients') },
    ]);
  });

  it('tops up large unassigned clients to the most senior receivers owed places, regular ones to whoever is owed most', () => {
    const managers = [mgr('a', 1), mgr('b', 1), mgr('s', 3), mgr('t', 3), mgr('m', 2), mgr('n', 2)];
    // Each giver's colleague at its level holds nothing stale, so a, s and m are each owed 2 places.
    const candidates = [stale('a1', 'a'), stale('a2', 'a'), stale('s1', 's'), stale('s2', 's'), stale('m1', 'm'), stale('m2', 'm')];
    const free = (id: string, size: 'regular' | 'large'): RotationClient => ({
      ...{ id, managerId: null, size },
      ...{ dealsSinceAssignment: 0, lastDealAt: null, version: 1 },
    });
    const sizes = ['regular', 'large', 'regular', 'large', 'large', 'regular'] as const;
    const unassigned = sizes.map((size, i) => free(`u${i + 1}`, size));
    const p = plan(managers, candidates, { unassigned });
    const topUps = new Map(p.moves.filter((m) => m.reason === 'top-up').map((m) => [m.clientId, m.to]));
    expect(['u2', 'u4'].map((id) => topUps.get(id))).toEqual(['s', 's']);
    expect(topUps.get('u5')).toBe('m');
    expect(['u1', 'u3', 'u6'].map((id) => topUps.get(id)).sort()).toEqual(['a', 'a', 'm']);
    expect(p.unbalanced).toEqual([
      { managerId: 'b', level: 1, given: 0, received: 2, why: expect.stringContaining('more stale clients') },
      { managerId: 'n', level: 2, given: 0, received: 2, why: expect.stringContaining('more stale clients') },
      { managerId: 't', level: 3, given: 0, received: 2, why: expect.stringContaining('more stale clients') },
    ]);
  });

  it('gives nothing to inactive managers and reports their imbalance', () => {
    const p = plan([mgr('a'), mgr('b'), mgr('gone', 1, false)], [stale('g1', 'gone'), stale('a1', 'a'), stale('b1', 'b')]);
    expect(p.moves.some((m) => m.to === 'gone')).toBe(false);
    expect(p.unbalanced.find((u) => u.managerId === 'gone')?.why).toContain('inactive');
  });

  it('spreads a surplus evenly instead of piling it on one colleague', () => {
    const managers = ['a', 'b', 'c', 'd', 'e'].map((id) => mgr(id));
    const candidates = Array.from({ length: 8 }, (_, i) => stale(`a${i}`, 'a'));
    const p = plan(managers, candidates);
    const counts = ['b', 'c', 'd', 'e'].map((id) => p.moves.filter((m) => m.to === id).length);
    expect(counts).toEqual([2, 2, 2, 2]);
  });
});

describe('no boomerang', () => {
  it('never returns a client to a manager who held it within noReturnRotations', () => {
    const managers = [mgr('a'), mgr('b'), mgr('c')];
    const candidates = [
      stale('x', 'a', { formerHolders: [{ managerId: 'b', until: '2026-06-01', rotationSeq: 3 }] }),
      stale('b1', 'b'),
      stale('c1', 'c'),
    ];
    const p = plan(managers, candidates);
    expect(p.moves.find((m) => m.clientId === 'x')?.to).toBe('c');
  });

  it('allows a holder from longer ago than noReturnRotations', () => {
    const managers = [mgr('a'), mgr('b')];
    const candidates = [stale('x', 'a', { formerHolders: [{ managerId: 'b', until: '2025-06-01', rotationSeq: 2 }] }), stale('b1', 'b')];
    expect(plan(managers, candidates).moves.find((m) => m.clientId === 'x')?.to).toBe('b');
  });

  it('skips a client whose only colleague is a recent holder, with the reason', () => {
    const p = plan([mgr('a'), mgr('b')], [stale('x', 'a', { formerHolders: [{ managerId: 'b', until: '2026-06-01', rotationSeq: 4 }] })]);
    expect(p.moves).toEqual([]);
    expect(p.skipped[0]).toMatchObject({ clientId: 'x', managerId: 'a' });
  });
});

describe('determinism and fairness', () => {
  it('plans the same moves for the same input in any order', () => {
    const managers = ['a', 'b', 'c', 'd'].map((id) => mgr(id));
    const candidates = Array.from({ length: 12 }, (_, i) => stale(`c${String(i).padStart(2, '0')}`, ['a', 'b', 'c', 'd'][i % 4]!));
    expect(plan([...managers].reverse(), [...candidates].reverse())).toEqual(plan(managers, candidates));
  });

  it('does not favour the same manager on every date when there is a choice', () => {
    // a gives one client; b, c, d all have places owed: the winner depends on the date's seed.
    const managers = ['a', 'b', 'c', 'd'].map((id) => mgr(id));
    const winners = new Set<string>();
    for (let month = 1; month <= 12; month++) {
      const day = `2027-${String(month).padStart(2, '0')}-01`;
      const p = planRotation({
        managers,
        candidates: [
          stale('x', 'a', { assignedAt: '2020-01-01' }),
          stale('b1', 'b', { assignedAt: '2020-01-01' }),
          stale('c1', 'c', { assignedAt: '2020-01-01' }),
          stale('d1', 'd', { assignedAt: '2020-01-01' }),
        ],
        rules,
        at: day,
        seq: 1,
      });
      winners.add(p.moves.find((m) => m.clientId === 'x')!.to);
    }
    expect(winners.size).toBeGreaterThan(1);
  });
});
