import { describe, expect, it } from 'vitest';
import { planOffboarding } from '../../../../functions/src/core/rotation/plan-offboarding.ts';
import type { RotationClient, RotationManager } from '../../../../functions/src/core/rotation/types.ts';
import { rotationRulesSchema } from '../../../../functions/src/schema/rules-config.ts';

const rules = rotationRulesSchema.parse({});
const mgr = (id: string, level = 1, active = true): RotationManager => ({ id, level, active });
const held = (id: string, extra: Partial<RotationClient> = {}): RotationClient => ({
  id,
  managerId: 'leaver',
  assignedAt: '2026-11-01',
  dealsSinceAssignment: 3,
  lastDealAt: '2026-11-20',
  version: 2,
  ...extra,
});
const offboard = (managers: RotationManager[], clients: RotationClient[]) =>
  planOffboarding({ managers, leaverId: 'leaver', clients, rules, at: '2026-12-03', seq: 4 });

describe('planOffboarding', () => {
  it('moves every client of the leaver: fresh, pinned and lost ones (still lost) alike', () => {
    const p = offboard(
      [mgr('leaver'), mgr('a'), mgr('b')],
      [held('fresh'), held('pin', { pinned: true }), held('lost', { lostAt: '2026-05-01' })],
    );
    expect(p.moves.map((m) => [m.clientId, m.from, m.reason, m.reportDue])).toEqual([
      ['fresh', 'leaver', 'offboarding', '2026-12-17'],
      ['lost', 'leaver', 'offboarding', '2026-12-17'],
      ['pin', 'leaver', 'offboarding', '2026-12-17'],
    ]);
  });

  it('spreads the clients evenly over the active managers of the level', () => {
    const p = offboard(
      [mgr('leaver'), mgr('a'), mgr('b'), mgr('c'), mgr('off', 1, false), mgr('senior', 2)],
      Array.from({ length: 9 }, (_, i) => held(`c${i}`)),
    );
    expect(['a', 'b', 'c', 'off', 'senior'].map((id) => p.moves.filter((m) => m.to === id).length)).toEqual([3, 3, 3, 0, 0]);
  });

  it('sends large clients to the nearest higher level when anyone is active there', () => {
    const p = offboard([mgr('leaver', 1), mgr('a', 1), mgr('s', 2), mgr('t', 3)], [held('big', { size: 'large' }), held('small')]);
    expect(p.moves.map((m) => [m.clientId, m.to])).toEqual([
      ['big', 's'],
      ['small', 'a'],
    ]);
  });

  it('uses the nearest level when nobody at the leaver level is active, and says so', () => {
    const p = offboard([mgr('leaver', 2), mgr('x', 2, false), mgr('low', 1), mgr('high', 4)], [held('c1')]);
    expect(p.moves[0]?.to).toBe('low');
    expect(p.notes).toContain('nobody active at level 2: the clients go to level 1');
  });

  it('avoids a recent holder when a colleague is free of that history', () => {
    const p = offboard(
      [mgr('leaver'), mgr('a'), mgr('b')],
      [
        held('c1', { formerHolders: [{ managerId: 'a', until: '2026-06-01', rotationSeq: 3 }] }),
        held('c2', { formerHolders: [{ managerId: 'a', until: '2026-06-01', rotationSeq: 3 }] }),
      ],
    );
    expect(p.moves.map((m) => m.to)).toEqual(['b', 'b']);
  });

  it('skips with a reason when nobody is active to take the clients', () => {
    const p = offboard([mgr('leaver'), mgr('x', 1, false)], [held('c1')]);
    expect(p.moves).toEqual([]);
    expect(p.skipped).toEqual([{ clientId: 'c1', managerId: 'leaver', why: 'no active manager to take it' }]);
  });

  it('explains every uneven count: the leaver hands everything on, the colleagues take over', () => {
    const p = offboard([mgr('leaver'), mgr('a'), mgr('b')], [held('c1'), held('c2'), held('c3')]);
    const tookOver = 'took over clients of the leaving manager leaver (offboarding hands on evenly; it does not balance)';
    expect(p.unbalanced).toEqual([
      { managerId: 'a', level: 1, given: 0, received: 2, why: tookOver },
      { managerId: 'b', level: 1, given: 0, received: 1, why: tookOver },
      { managerId: 'leaver', level: 1, given: 3, received: 0, why: 'leaving: hands on every client and receives none' },
    ]);
  });

  it('keeps a later pass even over the whole offboarding: those who took fewer clients before take these first', () => {
    const managers = [mgr('leaver'), mgr('a'), mgr('b'), mgr('c')];
    const alreadyReceived = new Map([
      ['a', 2],
      ['b', 1],
    ]);
    const p = planOffboarding({
      managers,
      leaverId: 'leaver',
      clients: [held('x'), held('y'), held('z')],
      rules,
      at: '2026-12-07',
      seq: 4,
      alreadyReceived,
    });
    const counts = ['a', 'b', 'c'].map((id) => (alreadyReceived.get(id) ?? 0) + p.moves.filter((m) => m.to === id).length);
    expect(counts).toEqual([2, 2, 2]);
    expect(p.moves.every((m) => m.reportDue === '2026-12-21')).toBe(true);
    // The pass's own balance counts only its moves.
    expect(p.balance.find((b) => b.managerId === 'leaver')).toEqual({ managerId: 'leaver', given: 3, received: 0 });
  });

  it('refuses an unknown leaver', () => {
    expect(() => planOffboarding({ managers: [mgr('a')], leaverId: 'nobody', clients: [], rules, at: '2026-12-03', seq: 1 })).toThrow(
      /not found/,
    );
  });
});
