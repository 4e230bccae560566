import type { Firestore } from 'firebase-admin/firestore';
import type { EffectRun } from '../core/rotation/effect.ts';
import type { DealStatus } from '../schema/deal.ts';
import { collections } from './collections.ts';
import { readPlan } from './rotation-run-store.ts';

/**
 * Every applied rotation with the clients it moved from one holder to another (top-ups came from
 * nobody and are no comparison) and those it held out: one read per run and per plan chunk.
 */
export async function readAppliedRotations(db: Firestore): Promise<EffectRun[]> {
  const runs = await db.collection(collections.rotationRuns).where('kind', '==', 'rotation').where('status', '==', 'done').get();
  return Promise.all(
    runs.docs.map(async (doc) => {
      const moved: string[] = [];
      const heldOut: string[] = [];
      for (const chunk of await readPlan(db, doc.id)) {
        const skipped = new Set(chunk.skippedMoves.map((s) => s.clientId));
        for (const m of chunk.moves) if (m.from !== null && m.reason !== 'top-up' && !skipped.has(m.clientId)) moved.push(m.clientId);
        for (const h of chunk.heldOut ?? []) heldOut.push(h.clientId);
      }
      return { runId: doc.id, at: doc.get('at') as string, moved, heldOut };
    }),
  );
}

export type DealOutcome = { clientId: string; date: string; profit: number; status?: DealStatus };

/** Deals dated after `day`, with only what the effect report reads of them. */
export async function readDealsAfter(db: Firestore, day: string): Promise<DealOutcome[]> {
  const snap = await db.collection(collections.deals).where('date', '>', day).select('clientId', 'date', 'profit', 'status').get();
  return snap.docs.map((d) => d.data() as DealOutcome);
}
