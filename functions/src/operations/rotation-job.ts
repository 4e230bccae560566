import type { Firestore } from 'firebase-admin/firestore';
import { companyDay, companyInstant } from '../core/calendar.ts';
import { receivesClients } from '../core/roster.ts';
import { planOffboarding } from '../core/rotation/plan-offboarding.ts';
import { planRotation } from '../core/rotation/plan-rotation.ts';
import { rotationReport, type RotationReport, type SkippedMove } from '../core/rotation/report.ts';
import { staleCutoffs } from '../core/rotation/staleness.ts';
import type { PlannedMove, RotationManager, RotationPlan } from '../core/rotation/types.ts';
import { AppError, parseOrThrow } from '../errors.ts';
import type { ScheduledJob } from '../http/scheduled-job.ts';
import { idSchema, isoDateSchema } from '../schema/common.ts';
import {
  appendPlan,
  claimRun,
  finishRun,
  keepRunLease,
  nextRotationSeq,
  offboardingRunId,
  readHeldOutBefore,
  readPlan,
  readRun,
  storePlan,
  type ChunkContext,
  type PlanChunk,
  type RunClaim,
  type RunDoc,
} from '../store/rotation-run-store.ts';
import {
  applyPlan,
  planLines,
  readClientsOf,
  readRotationCandidates,
  readRotationManagers,
  readUnassigned,
  writePacer,
  type MoveOutcomes,
  type ReadClient,
} from '../store/rotation-store.ts';
import { deactivateManager, prospectiveOffboardingRunId } from '../store/manager-store.ts';
import { readRules } from '../store/rules-store.ts';
import { takenOver } from '../store/run-lease.ts';

export type { RotationReport };

export type RunOptions = {
  /** Pace writes by `rotation.writesPerSecond` (+50 % every 5 minutes). Default: on, except against the emulator. */
  pacing?: boolean;
  /** Stop after starting this many moves, as a crash would (tests and drills). */
  stopAfter?: number;
  /** Called before each move is committed: tests use it to edit a client between plan and apply. */
  beforeMove?: (move: PlannedMove) => Promise<void>;
  /** Batches of moves committed side by side. */
  concurrency?: number;
  /** Moves per atomic batch (3 writes each; Firestore takes at most 500 writes in one commit). */
  movesPerBatch?: number;
  /** The clock the run's lease is kept by (tests and drills stand in for a delivery minutes later). */
  now?: () => Date;
};

/** The report, the plan's notes, and whether the run finished (`running`: stopped part-way, run it again). */
export type RunOutcome = { report: RotationReport; notes: string[]; status: 'done' | 'running' | 'dry-run' };

type Planned = { plan: RotationPlan; clients: ReadClient[]; receivers: Set<string> };

type RunSpec = Pick<RunDoc, 'runId' | 'kind' | 'at' | 'stamp' | 'by' | 'managerId' | 'seq'> & {
  writesPerSecond: number;
  plan: (seq: number) => Promise<Planned>;
  /** Offboardings: the moves still owed once the stored plan is settled (clients the leaver holds), if any. */
  followUp?: (chunks: PlanChunk[]) => Promise<(Planned & { context: ChunkContext }) | undefined>;
};

export function rotationRunId(day: string): string {
  return `rotation-${day}`;
}

export { offboardingRunId };

const parseAt = (at: unknown): string => parseOrThrow(isoDateSchema, at, 'date', 'at') as string;

const receiversOf = (managers: ReadonlyArray<RotationManager>, day: string) =>
  new Set(managers.filter((m) => receivesClients(m, day)).map((m) => m.id));

/**
 * The rotation of a day (MISSION §2), or its preview. The run `rotation-YYYY-MM-DD` (the company's
 * day) is claimed, planned once and stored, then applied; a run stopped part-way finishes its
 * stored plan when run again, and a run already applied answers its stored report and moves nothing.
 */
export async function runRotation(
  db: Firestore,
  input: { at: string; dryRun: boolean; by: string },
  options: RunOptions = {},
): Promise<RunOutcome> {
  const given = parseAt(input.at);
  const { rules } = await readRules(db);
  const at = companyDay(given, rules.timeZone);
  const spec: RunSpec = {
    runId: rotationRunId(at),
    kind: 'rotation',
    at,
    stamp: companyInstant(given, rules.timeZone),
    by: input.by,
    writesPerSecond: rules.rotation.writesPerSecond,
    plan: async (seq) => {
      const managers = await readRotationManagers(db);
      const candidates = await readRotationCandidates(db, staleCutoffs(at, rules.rotation));
      const previousHeldOut = rules.rotation.holdoutShare > 0 ? await readHeldOutBefore(db, seq) : undefined;
      const base = { managers, candidates, rules: rules.rotation, at, seq, ...(previousHeldOut ? { previousHeldOut } : {}) };
      const first = planRotation(base);
      const unassigned = first.shortfall > 0 ? await readUnassigned(db, first.shortfall) : [];
      const plan = unassigned.length > 0 ? planRotation({ ...base, unassigned }) : first;
      return { plan, clients: [...candidates, ...unassigned], receivers: receiversOf(managers, at) };
    },
  };
  return input.dryRun ? preview(db, spec) : apply(db, spec, options);
}

/**
 * Offboards a manager (MISSION §2.7): their access ends at once, then every client they hold is
 * handed on evenly by the level rules. The run is keyed by the deactivation
 * (`offboarding-{managerId}-{deactivation day}`, see `deactivateManager`), not by the day it runs:
 * run again on any later day (after a crash, or a repeated delivery) it resumes the same plan. A
 * leaver still holding clients once the plan is settled (an edit won over a move, or a client came
 * to them after the plan was made) has those handed on too, under the same run.
 */
export async function offboardManager(
  db: Firestore,
  input: { managerId: string; at: string; by: string; dryRun?: boolean },
  options: RunOptions = {},
): Promise<RunOutcome> {
  const managerId = parseOrThrow(idSchema, input.managerId, 'manager id', 'managerId') as string;
  const given = parseAt(input.at);
  const { rules } = await readRules(db);
  const managers = await readRotationManagers(db);
  if (!managers.some((m) => m.id === managerId))
    throw new AppError('not-found', `manager ${managerId} not found`, { issues: [{ path: 'managerId', message: 'no such manager' }] });
  const at = companyDay(given, rules.timeZone);
  const stamp = companyInstant(given, rules.timeZone);
  // The hand-ons count as taken in the coming rotation: no boomerang to the leaver if they return.
  const seq = await nextRotationSeq(db);
  const roster = managers.map((m) => (m.id === managerId ? { ...m, active: false } : m));
  const receivers = receiversOf(roster, at);
  const planFor = (clients: ReadClient[], alreadyReceived?: Map<string, number>) =>
    planOffboarding({
      managers: roster,
      leaverId: managerId,
      clients,
      rules: rules.rotation,
      at,
      seq,
      ...(alreadyReceived ? { alreadyReceived } : {}),
    });
  const dryRun = input.dryRun === true;
  const spec: RunSpec = {
    runId: dryRun
      ? await prospectiveOffboardingRunId(db, managerId, at)
      : await deactivateManager(db, managerId, { day: at, at: stamp, by: input.by }),
    kind: 'offboarding',
    at,
    stamp,
    by: input.by,
    managerId,
    seq,
    writesPerSecond: rules.rotation.writesPerSecond,
    plan: async () => {
      const clients = await readClientsOf(db, managerId);
      return { plan: planFor(clients), clients, receivers };
    },
    followUp: async (chunks) => {
      const handedOn = appliedMoves(chunks);
      const held = await readClientsOf(db, managerId);
      // A client this run handed on already keeps its one transfer: it is never moved twice by one run.
      const clients = held.filter((c) => !handedOn.has(c.id));
      if (clients.length === 0) return undefined;
      const received = new Map<string, number>();
      for (const to of handedOn.values()) received.set(to, (received.get(to) ?? 0) + 1);
      const plan = planFor(clients, received);
      if (plan.moves.length === 0) return undefined;
      for (const c of held)
        if (handedOn.has(c.id))
          plan.skipped.push({ clientId: c.id, managerId, why: 'handed on by this offboarding already, and back with the leaver since' });
      return { plan, clients, receivers, context: { at, stamp, seq } };
    },
  };
  return dryRun ? preview(db, spec) : apply(db, spec, options);
}

/** The moves of settled chunks that landed: client → receiver. */
function appliedMoves(chunks: PlanChunk[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const chunk of chunks) {
    if (!chunk.done) continue;
    const skipped = new Set(chunk.skippedMoves.map((m) => m.clientId));
    for (const m of chunk.moves) if (!skipped.has(m.clientId)) out.set(m.clientId, m.to);
  }
  return out;
}

/** The plan without writing anything: a fresh one, or the stored one of a run already under way. */
async function preview(db: Firestore, spec: RunSpec): Promise<RunOutcome> {
  const run = await readRun(db, spec.runId);
  if (run?.status === 'done')
    return { report: reportOf(run, await readPlan(db, run.runId), new Map(), true), notes: run.notes ?? [], status: 'dry-run' };
  if (run?.status === 'applying') {
    // Half-done: the preview is the stored plan, not a fresh one (moved clients are no longer candidates).
    const chunks = await readPlan(db, spec.runId);
    const standing = new Map(chunks.flatMap((c) => (c.done ? [] : c.moves.map((m) => [m.clientId, 'applied'] as const))));
    const open = standing.size;
    return {
      report: reportOf(run, chunks, standing, true),
      notes: [`${spec.runId} stopped part-way: up to ${open} planned move(s) still to apply; run it again to finish`, ...(run.notes ?? [])],
      status: 'dry-run',
    };
  }
  const { plan } = await spec.plan(run?.seq ?? spec.seq ?? (await nextRotationSeq(db)));
  return {
    report: rotationReport({ runId: spec.runId, at: spec.at, dryRun: true, moves: plan.moves, plan, heldOut: plan.heldOut ?? [] }),
    notes: plan.notes,
    status: 'dry-run',
  };
}

/** Claim, plan once (or read the stored plan), apply what is left, record the outcome. */
async function apply(db: Firestore, spec: RunSpec, options: RunOptions): Promise<RunOutcome> {
  const clock = () => (options.now?.() ?? new Date()).getTime();
  let claim = await claimRun(db, spec, clock);
  if (claim.run.status === 'done') {
    const { run } = claim;
    const chunks = await readPlan(db, run.runId);
    // A run done answers its stored report, unless its leaver holds clients it can hand on again.
    if ((await spec.followUp?.(chunks)) === undefined)
      return { report: reportOf(run, chunks, new Map(), false), notes: run.notes ?? [], status: 'done' };
    claim = await claimRun(db, spec, clock, true);
  }
  const lease = keepRunLease(db, claim, clock);
  let finished = false;
  try {
    const outcome = await applyClaimed(db, spec, options, claim, lease.lost);
    finished = outcome.status === 'done';
    return outcome;
  } finally {
    // A run stopped or failed in a live process lets the next delivery go on at once; a killed one
    // leaves its lease to run out.
    await lease.stop(!finished);
  }
}

async function applyClaimed(db: Firestore, spec: RunSpec, options: RunOptions, claim: RunClaim, lost: () => boolean): Promise<RunOutcome> {
  const { run } = claim;
  let chunks: PlanChunk[];
  let receivers: Set<string>;
  const resumed = run.status === 'applying';
  if (resumed) {
    chunks = await readPlan(db, run.runId);
    receivers = receiversOf(await readRotationManagers(db), run.at);
  } else {
    const planned = await spec.plan(run.seq ?? 0);
    chunks = await storePlan(db, claim, planned.plan, planLines(planned.plan.moves, planned.clients, run.seq, run.at));
    receivers = planned.receivers;
  }

  const context = { runId: run.runId, at: run.at, stamp: run.stamp ?? spec.stamp!, by: run.by, seq: run.seq };
  const limit = options.stopAfter ?? Infinity;
  const applyOptions = {
    concurrency: options.concurrency ?? 8,
    movesPerBatch: Math.min(options.movesPerBatch ?? 100, 166),
    pace: writePacer(spec.writesPerSecond, options.pacing ?? !process.env.FIRESTORE_EMULATOR_HOST),
    lost,
    ...(options.beforeMove ? { beforeMove: options.beforeMove } : {}),
  };
  let { outcomes, complete, started } = await applyPlan(db, chunks, context, { ...applyOptions, limit, receivers, recheck: resumed });
  const more = complete && !lost() ? await spec.followUp?.(chunks) : undefined;
  if (more !== undefined) {
    const { plan, clients, context: day } = more;
    chunks = [...chunks, ...(await appendPlan(db, claim, plan, planLines(plan.moves, clients, day.seq, day.at), day))];
    const rest = { ...applyOptions, limit: limit - started, receivers: more.receivers, recheck: false };
    ({ outcomes, complete } = await applyPlan(db, chunks, context, rest));
  }
  if (lost()) throw takenOver(run.runId);
  const report = reportOf(run, chunks, outcomes, false);
  if (!complete) return { report, notes: run.notes ?? [], status: 'running' };
  const planned = chunks.reduce((n, c) => n + c.moves.length, 0);
  // The run keeps the plan's own reasons for imbalance: a replay derives the report from them again.
  await finishRun(db, run.runId, {
    balance: report.balance,
    counts: { planned, moved: report.moves.length, skipped: report.skipped.length },
  });
  return { report, notes: run.notes ?? [], status: 'done' };
}

/**
 * The report as the plan and its outcomes stand: a run already done says when and by whom it was
 * applied. A client an offboarding planned again in a later chunk is reported as that chunk has
 * it; a move that landed is always listed.
 */
function reportOf(run: RunDoc, chunks: PlanChunk[], outcomes: MoveOutcomes, dryRun: boolean): RotationReport {
  const last = new Map<string, string>();
  for (const chunk of chunks) {
    for (const m of chunk.moves) last.set(m.clientId, `move ${chunk.index}`);
    for (const c of chunk.skipped) last.set(c.clientId, `skip ${chunk.index}`);
  }
  const moves: PlannedMove[] = [];
  const skippedMoves: SkippedMove[] = [];
  for (const chunk of chunks) {
    const settled = new Map(chunk.skippedMoves.map((s) => [s.clientId, s]));
    for (const m of chunk.moves) {
      const outcome = chunk.done ? (settled.get(m.clientId) ?? 'applied') : outcomes.get(m.clientId);
      if (outcome === 'applied') moves.push(m);
      else if (outcome !== undefined && last.get(m.clientId) === `move ${chunk.index}`) skippedMoves.push(outcome);
    }
  }
  const skipped = chunks.flatMap((chunk) => chunk.skipped.filter((c) => last.get(c.clientId) === `skip ${chunk.index}`));
  const plan = { unbalanced: run.unbalanced ?? [], levels: run.levels ?? {}, away: run.away ?? [], skipped };
  const applied = run.status === 'done' ? { at: run.finishedAt ?? run.stamp ?? run.at, by: run.by } : undefined;
  const heldOut = chunks.flatMap((chunk) => chunk.heldOut ?? []);
  return rotationReport({ runId: run.runId, at: run.at, dryRun, moves, plan, skippedMoves, heldOut, ...(applied ? { applied } : {}) });
}

/** Cloud Scheduler, monthly: applies the rotation for the slot's day (a repeated delivery changes nothing). */
export const rotationScheduledJob: ScheduledJob<RotationReport> = async ({ db, scheduleTime, caller, now }) =>
  (await runRotation(db, { at: scheduleTime, dryRun: false, by: caller === 'local' ? 'scheduler' : caller }, { now })).report;
