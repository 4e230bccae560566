import { AppError } from '../../errors.ts';
import { dayOf } from '../../schema/common.ts';
import type { RotationRules } from '../../schema/rules-config.ts';
import { ManagerHeap, seededTie, type HeapEntry } from './manager-heap.ts';
import { blockedReceivers, takeReceiver } from './no-boomerang.ts';
import { receivesClients } from '../roster.ts';
import { absenceOn, dayAfterPresentDays } from './absence.ts';
import type { AbsenceEffect, PlannedMove, RotationClient, RotationManager, RotationPlan, SkippedClient, Unbalanced } from './types.ts';

export type OffboardingInput = {
  managers: ReadonlyArray<RotationManager>;
  leaverId: string;
  /** The leaver's clients (others are ignored). */
  clients: ReadonlyArray<RotationClient>;
  rules: Pick<RotationRules, 'noReturnRotations' | 'reportDays'>;
  at: string;
  /** The sequence number the next rotation will have: the no-boomerang window counts back from it. */
  seq: number;
  /**
   * Clients each colleague already took over in this offboarding (a later pass hands on what the
   * leaver still holds): the spread stays even over the whole offboarding, not only this pass.
   */
  alreadyReceived?: ReadonlyMap<string, number>;
};

/**
 * Hands every client of a leaving manager on at once (MISSION §2.7). Pinned clients go too: a pin
 * protects a client from rotation, not a leaver's claim to keep it. Lost clients go too, still lost:
 * an inactive holder could never win one back, and a reinstated client needs someone to call it. Clients spread
 * evenly (fewest received first, ties by a date-seeded hash) over the active managers of the
 * leaver's level; a large client prefers the nearest higher level that has anyone active. When
 * the level has nobody active the nearest level takes them, and the plan's notes say so.
 */
export function planOffboarding(input: OffboardingInput): RotationPlan {
  const at = dayOf(input.at);
  const plainDue = dayAfterPresentDays(undefined, at, input.rules.reportDays);
  const managers = [...input.managers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const leaver = managers.find((m) => m.id === input.leaverId);
  if (!leaver)
    throw new AppError('not-found', `manager ${input.leaverId} not found`, { issues: [{ path: 'managerId', message: 'no such manager' }] });
  const indexOf = new Map(managers.map((m, i) => [m.id, i]));
  const received = new Int32Array(managers.length);
  const before = managers.map((m) => input.alreadyReceived?.get(m.id) ?? 0);
  const stamp = new Int32Array(managers.length);
  const heaps = new Map<number, ManagerHeap>();
  managers.forEach((m, i) => {
    if (!receivesClients(m, at) || m.id === leaver.id) return;
    let heap = heaps.get(m.level);
    if (!heap) heaps.set(m.level, (heap = new ManagerHeap()));
    heap.push({ index: i, key: -before[i]!, tie: seededTie(at, m.id), stamp: 0 });
  });
  const notes: string[] = [];
  const levels = [...heaps.keys()].sort((a, b) => a - b);
  const nearest =
    levels.length === 0
      ? undefined
      : levels.reduce((best, l) =>
          Math.abs(l - leaver.level) < Math.abs(best - leaver.level) ||
          (Math.abs(l - leaver.level) === Math.abs(best - leaver.level) && l > best)
            ? l
            : best,
        );
  if (nearest !== undefined && nearest !== leaver.level)
    notes.push(`nobody active at level ${leaver.level}: the clients go to level ${nearest}`);
  const higher = levels.find((l) => l > leaver.level);

  const isCurrent = (e: HeapEntry) => e.stamp === stamp[e.index];
  const take = (heap: ManagerHeap, blocked: number[], ignoreBlocked: boolean): number | undefined =>
    takeReceiver(heap, blocked, isCurrent, ignoreBlocked);

  const moves: PlannedMove[] = [];
  const skipped: SkippedClient[] = [];
  const clients = input.clients.filter((c) => c.managerId === leaver.id).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let prev: string | undefined;
  for (const client of clients) {
    if (client.id === prev) continue;
    prev = client.id;
    const tryLevels = client.size === 'large' && higher !== undefined ? [higher] : [];
    if (nearest !== undefined && !tryLevels.includes(nearest)) tryLevels.push(nearest);
    if (tryLevels.length === 0) {
      skipped.push({ clientId: client.id, managerId: leaver.id, why: 'no active manager to take it' });
      continue;
    }
    const blocked = blockedReceivers(client, { seq: input.seq, noReturnRotations: input.rules.noReturnRotations }, indexOf);
    let to: number | undefined;
    for (const l of tryLevels) if ((to = take(heaps.get(l)!, blocked, false)) !== undefined) break;
    if (to === undefined) {
      // A leaver keeps nothing: a recent holder is better than leaving the client with them.
      to = take(heaps.get(tryLevels[0]!)!, blocked, true)!;
      notes.push(`client ${client.id} goes back to a recent holder (${managers[to]!.id}): nobody else at its level`);
    }
    const reportDue = dayAfterPresentDays(managers[to]!.absences, at, input.rules.reportDays);
    moves.push({ clientId: client.id, from: leaver.id, to: managers[to]!.id, reason: 'offboarding', reportDue, version: client.version });
    received[to]!++;
    stamp[to]!++;
    const key = -(received[to]! + before[to]!);
    heaps.get(managers[to]!.level)!.push({ index: to, key, tie: seededTie(at, managers[to]!.id), stamp: stamp[to]! });
  }

  const balance = managers.flatMap((m, i) => {
    const given = m.id === leaver.id ? moves.length : 0;
    return given > 0 || received[i]! > 0 ? [{ managerId: m.id, given, received: received[i]! }] : [];
  });
  if (moves.length > 0) notes.push('offboarding: the leaver receives nothing back; take-as-many-as-you-give does not apply');
  const levelOf = Object.fromEntries(balance.map((b) => [b.managerId, managers[indexOf.get(b.managerId)!]!.level]));
  // Offboarding never balances: say so per manager rather than leave the counts unexplained.
  const unbalanced: Unbalanced[] = balance.map((b) => ({
    ...b,
    level: levelOf[b.managerId]!,
    why:
      b.managerId === leaver.id
        ? 'leaving: hands on every client and receives none'
        : `took over clients of the leaving manager ${leaver.id} (offboarding hands on evenly; it does not balance)`,
  }));
  // Colleagues away today took nothing; those with a leave ahead had their deadlines moved past it.
  const movedDue = new Map<string, number>();
  for (const mv of moves) if (mv.reportDue !== plainDue) movedDue.set(mv.to, (movedDue.get(mv.to) ?? 0) + 1);
  const away: AbsenceEffect[] = managers.flatMap((m) => {
    const until = m.id === leaver.id || !receivesClients(m) ? undefined : absenceOn(m.absences, at)?.to;
    const deadlinesMoved = movedDue.get(m.id) ?? 0;
    return until !== undefined || deadlinesMoved > 0
      ? [{ managerId: m.id, awayUntil: until ?? null, kept: 0, paused: 0, deadlinesMoved }]
      : [];
  });
  const plan = { at, seq: input.seq, moves, balance, unbalanced, skipped, shortfall: 0, notes, levels: levelOf };
  return away.length > 0 ? { ...plan, away } : plan;
}
