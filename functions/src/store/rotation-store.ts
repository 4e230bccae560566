import {
  FieldPath,
  FieldValue,
  Timestamp,
  type DocumentSnapshot,
  type Firestore,
  type QueryDocumentSnapshot,
  type UpdateData,
} from 'firebase-admin/firestore';
import { isRotatable } from '../core/client-derivation.ts';
import { nextDay } from '../core/calendar.ts';
import type { SkippedMove } from '../core/rotation/report.ts';
import type { StaleCutoffs } from '../core/rotation/staleness.ts';
import type { PlannedMove, RotationClient, RotationManager } from '../core/rotation/types.ts';
import type { ClientDoc, FormerHolder } from '../schema/client.ts';
import { forEachConcurrently } from '../worker-pool.ts';
import { appendHistory } from './client-store.ts';
import { collections, timeOrderedId } from './collections.ts';
import { closeHandedOnTask, openReportTasksOn, type HandoverTask, type OpenReportTask } from './handover-store.ts';
import { readRoster } from './manager-store.ts';
import { markChunkDone, type PlanChunk, type StoredMove, type UpdateTime } from './rotation-run-store.ts';
import { needsIndex } from './query-indexes.ts';

export { writePacer } from './write-pacer.ts';

/** A client as read for planning, with the version of the document the plan is made on. */
export type ReadClient = RotationClient & { updateTime: UpdateTime };

const clientFields = [
  'managerId',
  'size',
  'assignedAt',
  'dealsSinceAssignment',
  'lastDealAt',
  'lostAt',
  'pinned',
  'formerHolders',
  'version',
] as const;

/** The schema's bound on `formerHolders`; the oldest entries give way. */
const maxFormerHolders = 50;

function toReadClient(d: QueryDocumentSnapshot): ReadClient {
  const data = d.data();
  const c: ReadClient = {
    id: d.id,
    managerId: (data.managerId as string | null | undefined) ?? null,
    dealsSinceAssignment: (data.dealsSinceAssignment as number | undefined) ?? 0,
    lastDealAt: (data.lastDealAt as string | null | undefined) ?? null,
    version: (data.version as number | undefined) ?? 0,
    updateTime: { seconds: d.updateTime.seconds, nanos: d.updateTime.nanoseconds },
  };
  if (data.size !== undefined) c.size = data.size;
  if (data.assignedAt !== undefined) c.assignedAt = data.assignedAt;
  if (data.lostAt !== undefined) c.lostAt = data.lostAt;
  if (data.pinned !== undefined) c.pinned = data.pinned;
  if (data.formerHolders !== undefined) c.formerHolders = data.formerHolders;
  return c;
}

export async function readRotationManagers(db: Firestore): Promise<RotationManager[]> {
  const roster = await readRoster(db);
  return roster.map((m) => ({
    id: m.id,
    level: m.level,
    active: m.active === true,
    role: m.role === 'admin' ? 'admin' : 'manager',
    ...(m.absences !== undefined && m.absences.length > 0 ? { absences: m.absences } : {}),
  }));
}

needsIndex(collections.clients, 'rotatable', 'dealsSinceAssignment', 'assignedAt');
needsIndex(collections.clients, 'rotatable', 'dealsSinceAssignment', 'lastDealAt');
/**
 * The rotation candidates, through two indexed queries instead of the whole base: no deal since
 * assignment and assigned by the hold cutoff; or dealt since assignment with the last deal by the
 * no-deal cutoff (the planner re-checks the hold). `< next day` keeps timestamps on the cutoff day in.
 */
export async function readRotationCandidates(db: Firestore, cutoffs: StaleCutoffs): Promise<ReadClient[]> {
  const clients = db.collection(collections.clients);
  const [noDealSince, oldDeal] = await Promise.all([
    clients
      .where('rotatable', '==', true)
      .where('dealsSinceAssignment', '==', 0)
      .where('assignedAt', '<', nextDay(cutoffs.holdDay))
      .select(...clientFields)
      .get(),
    // Two inequalities: a client with no deal since assignment is the first query's, so this one
    // reads only clients that did deal and have not since, never recently rotated ones.
    clients
      .where('rotatable', '==', true)
      .where('dealsSinceAssignment', '>', 0)
      .where('lastDealAt', '<', nextDay(cutoffs.noDealDay))
      .select(...clientFields)
      .get(),
  ]);
  const byId = new Map<string, ReadClient>();
  for (const d of [...noDealSince.docs, ...oldDeal.docs]) byId.set(d.id, toReadClient(d));
  return [...byId.values()];
}

/** Unassigned, not lost clients in id order: enough to make up `wanted` places (lost ones are passed over). */
export async function readUnassigned(db: Firestore, wanted: number): Promise<ReadClient[]> {
  const out: ReadClient[] = [];
  if (wanted <= 0) return out;
  let last: string | undefined;
  const page = Math.max(50, Math.min(wanted, 1000));
  for (;;) {
    let q = db
      .collection(collections.clients)
      .where('managerId', '==', null)
      .orderBy(FieldPath.documentId())
      .select(...clientFields)
      .limit(page);
    if (last !== undefined) q = q.startAfter(last);
    const snap = await q.get();
    for (const d of snap.docs) {
      const c = toReadClient(d);
      if (c.lostAt === undefined) out.push(c);
    }
    if (snap.size < page || out.length >= wanted) return out;
    last = snap.docs[snap.size - 1]!.id;
  }
}

/** All clients a manager holds (offboarding takes every one). */
export async function readClientsOf(db: Firestore, managerId: string): Promise<ReadClient[]> {
  const snap = await db
    .collection(collections.clients)
    .where('managerId', '==', managerId)
    .select(...clientFields)
    .get();
  return snap.docs.map(toReadClient);
}

/** The plan's moves as stored: each with the version of the client it was planned on. */
export function planLines(
  moves: ReadonlyArray<PlannedMove>,
  clients: ReadonlyArray<ReadClient>,
  seq: number | undefined,
  at: string,
): StoredMove[] {
  const byId = new Map(clients.map((c) => [c.id, c]));
  return moves.map((m) => {
    const c = byId.get(m.clientId)!;
    const line: StoredMove = {
      ...m,
      updateTime: c.updateTime,
      rotatable: isRotatable({ managerId: m.to, lostAt: c.lostAt, pinned: c.pinned }),
    };
    const holders = c.formerHolders ?? [];
    if (m.from !== null && holders.length >= maxFormerHolders)
      line.formerHolders = [...holders, formerHolder(m.from, at, seq)].slice(-maxFormerHolders);
    return line;
  });
}

function formerHolder(managerId: string, at: string, seq: number | undefined): FormerHolder {
  return { managerId, until: at, ...(seq !== undefined ? { rotationSeq: seq } : {}) };
}

export function taskId(runId: string, clientId: string): string {
  return `${runId}_${clientId}`;
}

/** Fixed per run and client, so a resumed run writes the very same entry id (no random part). */
export function transferEntryId(stamp: string, runId: string): string {
  return timeOrderedId(stamp, runId);
}

/** What the writes of a move carry: the run, its company day, the instant they are stamped with. */
export type ApplyContext = { runId: string; at: string; stamp: string; by: string; seq: number | undefined };

export type ApplyOptions = {
  /** Batches in flight at once. */
  concurrency: number;
  movesPerBatch: number;
  /** Stop after starting this many moves, as a crash would (tests and drills). */
  limit: number;
  /** Managers who may still receive: a move to one who left after planning is skipped. */
  receivers: ReadonlySet<string>;
  /** Resuming: moves whose task exists were applied before the stop. */
  recheck: boolean;
  pace: (writes: number) => Promise<void>;
  beforeMove?: (move: PlannedMove) => Promise<void>;
  /** Another process has taken the run over: start no more batches. */
  lost?: () => boolean;
};

/** Per move: applied (now or before a stop), or skipped with the reason. */
export type MoveOutcomes = Map<string, 'applied' | SkippedMove>;

/**
 * Applies the chunks not yet done. Each batch commits the moves of up to `movesPerBatch` clients
 * atomically: per client, the update (only if the document is still the version the plan was made
 * on, so an edit made meanwhile wins), its transfer history entry and its handover task, both
 * created, so a move can never land twice. A batch refused because one of its moves no longer
 * holds is split until that move stands alone and is reported as skipped. A chunk whose moves are
 * all settled is marked done.
 */
export async function applyPlan(
  db: Firestore,
  chunks: PlanChunk[],
  run: ApplyContext,
  options: ApplyOptions,
): Promise<{ outcomes: MoveOutcomes; complete: boolean; started: number }> {
  const outcomes: MoveOutcomes = new Map();
  const pending = chunks.filter((c) => !c.done);
  const batches: Array<{ chunk: PlanChunk; lines: StoredMove[] }> = [];
  const openBatches = new Map<number, number>();
  for (const chunk of pending) {
    const applied = options.recheck ? await existingTasks(db, run.runId, chunk.moves) : new Set<string>();
    const toApply: StoredMove[] = [];
    for (const line of chunk.moves) {
      if (applied.has(line.clientId)) outcomes.set(line.clientId, 'applied');
      else if (!options.receivers.has(line.to))
        outcomes.set(line.clientId, skippedMove(line, `the receiver ${line.to} is no longer active`));
      else toApply.push(line);
    }
    for (let i = 0; i < toApply.length; i += options.movesPerBatch)
      batches.push({ chunk, lines: toApply.slice(i, i + options.movesPerBatch) });
    openBatches.set(chunk.index, Math.ceil(toApply.length / options.movesPerBatch));
  }
  const settle = async (chunk: PlanChunk) => {
    chunk.skippedMoves = chunk.moves.flatMap((m) => {
      const o = outcomes.get(m.clientId);
      return o !== undefined && o !== 'applied' ? [o] : [];
    });
    await options.pace(1);
    await markChunkDone(db, run.runId, chunk);
    chunk.done = true;
  };
  for (const chunk of pending) if (openBatches.get(chunk.index) === 0) await settle(chunk);

  let started = 0;
  await forEachConcurrently(batches, options.concurrency, async (batch, _i, stop) => {
    // A run whose lease went to another process stops taking batches; that process finishes them.
    if (options.lost?.()) {
      stop();
      return;
    }
    let lines = batch.lines;
    if (started + lines.length > options.limit) {
      lines = lines.slice(0, options.limit - started);
      stop();
    }
    started += lines.length;
    if (lines.length === 0) return;
    for (const line of lines) await options.beforeMove?.(line);
    await options.pace(3 * lines.length);
    const results = await commitMoves(db, lines, batch.chunk.context ? { ...run, ...batch.chunk.context } : run);
    lines.forEach((line, i) => outcomes.set(line.clientId, results[i]!));
    if (lines.length < batch.lines.length) return;
    const left = openBatches.get(batch.chunk.index)! - 1;
    openBatches.set(batch.chunk.index, left);
    if (left === 0) await settle(batch.chunk);
  });
  return { outcomes, complete: chunks.every((c) => c.done), started };
}

/** The clients of these moves whose handover task of this run exists: their move landed. */
async function existingTasks(db: Firestore, runId: string, lines: StoredMove[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (lines.length === 0) return found;
  const snaps = await db.getAll(...lines.map((l) => db.collection(collections.tasks).doc(taskId(runId, l.clientId))));
  for (const s of snaps) if (s.exists) found.add(s.get('clientId') as string);
  return found;
}

/** Codes that say a write of the batch no longer holds: a changed or deleted client, or a task that exists. */
const refusedCodes = new Set([5, 6, 9]);
/** Codes worth a retry: the batch did not land or its outcome is unknown (a retry then finds its own task). */
const transientCodes = new Set([4, 8, 10, 13, 14]);

/** Firestore's bound on the writes of one commit. */
const maxCommitWrites = 500;

/**
 * Commits the moves, closing in the same batch the open report tasks on their clients (a report
 * nobody can file any more: the previous holder's). A move refused only because such a task changed
 * after it was read (a report filed meanwhile) is tried once more on a fresh read.
 */
async function commitMoves(db: Firestore, lines: StoredMove[], run: ApplyContext, again = false): Promise<Array<'applied' | SkippedMove>> {
  const own = new Set(lines.map((l) => taskId(run.runId, l.clientId)));
  const handedOn = await openReportTasksOn(
    db,
    lines.map((l) => l.clientId),
    own,
  );
  const writes = 3 * lines.length + [...handedOn.values()].reduce((n, t) => n + t.length, 0);
  const split = async () => {
    const half = Math.ceil(lines.length / 2);
    return [...(await commitMoves(db, lines.slice(0, half), run)), ...(await commitMoves(db, lines.slice(half), run))];
  };
  if (writes > maxCommitWrites && lines.length > 1) return split();
  try {
    await commitWithRetry(db, lines, run, handedOn);
    return lines.map(() => 'applied');
  } catch (e) {
    if (!refusedCodes.has((e as { code?: number }).code ?? -1)) throw e;
    if (lines.length > 1) return split();
    const why = await whyRefused(db, lines[0]!, run);
    if (why === undefined && !again) return commitMoves(db, lines, run, true);
    return [why ?? skippedMove(lines[0]!, 'the client was changed after planning')];
  }
}

async function commitWithRetry(db: Firestore, lines: StoredMove[], run: ApplyContext, handedOn: Map<string, OpenReportTask[]>) {
  for (let attempt = 1; ; attempt++) {
    const batch = db.batch();
    for (const line of lines) {
      writeMove(batch, db, line, run);
      for (const task of handedOn.get(line.clientId) ?? [])
        closeHandedOnTask(batch, db, task, { at: run.stamp, to: line.to, runId: run.runId });
    }
    try {
      await batch.commit();
      return;
    } catch (e) {
      if (attempt >= 5 || !transientCodes.has((e as { code?: number }).code ?? -1)) throw e;
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
  }
}

function writeMove(batch: FirebaseFirestore.WriteBatch, db: Firestore, line: StoredMove, run: ApplyContext): void {
  const update: UpdateData<ClientDoc> = {
    managerId: line.to,
    assignedAt: run.at,
    dealsSinceAssignment: 0,
    rotatable: line.rotatable,
    version: line.version + 1,
    updatedAt: run.stamp,
  };
  if (line.formerHolders !== undefined) update.formerHolders = line.formerHolders;
  else if (line.from !== null)
    update.formerHolders = FieldValue.arrayUnion(formerHolder(line.from, run.at, run.seq)) as unknown as FormerHolder[];
  const lastUpdateTime = new Timestamp(line.updateTime.seconds, line.updateTime.nanos);
  batch.update(db.collection(collections.clients).doc(line.clientId), update, { lastUpdateTime });
  appendHistory(batch, db, {
    id: transferEntryId(run.stamp, run.runId),
    type: 'transfer',
    clientId: line.clientId,
    at: run.stamp,
    by: run.by,
    from: line.from,
    to: line.to,
    reason: line.reason,
    runId: run.runId,
  });
  const task: HandoverTask = {
    id: taskId(run.runId, line.clientId),
    runId: run.runId,
    clientId: line.clientId,
    managerId: line.to,
    from: line.from,
    reason: line.reason,
    dueDate: line.reportDue,
    status: 'open',
    overdue: false,
    createdAt: run.stamp,
  };
  batch.create(db.collection(collections.tasks).doc(task.id), task);
}

/**
 * A move refused on its own: applied already (its task exists), or why the client no longer fits
 * the plan; undefined when nothing read explains it (a task it closes changed, or a write that left the version).
 */
async function whyRefused(db: Firestore, line: StoredMove, run: ApplyContext): Promise<'applied' | SkippedMove | undefined> {
  const [task, client] = (await db.getAll(
    db.collection(collections.tasks).doc(taskId(run.runId, line.clientId)),
    db.collection(collections.clients).doc(line.clientId),
  )) as [DocumentSnapshot, DocumentSnapshot];
  if (task.exists) return 'applied';
  const why = !client.exists
    ? 'the client no longer exists'
    : (client.get('managerId') ?? null) !== line.from
      ? 'the client changed hands after planning'
      : client.get('version') !== line.version
        ? 'the client was edited after planning (version changed)'
        : line.reason !== 'offboarding' && (client.get('lostAt') !== undefined || client.get('pinned') === true)
          ? 'the client was marked lost or pinned after planning'
          : undefined;
  return why === undefined ? undefined : skippedMove(line, why);
}

function skippedMove(line: StoredMove, why: string): SkippedMove {
  const { clientId, from, to, reason, reportDue, version } = line;
  return { clientId, from, to, reason, reportDue, version, why };
}
