import { randomUUID } from 'node:crypto';
import { FieldValue, type DocumentReference, type DocumentSnapshot, type Firestore, type Transaction } from 'firebase-admin/firestore';
import type { HeldOut } from '../core/rotation/holdout.ts';
import type { SkippedMove } from '../core/rotation/report.ts';
import type { AbsenceEffect, ManagerBalance, PlannedMove, RotationPlan, SkippedClient, Unbalanced } from '../core/rotation/types.ts';
import type { FormerHolder } from '../schema/client.ts';
import { AppError } from '../errors.ts';
import { collections } from './collections.ts';
import { pacedBulkWriter } from './db.ts';
import { alreadyRunning, heldByAnother, keepLease, runLeaseMs, type LeaseFields, type LeaseKeeper } from './run-lease.ts';

export type RunKind = 'rotation' | 'offboarding';

/** `rotationRuns/{runId}`: the claim, the plan's summary and, once done, the outcome. */
export type RunDoc = {
  runId: string;
  kind: RunKind;
  /** The company day the run is for. */
  at: string;
  /** The instant its records carry (history entries, tasks), so they sort in time order. */
  stamp?: string;
  by: string;
  /** Rotations: this rotation's sequence number. Offboardings: the number the next rotation will have. */
  seq?: number;
  managerId?: string;
  status: 'planning' | 'applying' | 'done';
  /** The process working on the run, and until when (ms since the epoch) unless it renews: see `run-lease.ts`. */
  leaseOwner?: string;
  leaseUntil?: number;
  startedAt: string;
  finishedAt?: string;
  balance?: ManagerBalance[];
  unbalanced?: Unbalanced[];
  notes?: string[];
  levels?: Record<string, number>;
  away?: AbsenceEffect[];
  chunks?: number;
  counts?: { planned: number; moved: number; skipped: number };
};

/** The version of a client a move was planned on: the move lands only if the client is still at it. */
export type UpdateTime = { seconds: number; nanos: number };

/** A plan line: the move, the version it was planned on, and the client fields the move sets that depend on that version. */
export type StoredMove = PlannedMove & {
  updateTime: UpdateTime;
  /** `rotatable` after the move (a pinned client handed on by offboarding stays unrotatable). */
  rotatable: boolean;
  /** Only when the list is full: the former holders after the move, oldest dropped (otherwise one is appended). */
  formerHolders?: FormerHolder[];
};

/** The day, instant and rotation number a chunk's moves are made with, when not the run's own. */
export type ChunkContext = { at: string; stamp: string; seq?: number };

/**
 * `rotationRuns/{runId}/plan/{index}`: up to `movesPerChunk` moves and plan-time skips. A chunk is
 * marked done, with the moves that had to be skipped, once every move in it is settled: progress
 * costs one write per chunk, not one per move. A chunk added to an offboarding after its plan (see
 * `appendPlan`) carries the day it was planned on in `context`.
 */
export type PlanChunk = {
  index: number;
  moves: StoredMove[];
  skipped: SkippedClient[];
  done: boolean;
  skippedMoves: SkippedMove[];
  context?: ChunkContext;
  /** Rotations: the candidates this run held out (see `chooseHoldout`), in chunks as the moves are. */
  heldOut?: HeldOut[];
};

export const movesPerChunk = 500;
const leaseFields: LeaseFields = { owner: 'leaseOwner', until: 'leaseUntil' };

const runRef = (db: Firestore, runId: string) => db.collection(collections.rotationRuns).doc(runId);
const chunkRef = (db: Firestore, runId: string, index: number) => runRef(db, runId).collection('plan').doc(String(index).padStart(5, '0'));
const counterRef = (db: Firestore) => db.collection(collections.counters).doc('rotation');

/**
 * The run that offboards a manager: keyed by the leaver and the day they were deactivated, not by
 * the day it runs, so a re-run days later resumes it. A manager deactivated again the same day
 * (after a reactivation) gets the next free number: `offboarding-{id}-{day}-2`.
 */
export function offboardingRunId(managerId: string, day: string, nth = 1): string {
  return nth === 1 ? `offboarding-${managerId}-${day}` : `offboarding-${managerId}-${day}-${nth}`;
}

/** The first offboarding run id for this leaver and day that no run has taken yet. */
export async function freeOffboardingRunId(
  db: Firestore,
  managerId: string,
  day: string,
  get: (ref: DocumentReference) => Promise<DocumentSnapshot> = (ref) => ref.get(),
): Promise<string> {
  for (let nth = 1; ; nth++) {
    const runId = offboardingRunId(managerId, day, nth);
    if (!(await get(runRef(db, runId))).exists) return runId;
  }
}

export async function readRun(db: Firestore, runId: string): Promise<RunDoc | undefined> {
  const snap = await runRef(db, runId).get();
  return snap.exists ? (snap.data() as RunDoc) : undefined;
}

/** The sequence number the next rotation will take. */
export async function nextRotationSeq(db: Firestore): Promise<number> {
  return (((await counterRef(db).get()).get('seq') as number | undefined) ?? 0) + 1;
}

export type RunClaim = { run: RunDoc; owner: string };

/**
 * Claims a run before it is planned: a resumed run cannot plan again (the clients already moved
 * are no longer candidates), so the plan is stored with the claim. A rotation takes its sequence
 * number in the same transaction. The claim takes the run's lease: a run that another live process
 * is planning or applying is refused (a doubled delivery does nothing); a run whose holder died is
 * taken over once its lease has run out. A run already done is answered as it is, unless `reopen`
 * (an offboarding whose leaver holds clients again): then it is claimed back to `applying`.
 */
export async function claimRun(
  db: Firestore,
  spec: Pick<RunDoc, 'runId' | 'kind' | 'at' | 'stamp' | 'by' | 'managerId' | 'seq'>,
  clock: () => number = Date.now,
  reopen = false,
): Promise<RunClaim> {
  const ref = runRef(db, spec.runId);
  const owner = randomUUID();
  const run = await db.runTransaction(async (tx) => {
    const [runSnap, counterSnap] = await tx.getAll(ref, counterRef(db));
    const now = clock();
    if (runSnap!.exists) {
      const found = runSnap!.data() as RunDoc;
      if (found.status === 'done' && !reopen) return found;
      const held = heldByAnother(found, leaseFields, owner, now);
      if (held !== undefined) throw alreadyRunning(spec.runId, held);
      const status = found.status === 'done' ? 'applying' : found.status;
      tx.update(ref, { status, leaseOwner: owner, leaseUntil: now + runLeaseMs });
      return { ...found, status, leaseOwner: owner, leaseUntil: now + runLeaseMs };
    }
    const created: RunDoc = {
      runId: spec.runId,
      kind: spec.kind,
      at: spec.at,
      by: spec.by,
      status: 'planning',
      leaseOwner: owner,
      leaseUntil: now + runLeaseMs,
      startedAt: new Date(now).toISOString(),
    };
    if (spec.managerId !== undefined) created.managerId = spec.managerId;
    if (spec.seq !== undefined) created.seq = spec.seq;
    const counter: { seq: number; lastStamp?: string } = { seq: (counterSnap!.get('seq') as number | undefined) ?? 0 };
    if (spec.kind === 'rotation') created.seq = counter.seq = counter.seq + 1;
    if (spec.stamp !== undefined) created.stamp = counter.lastStamp = stampAfter(spec.stamp, counterSnap!.get('lastStamp'));
    tx.set(counterRef(db), counter, { merge: true });
    tx.create(ref, created);
    return created;
  });
  return { run, owner };
}

/**
 * A run for a past day is stamped at that day's start, but never before a run made earlier (nor
 * before `others`): a client's transfers then list in the order they were made.
 */
function stampAfter(stamp: string, ...earlier: Array<string | undefined>): string {
  let out = stamp;
  for (const e of earlier) {
    const floor = e === undefined ? undefined : new Date(Date.parse(e) + 1).toISOString();
    if (floor !== undefined && floor > out) out = floor;
  }
  return out;
}

/**
 * Stores the plan in chunks (chunks left from an earlier, abandoned planning are removed) and
 * moves the run to `applying`, provided this process still holds the planning lease.
 */
export async function storePlan(db: Firestore, claim: RunClaim, plan: RotationPlan, lines: StoredMove[]): Promise<PlanChunk[]> {
  const { runId } = claim.run;
  const heldOut = plan.heldOut ?? [];
  const count = Math.max(...[lines, plan.skipped, heldOut].map((list) => Math.ceil(list.length / movesPerChunk)));
  const chunks: PlanChunk[] = Array.from({ length: count }, (_, index) => ({
    index,
    moves: lines.slice(index * movesPerChunk, (index + 1) * movesPerChunk),
    skipped: plan.skipped.slice(index * movesPerChunk, (index + 1) * movesPerChunk),
    done: false,
    skippedMoves: [],
    ...(heldOut.length > 0 ? { heldOut: heldOut.slice(index * movesPerChunk, (index + 1) * movesPerChunk) } : {}),
  }));
  const earlier = await runRef(db, runId).collection('plan').select().get();
  const writer = pacedBulkWriter(db);
  for (const d of earlier.docs) if (Number(d.id) >= count) void writer.delete(d.ref);
  for (const chunk of chunks) void writer.set(chunkRef(db, runId, chunk.index), chunk);
  await writer.close();
  await db.runTransaction(async (tx) => {
    const snap = await tx.get(runRef(db, runId));
    if (snap.get('status') !== 'planning' || snap.get('leaseOwner') !== claim.owner)
      throw new AppError('conflict', `${runId} was taken over by another process while planning`);
    tx.update(runRef(db, runId), {
      status: 'applying',
      balance: plan.balance,
      unbalanced: plan.unbalanced,
      notes: plan.notes,
      levels: plan.levels,
      away: plan.away ?? [],
      chunks: count,
      counts: { planned: lines.length, moved: 0, skipped: plan.skipped.length },
    });
  });
  Object.assign(claim.run, { status: 'applying', unbalanced: plan.unbalanced, notes: plan.notes, levels: plan.levels, chunks: count });
  claim.run.away = plan.away ?? [];
  return chunks;
}

/**
 * Adds moves to an offboarding whose stored plan is settled (clients the leaver still holds: a move
 * an edit won over, a client that came to the leaver after the plan was made), as further chunks,
 * together with the run's summary, provided this process holds the run. They are made on their own
 * day and instant (never before the run's), so their report deadlines start when they are handed on.
 */
export async function appendPlan(
  db: Firestore,
  claim: RunClaim,
  plan: RotationPlan,
  lines: StoredMove[],
  context: ChunkContext,
): Promise<PlanChunk[]> {
  const { runId } = claim.run;
  return db.runTransaction(async (tx: Transaction) => {
    const [snap, counterSnap] = await tx.getAll(runRef(db, runId), counterRef(db));
    const run = snap!.data() as RunDoc | undefined;
    if (run?.status !== 'applying' || run.leaseOwner !== claim.owner)
      throw new AppError('conflict', `${runId} was taken over by another process`);
    const stamp = stampAfter(context.stamp, run.stamp, counterSnap!.get('lastStamp'));
    const first = run.chunks ?? 0;
    const count = Math.ceil(lines.length / movesPerChunk);
    const chunks: PlanChunk[] = Array.from({ length: count }, (_, i) => ({
      index: first + i,
      moves: lines.slice(i * movesPerChunk, (i + 1) * movesPerChunk),
      skipped: i === 0 ? plan.skipped : [],
      done: false,
      skippedMoves: [],
      context: { ...context, stamp },
    }));
    const known = new Set((run.unbalanced ?? []).map((u) => u.managerId));
    const summary = {
      unbalanced: [...(run.unbalanced ?? []), ...plan.unbalanced.filter((u) => !known.has(u.managerId))],
      notes: [...new Set([...(run.notes ?? []), ...plan.notes])],
      levels: { ...plan.levels, ...run.levels },
      chunks: first + count,
    };
    for (const chunk of chunks) tx.set(chunkRef(db, runId, chunk.index), chunk);
    tx.update(runRef(db, runId), { ...summary, 'counts.planned': FieldValue.increment(lines.length) });
    tx.set(counterRef(db), { lastStamp: stamp }, { merge: true });
    Object.assign(claim.run, summary);
    return chunks;
  });
}

/** The clients the rotation before number `seq` held out (none before the first, or if it held none). */
export async function readHeldOutBefore(db: Firestore, seq: number): Promise<Set<string>> {
  const runs = await db
    .collection(collections.rotationRuns)
    .where('seq', '==', seq - 1)
    .get();
  const previous = runs.docs.find((d) => d.get('kind') === 'rotation');
  if (previous === undefined) return new Set();
  return new Set((await readPlan(db, previous.id)).flatMap((c) => (c.heldOut ?? []).map((h) => h.clientId)));
}

/** The stored plan, chunk by chunk: one read per chunk. */
export async function readPlan(db: Firestore, runId: string): Promise<PlanChunk[]> {
  const snap = await runRef(db, runId).collection('plan').get();
  return snap.docs.map((d) => d.data() as PlanChunk).sort((a, b) => a.index - b.index);
}

/** Every move of the chunk is settled: applied, or skipped for the reasons given. */
export async function markChunkDone(db: Firestore, runId: string, chunk: PlanChunk): Promise<void> {
  await chunkRef(db, runId, chunk.index).update({ done: true, skippedMoves: chunk.skippedMoves });
}

export async function finishRun(
  db: Firestore,
  runId: string,
  outcome: { balance: ManagerBalance[]; counts: { planned: number; moved: number; skipped: number } },
): Promise<void> {
  await runRef(db, runId).update({
    status: 'done',
    finishedAt: new Date().toISOString(),
    ...outcome,
    leaseOwner: FieldValue.delete(),
    leaseUntil: FieldValue.delete(),
  });
}

/** Keeps the claimed run's lease alive while this process plans and applies it. */
export function keepRunLease(db: Firestore, claim: RunClaim, clock: () => number): LeaseKeeper {
  return keepLease(db, runRef(db, claim.run.runId), leaseFields, claim.owner, clock);
}
