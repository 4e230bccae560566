import { describe, expect, it } from 'vitest';
import { readMovesMade, readRotationsBetween } from '../../../functions/src/store/fairness-store.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import type { RunDoc } from '../../../functions/src/store/rotation-run-store.ts';
import { testFirestore } from '../../support/firestore.ts';

const run = (runId: string, at: string, extra: Partial<RunDoc> = {}): RunDoc => ({
  runId,
  kind: 'rotation',
  at,
  by: 'head',
  status: 'done',
  startedAt: `${at}T03:00:00.000Z`,
  ...extra,
});
const line = (clientId: string, from: string, to: string) => ({
  clientId,
  from,
  to,
  reason: 'no-deal-since-assignment',
  reportDue: '2026-03-16',
  version: 1,
  updateTime: { seconds: 1, nanos: 0 },
  rotatable: true,
});

describe('what the fairness report reads', () => {
  it('takes the rotations finished within the period, never an offboarding or a run still applying', async () => {
    const { db } = testFirestore('store-fairness-runs');
    const runs = [
      run('rotation-2026-02-01', '2026-02-01'),
      run('rotation-2026-03-02', '2026-03-02'),
      run('rotation-2026-04-01', '2026-04-01', { status: 'applying' }),
      run('offboarding-vera-2026-03-10', '2026-03-10', { kind: 'offboarding' }),
      run('rotation-2026-06-01', '2026-06-01'),
    ];
    for (const r of runs) await db.collection(collections.rotationRuns).doc(r.runId).set(r);
    expect((await readRotationsBetween(db, '2026-03-01', '2026-06-01')).map((r) => r.runId)).toEqual([
      'rotation-2026-03-02',
      'rotation-2026-06-01',
    ]);
  });

  it('takes the moves a run made: its plan less the moves skipped when applied', async () => {
    const { db } = testFirestore('store-fairness-moves');
    const r = run('rotation-2026-03-02', '2026-03-02');
    const plan = db.collection(collections.rotationRuns).doc(r.runId).collection('plan');
    await plan.doc('00000').set({
      index: 0,
      moves: [line('a1', 'anna', 'boris'), line('b1', 'boris', 'anna')],
      skipped: [],
      done: true,
      skippedMoves: [{ ...line('b1', 'boris', 'anna'), why: 'the client was edited after planning (version changed)' }],
    });
    await plan.doc('00001').set({ index: 1, moves: [line('c1', 'anna', 'boris')], skipped: [], done: true, skippedMoves: [] });
    expect(await readMovesMade(db, r)).toEqual([
      { runId: r.runId, at: r.at, clientId: 'a1', from: 'anna', to: 'boris', reason: 'no-deal-since-assignment', reportDue: '2026-03-16' },
      { runId: r.runId, at: r.at, clientId: 'c1', from: 'anna', to: 'boris', reason: 'no-deal-since-assignment', reportDue: '2026-03-16' },
    ]);
  });
});
