import type { DocumentReference, Firestore } from 'firebase-admin/firestore';
import { AppError, isAppError } from '../errors.ts';

/**
 * A run (a rotation, an offboarding, a bonus month) is worked on by one process at a time: the one
 * holding its lease, an owner and an expiry time on the run's own document. The holder renews it
 * while it lives; a holder killed mid-run stops renewing, and once the lease has run out the next
 * delivery takes the run over and finishes it. Cloud Scheduler retries no sooner than ten minutes
 * later, well after a dead holder's lease has expired.
 */
export const runLeaseMs = 2 * 60_000;
const renewEveryMs = runLeaseMs / 4;

/** Where a run document keeps its lease. */
export type LeaseFields = { owner: string; until: string };

/** The answer to a delivery that finds its run in another live process's hands: it did nothing. */
export function alreadyRunning(what: string, until: number): AppError {
  const leaseUntil = new Date(until).toISOString();
  return new AppError(
    'conflict',
    `${what} is already being worked on by another delivery (until ${leaseUntil} at the latest, unless it renews); this one did nothing`,
    {
      details: { alreadyRunning: true, leaseUntil },
    },
  );
}

/** A holder whose lease ran out (it stalled) and whose run another delivery took over. */
export function takenOver(what: string): AppError {
  return new AppError(
    'conflict',
    `${what} was taken over by another delivery while this one stalled (its lease had run out); that one finishes it`,
    {
      details: { alreadyRunning: true },
    },
  );
}

export function isAlreadyRunning(e: unknown): boolean {
  return isAppError(e) && e.code === 'conflict' && e.details.alreadyRunning === true;
}

/** Whether a lease read from a run document is held by someone else and still alive at `now`. */
export function heldByAnother(
  data: Record<string, unknown> | undefined,
  fields: LeaseFields,
  owner: string,
  now: number,
): number | undefined {
  const holder = data?.[fields.owner];
  const until = data?.[fields.until];
  return typeof holder === 'string' && holder !== owner && typeof until === 'number' && until > now ? until : undefined;
}

export type LeaseKeeper = {
  /** Another process took the run over (this one's lease had run out): stop working on it. */
  lost: () => boolean;
  /** Stops renewing; with `release`, lets the next delivery take over at once (a clean stop or a failure, not a crash). */
  stop: (release: boolean) => Promise<void>;
};

/** Renews the lease every quarter of its length while the run goes on. */
export function keepLease(db: Firestore, ref: DocumentReference, fields: LeaseFields, owner: string, now: () => number): LeaseKeeper {
  let lost = false;
  let renewing: Promise<void> = Promise.resolve();
  const renew = () =>
    db.runTransaction(async (tx) => {
      const snap = await tx.get(ref);
      if (snap.get(fields.owner) !== owner) {
        lost = true;
        return;
      }
      tx.update(ref, { [fields.until]: now() + runLeaseMs });
    });
  const timer = setInterval(() => {
    // A failed renewal is tried again at the next tick; the lease outlives three misses.
    renewing = renewing.then(renew).catch(() => undefined);
  }, renewEveryMs);
  timer.unref();
  return {
    lost: () => lost,
    async stop(release) {
      clearInterval(timer);
      await renewing;
      if (!release || lost) return;
      await db
        .runTransaction(async (tx) => {
          const snap = await tx.get(ref);
          if (snap.exists && snap.get(fields.owner) === owner) tx.update(ref, { [fields.until]: 0 });
        })
        .catch(() => undefined);
    },
  };
}
