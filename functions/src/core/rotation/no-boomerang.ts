import type { HeapEntry, ManagerHeap } from './manager-heap.ts';
import type { RotationClient } from './types.ts';

/** Managers who held the client within the last `noReturnRotations` rotations, the holder included (MISSION §2.4). */
export function recentHolders(
  client: Pick<RotationClient, 'managerId' | 'formerHolders'>,
  seq: number,
  noReturnRotations: number,
): string[] {
  const out = client.managerId === null ? [] : [client.managerId];
  for (const f of client.formerHolders ?? []) {
    if (f.rotationSeq !== undefined && f.rotationSeq >= seq - noReturnRotations) out.push(f.managerId);
  }
  return out;
}

/** The same as indexes into the planner's sorted roster (recent holders no longer on it are dropped). */
export function blockedReceivers(
  client: Pick<RotationClient, 'managerId' | 'formerHolders'>,
  rules: { seq: number; noReturnRotations: number },
  indexOf: ReadonlyMap<string, number>,
): number[] {
  return recentHolders(client, rules.seq, rules.noReturnRotations).flatMap((id) => {
    const i = indexOf.get(id);
    return i === undefined ? [] : [i];
  });
}

/**
 * The best current receiver in the heap who is not blocked for this client, left in the heap
 * (the caller re-pushes it with its new standing). With `ignoreBlocked`, simply the best one.
 */
export function takeReceiver(
  heap: ManagerHeap,
  blocked: ReadonlyArray<number>,
  isCurrent: (e: HeapEntry) => boolean,
  ignoreBlocked = false,
): number | undefined {
  const putBack: HeapEntry[] = [];
  let found: number | undefined;
  for (let e = heap.pop(isCurrent); e !== undefined; e = heap.pop(isCurrent)) {
    putBack.push(e);
    if (ignoreBlocked || !blocked.includes(e.index)) {
      found = e.index;
      break;
    }
  }
  for (const e of putBack) heap.push(e);
  return found;
}
