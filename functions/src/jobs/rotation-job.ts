import { randomUUID } from 'node:crypto';
import type { Firestore } from 'firebase-admin/firestore';
import { planOffboarding } from '../core/rotation/plan-offboarding.ts';
import { planRotation } from '../core/rotation/plan-rotation.ts';
import { staleCutoffs } from '../core/rotation/staleness.ts';
import { companyDay } from '../core/calendar.ts';
import type { ManagerBalance, MoveReason, PlannedMove, RotationPlan, SkippedClient, Unbalanced } from '../core/rotation/types.ts';
import { AppError, parseOrThrow } from '../errors.ts';
import type { ScheduledJob } from '../http/scheduled-job.ts';
import { idSchema, isoDateSchema } from '../schema/common.ts';
import { writeAuditInTransaction } from '../store/audit-store.ts';
import { collections } from '../store/collections.ts';
import { applyMove, readClientsOf, readRotationCandidates, readRotationManagers, readUnassigned, type OpCounter, type StoredMove } from '../store/rotation-store.ts';
import { readRules } from '../store/rules-store.ts';

/** The `--json` shape of issue 3, shared by the CLI, the scheduler answer and the staff API. */
export type RotationReport = {
  runId: string;
  at: string;
  dryRun: boolean;
  moves: Array<{ clientId: string; from: string | null; to: string; reason: MoveReason; reportDue: string }>;
  balance: ManagerBalance[];
  unbalanced: Unbalanced[];
  skipped: SkippedClient[];
};

export type RunOptions = {
  /** Pace writes by `rotation.writesPerSecond` (+50 % every 5 minutes). Default: on, except against the emulator. */
  pacing?: boolean;
  /** Stop after applying this many moves, as a crash would (tests and drills). */
  stopAfter?: number;
  /** Called before each move's transaction: tests use it to edit a client between plan and apply. */
  beforeMove?: (move: PlannedMove) => Promise<void>;
  /** Moves applied side by side; each is its own transaction on its own client. */
  concurrency?: number;
  /** Counts reads and writes (the bench reports them per moved client). */
  ops?: OpCounter;
};

/** The full outcome: the report, plus the plan's notes and whether the run finished. */
export type RunOutcome = { report: RotationReport; notes: string[]; status: 'done' | 'running' | 'dry-run'; seq?: number };

type RunKind = 'rotation' | 'offboarding';

type RunDoc = {
  runId: string;
  kind: RunKind;
  at: string;
  by: string;
  seq?: number;
  managerId?: string;
  status: 'planning' | 'applying' | 'done';
  planOwner?: string;
  planLeaseUntil?: number;
  startedAt: string;
  finishedAt?: string;
  balance?: ManagerBalance[];
  unbalanced?: Unbalanced[];
  notes?: string[];
  levels?: Record<string, number>;
  counts?: { planned: number; moved: number; skipped: number };
};

const planLeaseMs = 10 * 60 * 1000;
const writesPerMove = 4;

function parseAt(at: unknown, path = 'at'): string {
  return parseOrThrow(isoDateSchema, at, 'date', path) as string;
}

export function rotationRunId(day: string): string {
  return `rotation-${day}`;
}

export function offboardingRunId(managerId: string, day: string): string {
  return `offboarding-${managerId}-${day}`;
}

/**
 * Runs (or resumes, or replays) the rotation for a day. The run `rotation-YYYY-MM-DD` is claimed
 * before planning and its plan is stored with it, because a resumed run cannot plan again: the
 * clients already moved are no longer candidates. A finished run answers its stored report.
 */
export async function runRotation(db: Firestore, input: { at: string; dryRun: boolean; by: string }, options: RunOptions = {}): Promise<RotationReport> {
  return (await executeRotation(db, input, options)).report;
}

export async function executeRotation(db: Firestore, input: { at: string; dryRun: boolean; by: string }, options: RunOptions = {}): Promise<RunOutcome> {
  const given = parseAt(input.at);
  const ops = options.ops ?? { reads: 0, writes: 0 };
  const { rules } = await readRules(db);
  ops.reads += 1;
  const at = companyDay(given, rules.timeZone);
  const runId = rotationRunId(at);
  const plan = async (seq: number) => {
    const managers = await readRotationManagers(db, ops);
    const candidates = await readRotationCandidates(db, staleCutoffs(at, rules.rotation), ops);
    const first = planRotation({ managers, candidates, rules: rules.rotation, at, seq });
    if (first.shortfall === 0) return first;
    const unassigned = await readUnassigned(db, first.shortfall, ops);
    return planRotation({ managers, candidates, unassigned, rules: rules.rotation, at, seq });
  };
  if (input.dryRun) {
    const runSnap = await db.collection(collections.rotationRuns).doc(runId).get();
    const counter = await db.collection(collections.counters).doc('rotation').get();
    ops.reads += 2;
    if (runSnap.exists && runSnap.get('status') === 'done') {
      const done = await storedOutcome(db, runSnap.data() as RunDoc, ops);
      return { report: done.report, notes: [`${runId} was already applied: these are its moves; a new run for this day moves nothing`, ...done.notes], status: 'dry-run' };
    }
    if (runSnap.exists && runSnap.get('status') === 'applying') {
      // Half-done: the preview is the stored plan, not a fresh one (moved clients are no longer candidates).
      const run = runSnap.data() as RunDoc;
      const lines = await db.collection(collections.rotationRuns).doc(runId).collection('moves').get();
      ops.reads += Math.max(1, lines.size);
      const stored = lines.docs.map((d) => d.data() as StoredMove);
      const done = await storedOutcome(db, run, ops);
      const moves = stored.filter((m) => m.state !== 'skipped');
      const left = stored.filter((m) => m.state === 'planned').length;
      return { report: reportOf(runId, at, true, moves, { unbalanced: run.unbalanced ?? [], skipped: done.report.skipped, levels: run.levels ?? {} }), notes: [`${runId} stopped part-way: ${left} planned move(s) still to apply; run it again to finish`, ...done.notes], status: 'dry-run' };
    }
    const seq = runSnap.exists ? (runSnap.get('seq') as number) : ((counter.get('seq') as number | undefined) ?? 0) + 1;
    const p = await plan(seq);
    return { report: reportOf(runId, at, true, p.moves, p), notes: p.notes, status: 'dry-run', seq };
  }
  return executeRun(db, { runId, kind: 'rotation', at, by: input.by, plan, rules: rules.rotation }, options, ops);
}

/**
 * Offboards a manager (MISSION §2.7): marks them inactive at once (nothing more is assigned or
 * shown to them) and hands every client they hold on, evenly by the level rules. Running it again
 * moves nothing new; a run stopped half-way finishes when run again.
 */
export async function offboardManager(db: Firestore, input: { managerId: string; at: string; by: string; dryRun?: boolean }, options: RunOptions = {}): Promise<RotationReport> {
  return (await executeOffboarding(db, input, options)).report;
}

export async function executeOffboarding(db: Firestore, input: { managerId: string; at: string; by: string; dryRun?: boolean }, options: RunOptions = {}): Promise<RunOutcome> {
  const managerId = parseOrThrow(idSchema, input.managerId, 'manager id', 'managerId') as string;
  const given = parseAt(input.at);
  const ops = options.ops ?? { reads: 0, writes: 0 };
  const managerRef = db.collection(collections.managers).doc(managerId);
  const managerSnap = await managerRef.get();
  ops.reads += 1;
  if (!managerSnap.exists) throw new AppError('not-found', `manager ${managerId} not found`, { issues: [{ path: 'managerId', message: 'no such manager' }] });
  const { rules } = await readRules(db);
  const at = companyDay(given, rules.timeZone);
  const counter = await db.collection(collections.counters).doc('rotation').get();
  ops.reads += 2;
  const seq = ((counter.get('seq') as number | undefined) ?? 0) + 1;
  const runId = offboardingRunId(managerId, at);
  const plan = async () => {
    const managers = (await readRotationManagers(db, ops)).map((m) => (m.id === managerId ? { ...m, active: false } : m));
    const clients = await readClientsOf(db, managerId, ops);
    return planOffboarding({ managers, leaverId: managerId, clients, rules: rules.rotation, at, seq });
  };
  if (input.dryRun === true) {
    const p = await plan();
    return { report: reportOf(runId, at, true, p.moves, p), notes: p.notes, status: 'dry-run' };
  }
  // Access ends first: from here on the leaver receives nothing and is shown nothing.
  await db.runTransaction(async (tx) => {
    const snap = await tx.get(managerRef);
    if (snap.get('active') === false && snap.get('deactivatedAt') !== undefined) return;
    tx.update(managerRef, { active: false, deactivatedAt: at, version: ((snap.get('version') as number | undefined) ?? 0) + 1, updatedAt: at });
    writeAuditInTransaction(tx, db, { at, actor: input.by, action: 'manager.offboard', outcome: 'ok', target: `managers/${managerId}` });
  });
  ops.reads += 1;
  ops.writes += 2;
  return executeRun(db, { runId, kind: 'offboarding', at, by: input.by, plan, managerId, rules: rules.rotation }, options, ops);
}

type RunSpec = {
  runId: string;
  kind: RunKind;
  at: string;
  by: string;
  managerId?: string;
  rules: { writesPerSecond: number };
  plan: (seq: number) => Promise<RotationPlan>;
};

async function executeRun(db: Firestore, spec: RunSpec, options: RunOptions, ops: OpCounter): Promise<RunOutcome> {
  const runRef = db.collection(collections.rotationRuns).doc(spec.runId);
  const counterRef = db.collection(collections.counters).doc('rotation');
  const owner = randomUUID();
  // Claim: the rotation's sequence number is taken in the same transaction as the run's creation.
  const claimed = await db.runTransaction(async (tx) => {
    const [runSnap, counterSnap] = await tx.getAll(runRef, counterRef);
    const now = Date.now();
    if (runSnap!.exists) {
      const run = runSnap!.data() as RunDoc;
      if (run.status !== 'planning') return run;
      if (run.planOwner !== owner && (run.planLeaseUntil ?? 0) > now) throw new AppError('conflict', `${spec.runId} is being planned by another process; try again in a few minutes`);
      tx.update(runRef, { planOwner: owner, planLeaseUntil: now + planLeaseMs });
      return { ...run, planOwner: owner };
    }
    const run: RunDoc = { runId: spec.runId, kind: spec.kind, at: spec.at, by: spec.by, status: 'planning', planOwner: owner, planLeaseUntil: now + planLeaseMs, startedAt: new Date(now).toISOString() };
    if (spec.managerId !== undefined) run.managerId = spec.managerId;
    if (spec.kind === 'rotation') {
      run.seq = ((counterSnap!.get('seq') as number | undefined) ?? 0) + 1;
      tx.set(counterRef, { seq: run.seq });
    }
    tx.create(runRef, run);
    return run;
  });
  ops.reads += 2;
  ops.writes += 2;
  if (claimed.status === 'done') return { ...(await storedOutcome(db, claimed, ops)), status: 'done' };

  if (claimed.status === 'planning') {
    const plan = await spec.plan(claimed.seq ?? 0);
    await savePlan(db, runRef, plan, ops);
    await db.runTransaction(async (tx) => {
      const snap = await tx.get(runRef);
      if (snap.get('status') !== 'planning' || snap.get('planOwner') !== owner) throw new AppError('conflict', `${spec.runId} was taken over by another process while planning`);
      tx.update(runRef, { status: 'applying', balance: plan.balance, unbalanced: plan.unbalanced, notes: plan.notes, levels: plan.levels, counts: { planned: plan.moves.length, moved: 0, skipped: plan.skipped.length } });
    });
    ops.reads += 1;
    ops.writes += 1;
  }

  const pending = await runRef.collection('moves').where('state', '==', 'planned').get();
  ops.reads += Math.max(1, pending.size);
  const moves = pending.docs.map((d) => d.data() as StoredMove).sort((a, b) => (a.clientId < b.clientId ? -1 : 1));
  const runCtx = { runId: spec.runId, at: spec.at, by: spec.by, seq: spec.kind === 'rotation' ? claimed.seq : undefined };
  const pace = pacer(spec.rules.writesPerSecond, options.pacing ?? !process.env.FIRESTORE_EMULATOR_HOST);
  const limit = options.stopAfter ?? Infinity;
  let next = 0;
  let started = 0;
  const worker = async () => {
    while (next < moves.length && started < limit) {
      const move = moves[next++]!;
      started++;
      await pace(writesPerMove);
      await options.beforeMove?.(move);
      await applyMove(db, move, runCtx, ops);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  if (started < moves.length) {
    const outcome = await storedOutcome(db, { ...claimed, status: 'applying' }, ops);
    return { ...outcome, status: 'running' };
  }

  const outcome = await storedOutcome(db, { ...claimed, status: 'applying' }, ops);
  await runRef.update({
    status: 'done',
    finishedAt: new Date().toISOString(),
    balance: outcome.report.balance,
    unbalanced: outcome.report.unbalanced,
    counts: { planned: (await countMoves(db, spec.runId, ops)).planned, moved: outcome.report.moves.length, skipped: outcome.report.skipped.length },
  });
  ops.writes += 1;
  return { ...outcome, status: 'done' };
}

async function countMoves(db: Firestore, runId: string, ops: OpCounter): Promise<{ planned: number }> {
  const agg = await db.collection(collections.rotationRuns).doc(runId).collection('moves').count().get();
  ops.reads += 1;
  return { planned: agg.data().count };
}

/** Plan lines and plan-time skips under the run, in batches; lines left from an earlier attempt that the new plan lacks are removed. */
async function savePlan(db: Firestore, runRef: FirebaseFirestore.DocumentReference, plan: RotationPlan, ops: OpCounter): Promise<void> {
  const existing = await runRef.collection('moves').select().get();
  const existingSkips = await runRef.collection('skipped').select().get();
  ops.reads += Math.max(1, existing.size) + Math.max(1, existingSkips.size);
  const keep = new Set(plan.moves.map((m) => m.clientId));
  const keepSkips = new Set(plan.skipped.map((s) => s.clientId));
  const writer = db.bulkWriter();
  for (const d of existing.docs) if (!keep.has(d.id)) void writer.delete(d.ref);
  for (const d of existingSkips.docs) if (!keepSkips.has(d.id)) void writer.delete(d.ref);
  for (const m of plan.moves) void writer.set(runRef.collection('moves').doc(m.clientId), { ...m, state: 'planned' } satisfies StoredMove);
  for (const s of plan.skipped) void writer.set(runRef.collection('skipped').doc(s.clientId), s);
  await writer.close();
  ops.writes += plan.moves.length + plan.skipped.length;
}

/** The report as the stored plan lines say now: applied moves, plan-time and apply-time skips. */
async function storedOutcome(db: Firestore, run: RunDoc, ops: OpCounter): Promise<{ report: RotationReport; notes: string[] }> {
  const runRef = db.collection(collections.rotationRuns).doc(run.runId);
  const [lines, skips] = await Promise.all([runRef.collection('moves').get(), runRef.collection('skipped').get()]);
  ops.reads += Math.max(1, lines.size) + Math.max(1, skips.size);
  const all = lines.docs.map((d) => d.data() as StoredMove);
  const applied = all.filter((m) => m.state === 'applied');
  const skipped: SkippedClient[] = [...skips.docs.map((d) => d.data() as SkippedClient), ...all.filter((m) => m.state === 'skipped').map((m) => ({ clientId: m.clientId, managerId: m.from, why: m.why ?? 'skipped' }))];
  skipped.sort((a, b) => (a.clientId < b.clientId ? -1 : 1));
  const stored = run.unbalanced === undefined || run.levels === undefined || run.notes === undefined ? ((await runRef.get()).data() as RunDoc) : run;
  ops.reads += stored === run ? 0 : 1;
  const report = reportOf(run.runId, run.at, false, applied, { unbalanced: stored.unbalanced ?? [], skipped, levels: stored.levels ?? {} });
  return { report, notes: stored.notes ?? [] };
}

/** Balance from the moves actually made; a manager left uneven by an apply-time skip is reported too. */
function reportOf(runId: string, at: string, dryRun: boolean, moves: ReadonlyArray<PlannedMove>, plan: Pick<RotationPlan, 'unbalanced' | 'skipped' | 'levels'>): RotationReport {
  const counts = new Map<string, ManagerBalance>();
  const bump = (id: string, key: 'given' | 'received') => {
    let b = counts.get(id);
    if (!b) counts.set(id, (b = { managerId: id, given: 0, received: 0 }));
    b[key]++;
  };
  for (const m of moves) {
    if (m.from !== null) bump(m.from, 'given');
    bump(m.to, 'received');
  }
  const balance = [...counts.values()].sort((a, b) => (a.managerId < b.managerId ? -1 : 1));
  const planned = new Map(plan.unbalanced.map((u) => [u.managerId, u]));
  const unbalanced: Unbalanced[] = [];
  for (const b of balance) {
    if (b.given === b.received) continue;
    const u = planned.get(b.managerId);
    unbalanced.push({ managerId: b.managerId, level: u?.level ?? plan.levels[b.managerId] ?? 0, given: b.given, received: b.received, why: u?.why ?? 'a planned move was skipped when applied (see skipped)' });
  }
  const sortedMoves = [...moves].sort((a, b) => (a.clientId < b.clientId ? -1 : 1)).map(({ clientId, from, to, reason, reportDue }) => ({ clientId, from, to, reason, reportDue }));
  return { runId, at, dryRun, moves: sortedMoves, balance, unbalanced, skipped: [...plan.skipped] };
}

/**
 * Firestore's ramp-up rule (500/50/5): start at `writesPerSecond`, raise by half every five
 * minutes. Writes are counted per one-second window; a full window waits for the next.
 */
function pacer(writesPerSecond: number, enabled: boolean): (writes: number) => Promise<void> {
  if (!enabled) return async () => {};
  const start = Date.now();
  let windowStart = start;
  let used = 0;
  return async (writes) => {
    for (;;) {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        used = 0;
      }
      const rate = writesPerSecond * 1.5 ** Math.floor((now - start) / 300_000);
      if (used + writes <= rate || used === 0) {
        used += writes;
        return;
      }
      await new Promise((r) => setTimeout(r, windowStart + 1000 - now));
    }
  };
}

/** Cloud Scheduler, monthly: applies the rotation for the slot's day (a repeated delivery changes nothing). */
export const rotationScheduledJob: ScheduledJob<RotationReport> = async ({ db, scheduleTime, caller }) => {
  const { rules } = await readRules(db);
  return runRotation(db, { at: companyDay(scheduleTime, rules.timeZone), dryRun: false, by: caller === 'local' ? 'scheduler' : caller });
};
