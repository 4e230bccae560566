import { dayOf } from '../../schema/common.ts';
import type { RotationRules } from '../../schema/rules-config.ts';
import { ManagerHeap, seededTie, type HeapEntry } from './manager-heap.ts';
import { chooseHoldout } from './holdout.ts';
import { blockedReceivers, takeReceiver } from './no-boomerang.ts';
import { absenceOn, dayAfterPresentDays, pausedHolding } from './absence.ts';
import { receivesClients } from '../roster.ts';
import { staleCutoffs, staleReason, type StaleReason } from './staleness.ts';
import type {
  AbsenceEffect,
  ManagerBalance,
  PlannedMove,
  RotationClient,
  RotationManager,
  RotationPlan,
  SkippedClient,
  Unbalanced,
} from './types.ts';

export type RotationInput = {
  managers: ReadonlyArray<RotationManager>;
  /** Clients that may be stale; the planner applies the §2 tests itself, so extra ones are harmless. */
  candidates: ReadonlyArray<RotationClient>;
  /** Unassigned clients to make up shortfalls, taken in id order (lost ones are ignored). */
  unassigned?: ReadonlyArray<RotationClient>;
  rules: Pick<RotationRules, 'holdMonths' | 'noDealMonths' | 'noReturnRotations' | 'reportDays'> &
    Partial<Pick<RotationRules, 'holdoutShare'>>;
  /** The clients the previous rotation held out: none of them is held out again. */
  previousHeldOut?: ReadonlySet<string>;
  at: string;
  /** This rotation's sequence number (1 for the first ever). */
  seq: number;
};

type Queued = { client: RotationClient; reason: StaleReason; blocked: number[]; done: boolean };

type Level = { level: number; members: number[]; givers: ManagerHeap; receivers: ManagerHeap; all: ManagerHeap };

/** Heap key for top-ups of large clients: level first, then places owed (fewer than this per manager). */
const seniorityStep = 2 ** 32;

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Plans one rotation (MISSION §2). Levels are placed from the top down so that a large client
 * knows which places above its level are still free. Within a level each step hands the next
 * client of the most constrained giver (places owed + clients still to give) to the eligible
 * colleague with most places still owed; ties go by a hash seeded with the run date. O(n log m).
 */
export function planRotation(input: RotationInput): RotationPlan {
  const at = dayOf(input.at);
  const { rules, seq } = input;
  const cutoffs = staleCutoffs(at, rules);
  const managersIn = [...input.managers].sort(byId);
  // Leaves: who is away today keeps their clients and takes none; deadlines skip leaves planned ahead.
  const away = managersIn.map((m) => absenceOn(m.absences, at));
  const dues = new Map<number, string>();
  const plainDue = dayAfterPresentDays(undefined, at, rules.reportDays);
  const dueOf = (m: number) => {
    let due = dues.get(m);
    if (due === undefined) dues.set(m, (due = dayAfterPresentDays(managersIn[m]!.absences, at, rules.reportDays)));
    return due;
  };
  const kept = new Int32Array(managersIn.length);
  const paused = new Int32Array(managersIn.length);
  const moved = new Int32Array(managersIn.length);
  const managers = managersIn;
  const n = managers.length;
  const indexOf = new Map(managers.map((m, i) => [m.id, i]));
  const tie = managers.map((m) => seededTie(at, m.id));
  const receives = managers.map((m) => receivesClients(m, at));
  const given = new Int32Array(n);
  const received = new Int32Array(n);
  const owed = new Int32Array(n);
  const toGive = new Int32Array(n);
  const stamp = new Int32Array(n);
  const queues: Queued[][] = managers.map(() => []);
  const cursor = new Int32Array(n);
  const moves: PlannedMove[] = [];
  const skipped: SkippedClient[] = [];
  const notes: string[] = [];

  const levels = new Map<number, Level>();
  managers.forEach((m, i) => {
    let l = levels.get(m.level);
    if (!l)
      levels.set(
        m.level,
        (l = { level: m.level, members: [], givers: new ManagerHeap(), receivers: new ManagerHeap(), all: new ManagerHeap() }),
      );
    l.members.push(i);
  });
  const levelsAsc = [...levels.keys()].sort((a, b) => a - b);

  const seen = new Set<string>();
  const stale: Array<{ client: RotationClient; reason: StaleReason; holder: number }> = [];
  for (const client of [...input.candidates].sort(byId)) {
    if (seen.has(client.id)) continue;
    seen.add(client.id);
    if (client.managerId === null || client.lostAt !== undefined || client.pinned === true) continue;
    const reason = staleReason(client, cutoffs);
    if (reason === undefined) continue;
    const holder = indexOf.get(client.managerId);
    if (holder === undefined) {
      skipped.push({ clientId: client.id, managerId: client.managerId, why: 'held by a manager who is not on the roster' });
      continue;
    }
    // A leave first: a clock its holder's leave paused is not stale, and a holder away today keeps the client.
    const leaves = managers[holder]!.absences;
    if (leaves !== undefined && leaves.length > 0 && staleReason(pausedHolding(client, leaves, at), cutoffs) === undefined) {
      paused[holder]!++;
      continue;
    }
    if (away[holder] !== undefined) {
      kept[holder]!++;
      continue;
    }
    stale.push({ client, reason, holder });
  }
  // The holdout is drawn from what would move, so no client is both held out and kept or paused by a leave.
  // A held-out client stays with its holder as if it were not stale: it neither gives nor owes a place.
  const heldOut = chooseHoldout({
    candidates: stale.map(({ client }) => ({ id: client.id, managerId: client.managerId!, size: client.size ?? 'regular' })),
    share: rules.holdoutShare ?? 0,
    seed: at,
    ...(input.previousHeldOut ? { previous: input.previousHeldOut } : {}),
  });
  const heldOutIds = new Set(heldOut.map((h) => h.clientId));
  for (const { client, reason, holder } of stale) {
    if (heldOutIds.has(client.id)) continue;
    const blocked = blockedReceivers(client, { seq, noReturnRotations: rules.noReturnRotations }, indexOf);
    queues[holder]!.push({ client, reason, blocked, done: false });
    owed[holder]!++;
    toGive[holder]!++;
  }

  const isCurrent = (e: HeapEntry) => e.stamp === stamp[e.index];
  const refresh = (m: number) => {
    stamp[m]!++;
    const l = levels.get(managers[m]!.level)!;
    const entry = { index: m, key: owed[m]! + toGive[m]!, tie: tie[m]!, stamp: stamp[m]! };
    if (toGive[m]! > 0) l.givers.push(entry);
    if (receives[m]) {
      if (owed[m]! > 0) l.receivers.push(entry);
      l.all.push({ ...entry, key: owed[m]! });
    }
  };
  for (let m = 0; m < n; m++) refresh(m);

  const take = (heap: ManagerHeap, blocked: number[]): number | undefined => takeReceiver(heap, blocked, isCurrent);
  const move = (q: Queued, from: number, to: number) => {
    q.done = true;
    moves.push({
      clientId: q.client.id,
      from: managers[from]!.id,
      to: managers[to]!.id,
      reason: q.reason,
      reportDue: dueOf(to),
      version: q.client.version,
    });
    toGive[from]!--;
    given[from]!++;
    owed[to]!--;
    received[to]!++;
    refresh(from);
    refresh(to);
  };
  const nextOf = (m: number): Queued | undefined => {
    const q = queues[m]!;
    while (cursor[m]! < q.length && q[cursor[m]!]!.done) cursor[m]!++;
    return q[cursor[m]!];
  };
  const higherThan = (level: number) => levelsAsc.filter((l) => l > level).map((l) => levels.get(l)!);

  for (const level of [...levelsAsc].reverse()) {
    const lv = levels.get(level)!;
    const above = higherThan(level);
    // Large clients first take places still free one level up (nearest first): preferred when available.
    for (const m of lv.members) {
      for (const q of queues[m]!) {
        if (q.client.size !== 'large') continue;
        for (const up of above) {
          const to = take(up.receivers, q.blocked);
          if (to !== undefined) {
            move(q, m, to);
            break;
          }
        }
      }
    }
    for (let g = lv.givers.pop(isCurrent); g !== undefined; g = lv.givers.pop(isCurrent)) {
      const q = nextOf(g.index);
      if (q === undefined) continue;
      let to = take(lv.receivers, q.blocked);
      if (to === undefined && q.client.size === 'large') {
        for (const up of above) if ((to = take(up.all, q.blocked)) !== undefined) break;
      }
      to ??= take(lv.all, q.blocked);
      if (to === undefined) {
        q.done = true;
        skipped.push({
          clientId: q.client.id,
          managerId: q.client.managerId,
          why:
            `no eligible receiver: no other active manager at level ${level}` +
            `${q.client.size === 'large' ? ' or above' : ''} who has not held it within the last ${rules.noReturnRotations} rotation(s)`,
        });
        toGive[g.index]!--;
        owed[g.index]!--;
        refresh(g.index);
      } else {
        move(q, g.index, to);
      }
    }
  }

  let shortfall = 0;
  for (let m = 0; m < n; m++) if (receives[m] && owed[m]! > 0) shortfall += owed[m]!;

  let toppedUp = 0;
  let poolEmpty = false;
  if (shortfall > 0) {
    // Large clients first, each to the most senior receiver still owed a place (MISSION §2.2:
    // a large client may go up a level); then the regular ones to whoever is owed the most.
    const pool = [...(input.unassigned ?? [])].filter((c) => c.managerId === null && c.lostAt === undefined && !seen.has(c.id)).sort(byId);
    const ordered = [...pool.filter((c) => c.size === 'large'), ...pool.filter((c) => c.size !== 'large')];
    const byOwed = new ManagerHeap();
    const bySeniority = new ManagerHeap();
    const offer = (m: number) => {
      if (owed[m]! <= 0) return;
      byOwed.push({ index: m, key: owed[m]!, tie: tie[m]!, stamp: stamp[m]! });
      bySeniority.push({ index: m, key: managers[m]!.level * seniorityStep + owed[m]!, tie: tie[m]!, stamp: stamp[m]! });
    };
    for (let m = 0; m < n; m++) if (receives[m]) offer(m);
    let next = 0;
    for (; next < ordered.length; next++) {
      const client = ordered[next]!;
      if (seen.has(client.id)) continue;
      seen.add(client.id);
      const blocked = blockedReceivers(client, { seq, noReturnRotations: rules.noReturnRotations }, indexOf);
      const to = take(client.size === 'large' ? bySeniority : byOwed, blocked);
      if (to === undefined) {
        if (byOwed.peek(isCurrent) === undefined) break;
        continue;
      }
      moves.push({
        clientId: client.id,
        from: null,
        to: managers[to]!.id,
        reason: 'top-up',
        reportDue: dueOf(to),
        version: client.version,
      });
      owed[to]!--;
      received[to]!++;
      toppedUp++;
      stamp[to]!++;
      offer(to);
    }
    poolEmpty = next >= ordered.length;
  }
  if (toppedUp > 0) notes.push(`${toppedUp} unassigned client(s) made up shortfalls (reason top-up)`);

  const balance: ManagerBalance[] = [];
  const unbalanced: Unbalanced[] = [];
  const levelOf: Record<string, number> = {};
  managers.forEach((m, i) => {
    if (given[i] === 0 && received[i] === 0) return;
    balance.push({ managerId: m.id, given: given[i]!, received: received[i]! });
    levelOf[m.id] = m.level;
    if (given[i] === received[i]) return;
    const why = !m.active
      ? 'inactive: receives nothing (offboard this manager to hand the rest on)'
      : m.role === 'admin'
        ? 'admins receive no clients'
        : received[i]! < given[i]!
          ? poolEmpty
            ? 'not enough eligible colleagues or unassigned clients to make up the shortfall'
            : 'no eligible client to make up the shortfall'
          : `level ${m.level} had more stale clients than eligible places owed: the surplus was spread over the colleagues owed the fewest`;
    unbalanced.push({ managerId: m.id, level: m.level, given: given[i]!, received: received[i]!, why });
  });

  for (const mv of moves) if (mv.reportDue !== plainDue) moved[indexOf.get(mv.to)!]!++;
  const effects: AbsenceEffect[] = [];
  managers.forEach((m, i) => {
    if (!receivesClients(m) || (away[i] === undefined && paused[i] === 0 && moved[i] === 0)) return;
    effects.push({ managerId: m.id, awayUntil: away[i]?.to ?? null, kept: kept[i]!, paused: paused[i]!, deadlinesMoved: moved[i]! });
  });

  moves.sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
  return {
    at,
    seq,
    moves,
    balance,
    unbalanced,
    skipped,
    shortfall,
    notes,
    levels: levelOf,
    heldOut,
    ...(effects.length > 0 ? { away: effects } : {}),
  };
}
