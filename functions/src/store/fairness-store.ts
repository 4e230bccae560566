import type { Firestore } from 'firebase-admin/firestore';
import type { FairnessDeal, FairnessMove, FairnessTouch } from '../core/rotation/fairness.ts';
import type { DealStatus } from '../schema/deal.ts';
import { mapConcurrently } from '../worker-pool.ts';
import { readHistorySince } from './client-edit-store.ts';
import { collections } from './collections.ts';
import { readPlan, type RunDoc } from './rotation-run-store.ts';

// What the fairness report reads: the rotations applied in a period, the moves they made, and per
// moved client its size, its deals and its history since it was first moved then.

const touchTypes = new Set(['contact', 'note', 'deal']);
const concurrency = 8;

/** Rotations (never offboardings) finished for a company day within [from, to]: one range query on `at`. */
export async function readRotationsBetween(db: Firestore, from: string, to: string): Promise<RunDoc[]> {
  const snap = await db.collection(collections.rotationRuns).where('at', '>=', from).where('at', '<=', to).get();
  return snap.docs.map((d) => d.data() as RunDoc).filter((r) => r.kind === 'rotation' && r.status === 'done');
}

/** The moves a run made: its plan less the moves skipped when applied. Size is filled in by `readFairnessFacts`. */
export async function readMovesMade(db: Firestore, run: RunDoc): Promise<Array<Omit<FairnessMove, 'large'>>> {
  const chunks = await readPlan(db, run.runId);
  return chunks.flatMap((chunk) => {
    const skipped = new Set(chunk.skippedMoves.map((s) => s.clientId));
    return chunk.moves
      .filter((m) => !skipped.has(m.clientId))
      .map((m) => ({
        runId: run.runId,
        at: run.at,
        clientId: m.clientId,
        from: m.from,
        to: m.to,
        reason: m.reason,
        reportDue: m.reportDue,
      }));
  });
}

export type FairnessFacts = { large: Set<string>; deals: FairnessDeal[]; touches: FairnessTouch[] };

/** For each client, from `since` (the instant it was first moved in the period): its size now, its deals, its touches. */
export async function readFairnessFacts(db: Firestore, since: ReadonlyMap<string, string>): Promise<FairnessFacts> {
  const ids = [...since.keys()];
  const large = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const refs = ids.slice(i, i + 500).map((id) => db.collection(collections.clients).doc(id));
    for (const s of await db.getAll(...refs, { fieldMask: ['size'] })) if (s.get('size') === 'large') large.add(s.id);
  }
  const parts = Array.from({ length: Math.ceil(ids.length / 30) }, (_, i) => ids.slice(i * 30, (i + 1) * 30));
  const dealPages = await mapConcurrently(parts, concurrency, (part) =>
    db.collection(collections.deals).where('clientId', 'in', part).select('clientId', 'date', 'profit', 'status').get(),
  );
  const deals = dealPages.flatMap((snap) =>
    snap.docs.map((d) => ({
      clientId: d.get('clientId') as string,
      date: d.get('date') as string,
      profit: d.get('profit') as number,
      status: d.get('status') as DealStatus | undefined,
    })),
  );
  const histories = await mapConcurrently(ids, concurrency, (id) => readHistorySince(db, id, since.get(id)!));
  const touches = histories.flatMap((entries) =>
    entries.filter((e) => touchTypes.has(e.type)).map((e) => ({ clientId: e.clientId, at: e.at, by: e.by })),
  );
  return { large, deals, touches };
}
