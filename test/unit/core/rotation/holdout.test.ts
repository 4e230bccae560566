import { describe, expect, it } from 'vitest';
import { chooseHoldout } from '../../../../functions/src/core/rotation/holdout.ts';
import { planRotation } from '../../../../functions/src/core/rotation/plan-rotation.ts';
import type { RotationClient } from '../../../../functions/src/core/rotation/types.ts';
import { rotationRulesSchema } from '../../../../functions/src/schema/rules-config.ts';

const candidates = (count: number, large = 0) =>
  Array.from({ length: count }, (_, i) => ({
    id: `c${String(i).padStart(4, '0')}`,
    managerId: `m${i % 4}`,
    size: i < large ? ('large' as const) : ('regular' as const),
  }));

describe('choosing the holdout', () => {
  it('holds out the share asked, the same clients every time for the same run, others for another run', () => {
    const all = candidates(200);
    const first = chooseHoldout({ candidates: all, share: 0.2, seed: '2026-06-01' });
    expect(first).toHaveLength(40);
    expect(chooseHoldout({ candidates: [...all].reverse(), share: 0.2, seed: '2026-06-01' })).toEqual(first);
    const other = chooseHoldout({ candidates: all, share: 0.2, seed: '2026-07-01' });
    expect(other.map((h) => h.clientId)).not.toEqual(first.map((h) => h.clientId));
    expect(first.every((h) => all.some((c) => c.id === h.clientId && c.managerId === h.managerId))).toBe(true);
  });

  it('holds out nothing at share 0', () => {
    expect(chooseHoldout({ candidates: candidates(50), share: 0, seed: '2026-06-01' })).toEqual([]);
  });

  it('never holds out a client the previous run held out', () => {
    const all = candidates(100);
    const first = chooseHoldout({ candidates: all, share: 0.5, seed: '2026-06-01' });
    const previous = new Set(first.map((h) => h.clientId));
    const second = chooseHoldout({ candidates: all, share: 0.5, seed: '2026-07-01', previous });
    expect(second).toHaveLength(50);
    expect(second.filter((h) => previous.has(h.clientId))).toEqual([]);
  });

  it('includes large clients in proportion: 30 % of 10 large and 30 % of 90 regular', () => {
    const all = candidates(100, 10);
    const held = chooseHoldout({ candidates: all, share: 0.3, seed: '2026-06-01' });
    const large = new Set(all.filter((c) => c.size === 'large').map((c) => c.id));
    expect(held.filter((h) => large.has(h.clientId))).toHaveLength(3);
    expect(held.filter((h) => !large.has(h.clientId))).toHaveLength(27);
  });
});

describe('the planner with a holdout', () => {
  const stale = (id: string, managerId: string): RotationClient => ({
    id,
    managerId,
    assignedAt: '2025-01-10',
    dealsSinceAssignment: 0,
    lastDealAt: null,
    version: 1,
  });
  const clients = ['a', 'b', 'c', 'd'].flatMap((m) => Array.from({ length: 5 }, (_, i) => stale(`${m}${i}`, m)));
  const managers = ['a', 'b', 'c', 'd'].map((id) => ({ id, level: 1, active: true }));
  const rules = rotationRulesSchema.parse({ holdoutShare: 0.25 });

  it('leaves the held-out clients with their holders and moves the others, balanced', () => {
    const p = planRotation({ managers, candidates: clients, rules, at: '2026-06-01', seq: 3 });
    expect(p.heldOut).toHaveLength(5);
    const held = new Set(p.heldOut!.map((h) => h.clientId));
    expect(p.moves.filter((m) => held.has(m.clientId))).toEqual([]);
    expect(p.moves).toHaveLength(15);
    expect(p.balance.every((b) => b.given === b.received)).toBe(true);
    expect(p.heldOut!.every((h) => h.managerId === h.clientId[0])).toBe(true);
  });

  it('holds out none of the clients the previous run held out', () => {
    const first = planRotation({ managers, candidates: clients, rules, at: '2026-06-01', seq: 3 });
    const previousHeldOut = new Set(first.heldOut!.map((h) => h.clientId));
    const next = planRotation({ managers, candidates: clients, rules, at: '2026-06-01', seq: 4, previousHeldOut });
    expect(next.heldOut).toHaveLength(5);
    expect(next.heldOut!.filter((h) => previousHeldOut.has(h.clientId))).toEqual([]);
    expect(next.moves.filter((m) => previousHeldOut.has(m.clientId))).toHaveLength(5);
  });

  it('draws the holdout after leaves: a client kept by an away holder or paused by a leave is never held out too', () => {
    // d is away on the run day (keeps its 5); a was away 14 months since assigning, so a's 5 are not stale yet.
    const withLeaves = managers.map((m) =>
      m.id === 'd'
        ? { ...m, absences: [{ from: '2026-05-20', to: '2026-06-10' }] }
        : m.id === 'a'
          ? { ...m, absences: [{ from: '2025-02-01', to: '2026-03-31' }] }
          : m,
    );
    const p = planRotation({ managers: withLeaves, candidates: clients, rules, at: '2026-06-01', seq: 3 });
    expect(p.away).toEqual([
      { managerId: 'a', awayUntil: null, kept: 0, paused: 5, deadlinesMoved: 0 },
      { managerId: 'd', awayUntil: '2026-06-10', kept: 5, paused: 0, deadlinesMoved: 0 },
    ]);
    // A quarter of the 10 that would move (b's and c's): 3 by rounding (2.5), none of a's or d's.
    expect(p.heldOut!.length).toBe(3);
    expect(p.heldOut!.every((h) => h.managerId === 'b' || h.managerId === 'c')).toBe(true);
    const held = new Set(p.heldOut!.map((h) => h.clientId));
    expect(p.moves.every((m) => !held.has(m.clientId) && m.from !== 'd' && m.to !== 'd' && m.from !== 'a')).toBe(true);
    expect(p.moves).toHaveLength(7);
  });
});
