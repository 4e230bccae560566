import { describe, expect, it } from 'vitest';
import { rotationReport } from '../../../../functions/src/core/rotation/report.ts';
import type { PlannedMove } from '../../../../functions/src/core/rotation/types.ts';

const move = (clientId: string, from: string | null, to: string): PlannedMove => ({
  clientId,
  from,
  to,
  reason: 'no-deal-since-assignment',
  reportDue: '2026-12-15',
  version: 1,
});
const plan = { unbalanced: [], skipped: [], levels: { a: 1, b: 1, c: 1 } };

describe('rotation report', () => {
  it('counts the balance from the moves made and lists them in client order', () => {
    const r = rotationReport({
      runId: 'rotation-2026-12-01',
      at: '2026-12-01',
      dryRun: false,
      moves: [move('x2', 'b', 'a'), move('x1', 'a', 'b')],
      plan,
    });
    expect(r.moves.map((m) => m.clientId)).toEqual(['x1', 'x2']);
    expect(r.balance).toEqual([
      { managerId: 'a', given: 1, received: 1 },
      { managerId: 'b', given: 1, received: 1 },
    ]);
    expect(r.unbalanced).toEqual([]);
    expect(r).not.toHaveProperty('alreadyApplied');
  });

  it('explains an imbalance left by a move skipped when applied, naming the client, and lists it as skipped', () => {
    const r = rotationReport({
      runId: 'rotation-2026-12-01',
      at: '2026-12-01',
      dryRun: false,
      moves: [move('x1', 'a', 'b'), move('y1', 'b', 'c')],
      plan,
      skippedMoves: [{ ...move('z1', 'c', 'a'), why: 'the client was edited after planning (version changed)' }],
    });
    expect(r.unbalanced.map((u) => [u.managerId, u.given, u.received, u.why])).toEqual([
      ['a', 1, 0, '1 planned move(s) skipped when applied (z1; see skipped)'],
      ['c', 0, 1, '1 planned move(s) skipped when applied (z1; see skipped)'],
    ]);
    expect(r.skipped).toEqual([{ clientId: 'z1', managerId: 'c', why: 'the client was edited after planning (version changed)' }]);
  });

  it('keeps the plan reason and adds the skipped moves when both explain a manager', () => {
    const r = rotationReport({
      runId: 'r',
      at: '2026-12-01',
      dryRun: false,
      moves: [move('x1', 'a', 'b')],
      plan: {
        ...plan,
        unbalanced: [{ managerId: 'a', level: 1, given: 2, received: 0, why: 'no eligible client to make up the shortfall' }],
      },
      skippedMoves: [{ ...move('x2', 'a', 'c'), why: 'the client changed hands after planning' }],
    });
    expect(r.unbalanced.find((u) => u.managerId === 'a')?.why).toBe(
      'no eligible client to make up the shortfall; 1 planned move(s) skipped when applied (x2; see skipped)',
    );
  });

  it('says when and by whom a run already applied was applied', () => {
    const r = rotationReport({
      runId: 'r',
      at: '2026-12-01',
      dryRun: false,
      moves: [],
      plan,
      applied: { at: '2026-12-01T03:00:00.000Z', by: 'head' },
    });
    expect(r).toMatchObject({ alreadyApplied: true, appliedAt: '2026-12-01T03:00:00.000Z', appliedBy: 'head' });
  });
});
