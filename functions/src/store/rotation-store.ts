import { FieldPath, type Firestore } from 'firebase-admin/firestore';
import { isRotatable } from '../core/client-derivation.ts';
import { nextDay } from '../core/calendar.ts';
import type { StaleCutoffs } from '../core/rotation/staleness.ts';
import type { PlannedMove, RotationClient, RotationManager, SkippedClient } from '../core/rotation/types.ts';
import type { ClientDoc, FormerHolder } from '../schema/client.ts';
import { appendHistory } from './client-store.ts';
import { collections, timeOrderedId } from './collections.ts';

/** Reads and writes this process made, so the bench can show the cost per moved client. */
export type OpCounter = { reads: number; writes: number };

/** A report task: the new manager must say what they did with a handed-over client (MISSION §2.6). */
export type HandoverTask = {
  id: string;
  runId: string;
  clientId: string;
  managerId: string;
  from: string | null;
  reason: PlannedMove['reason'];
  dueDate: string;
  status: 'open' | 'closed';
  overdue: boolean;
  overdueAt?: string;
  createdAt: string;
  closedAt?: string;
  outcome?: string;
};

/** Stored plan line: the move plus where applying it got to. */
export type StoredMove = PlannedMove & { state: 'planned' | 'applied' | 'skipped'; why?: string };

const clientFields = ['managerId', 'size', 'assignedAt', 'dealsSinceAssignment', 'lastDealAt', 'lostAt', 'pinned', 'formerHolders', 'version'] as const;

function toRotationClient(id: string, d: FirebaseFirestore.DocumentData): RotationClient {
  const c: RotationClient = { id, managerId: (d.managerId as string | null | undefined) ?? null, dealsSinceAssignment: (d.dealsSinceAssignment as number | undefined) ?? 0, lastDealAt: (d.lastDealAt as string | null | undefined) ?? null, version: (d.version as number | undefined) ?? 0 };
  if (d.size !== undefined) c.size = d.size;
  if (d.assignedAt !== undefined) c.assignedAt = d.assignedAt;
  if (d.lostAt !== undefined) c.lostAt = d.lostAt;
  if (d.pinned !== undefined) c.pinned = d.pinned;
  if (d.formerHolders !== undefined) c.formerHolders = d.formerHolders;
  return c;
}

export async function readRotationManagers(db: Firestore, ops: OpCounter): Promise<RotationManager[]> {
  const snap = await db.collection(collections.managers).get();
  ops.reads += Math.max(1, snap.size);
  return snap.docs.map((d) => ({ id: d.id, level: d.get('level') as number, active: d.get('active') === true, role: d.get('role') === 'admin' ? 'admin' : 'manager' }));
}

/**
 * The rotation candidates, through two indexed queries instead of the whole base: no deal since
 * assignment and assigned by the hold cutoff; or dealt since assignment with the last deal by the
 * no-deal cutoff (the planner re-checks the hold). `< next day` keeps timestamps on the cutoff day in.
 */
export async function readRotationCandidates(db: Firestore, cutoffs: StaleCutoffs, ops: OpCounter): Promise<RotationClient[]> {
  const clients = db.collection(collections.clients);
  const [noDealSince, oldDeal] = await Promise.all([
    clients.where('rotatable', '==', true).where('dealsSinceAssignment', '==', 0).where('assignedAt', '<', nextDay(cutoffs.holdDay)).select(...clientFields).get(),
    // Two inequalities: a client with no deal since assignment is the first query's, so this one
    // reads only clients that did deal and have not since, never recently rotated ones.
    clients.where('rotatable', '==', true).where('dealsSinceAssignment', '>', 0).where('lastDealAt', '<', nextDay(cutoffs.noDealDay)).select(...clientFields).get(),
  ]);
  ops.reads += Math.max(1, noDealSince.size) + Math.max(1, oldDeal.size);
  const byId = new Map<string, RotationClient>();
  for (const d of [...noDealSince.docs, ...oldDeal.docs]) byId.set(d.id, toRotationClient(d.id, d.data()));
  return [...byId.values()];
}

/** Unassigned, not lost clients in id order: enough to make up `wanted` places (lost ones are passed over). */
export async function readUnassigned(db: Firestore, wanted: number, ops: OpCounter): Promise<RotationClient[]> {
  const out: RotationClient[] = [];
  if (wanted <= 0) return out;
  let last: string | undefined;
  const page = Math.max(50, Math.min(wanted, 1000));
  for (;;) {
    let q = db.collection(collections.clients).where('managerId', '==', null).orderBy(FieldPath.documentId()).select(...clientFields).limit(page);
    if (last !== undefined) q = q.startAfter(last);
    const snap = await q.get();
    ops.reads += Math.max(1, snap.size);
    for (const d of snap.docs) {
      const c = toRotationClient(d.id, d.data());
      if (c.lostAt === undefined) out.push(c);
    }
    if (snap.size < page || out.length >= wanted) return out;
    last = snap.docs[snap.size - 1]!.id;
  }
}

/** All clients a manager holds (offboarding takes every one). */
export async function readClientsOf(db: Firestore, managerId: string, ops: OpCounter): Promise<RotationClient[]> {
  const snap = await db.collection(collections.clients).where('managerId', '==', managerId).select(...clientFields).get();
  ops.reads += Math.max(1, snap.size);
  return snap.docs.map((d) => toRotationClient(d.id, d.data()));
}

export function taskId(runId: string, clientId: string): string {
  return `${runId}_${clientId}`;
}

/** Fixed per run and client, so a resumed run writes the very same entry id (no random part). */
export function transferEntryId(at: string, runId: string): string {
  return timeOrderedId(at, runId);
}

export type ApplyContext = { runId: string; at: string; by: string; seq: number | undefined };

export type ApplyOutcome = { state: 'applied' } | { state: 'already-applied' } | { state: 'skipped'; why: string };

/**
 * Applies one planned move in its own transaction: the client must still have the planned manager
 * and version (a manager's edit in between wins; the move is skipped and reported). The client
 * update, transfer entry, report task and the plan line's state land together, so a move whose
 * task exists is done and is never applied twice.
 */
export async function applyMove(db: Firestore, move: PlannedMove, run: ApplyContext, ops: OpCounter): Promise<ApplyOutcome> {
  const clientRef = db.collection(collections.clients).doc(move.clientId);
  const taskRef = db.collection(collections.tasks).doc(taskId(run.runId, move.clientId));
  const moveRef = db.collection(collections.rotationRuns).doc(run.runId).collection('moves').doc(move.clientId);
  return db.runTransaction(async (tx) => {
    const [clientSnap, taskSnap] = await tx.getAll(clientRef, taskRef);
    ops.reads += 2;
    if (taskSnap!.exists) {
      tx.update(moveRef, { state: 'applied' });
      ops.writes += 1;
      return { state: 'already-applied' } as const;
    }
    const why = !clientSnap!.exists
      ? 'the client no longer exists'
      : (clientSnap!.get('managerId') ?? null) !== move.from
        ? 'the client changed hands after planning'
        : clientSnap!.get('version') !== move.version
          ? 'the client was edited after planning (version changed)'
          : clientSnap!.get('lostAt') !== undefined || (move.reason !== 'offboarding' && clientSnap!.get('pinned') === true)
            ? 'the client was marked lost or pinned after planning'
            : undefined;
    if (why !== undefined) {
      tx.update(moveRef, { state: 'skipped', why });
      ops.writes += 1;
      return { state: 'skipped', why } as const;
    }
    const client = clientSnap!.data() as ClientDoc;
    const formerHolders: FormerHolder[] = [...(client.formerHolders ?? [])];
    if (move.from !== null) formerHolders.push({ managerId: move.from, until: run.at, ...(run.seq !== undefined ? { rotationSeq: run.seq } : {}) });
    tx.update(clientRef, {
      managerId: move.to,
      assignedAt: run.at,
      dealsSinceAssignment: 0,
      formerHolders: formerHolders.slice(-50),
      rotatable: isRotatable({ managerId: move.to, lostAt: client.lostAt, pinned: client.pinned }),
      version: client.version + 1,
      updatedAt: run.at,
    });
    appendHistory(tx, db, { id: transferEntryId(run.at, run.runId), type: 'transfer', clientId: move.clientId, at: run.at, by: run.by, from: move.from, to: move.to, reason: move.reason, runId: run.runId });
    const task: HandoverTask = { id: taskRef.id, runId: run.runId, clientId: move.clientId, managerId: move.to, from: move.from, reason: move.reason, dueDate: move.reportDue, status: 'open', overdue: false, createdAt: run.at };
    tx.create(taskRef, task);
    tx.update(moveRef, { state: 'applied' });
    ops.writes += 4;
    return { state: 'applied' } as const;
  });
}

export type { SkippedClient };
