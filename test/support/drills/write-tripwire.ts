import type { Firestore } from 'firebase-admin/firestore';

/** Where, around the write RPC that trips it, the process dies. */
export type TripMoment = 'before' | 'in-flight' | 'after';
export type Trip = { afterWrites: number; when: TripMoment };

type Funnel = { request: (method: string, body: Record<string, unknown>, ...rest: unknown[]) => Promise<unknown> };

/** RPCs that write: a commit (a batch or a transaction) and a BulkWriter batch. */
const writeMethods = new Set(['commit', 'batchWrite']);

/**
 * Counts the write RPCs one Firestore client sends, from outside the code under test (the client
 * library's `request` funnel, as `counting-firestore.ts` does), and with a trip, calls `die` at the
 * k-th: before it is sent (it never lands), while it is in flight (whether it lands is up to the
 * database), or once it has landed (the caller never learns). A drill's child process passes a
 * `die` that SIGKILLs itself.
 */
export function writeTripwire(
  db: Firestore,
  trip?: Trip,
  die: () => void = () => process.kill(process.pid, 'SIGKILL'),
): { writeRpcs: () => number } {
  const funnel = db as unknown as Funnel;
  const request = funnel.request;
  let count = 0;
  funnel.request = async function (method, body, ...rest) {
    if (!writeMethods.has(method)) return request.call(this, method, body, ...rest);
    count++;
    if (trip === undefined || count !== trip.afterWrites) return request.call(this, method, body, ...rest);
    if (trip.when === 'before') die();
    const sent = request.call(this, method, body, ...rest);
    if (trip.when === 'in-flight') setImmediate(die);
    const result = await sent;
    die();
    return result;
  };
  return { writeRpcs: () => count };
}
