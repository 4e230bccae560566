import { FieldValue, Timestamp, type Firestore } from 'firebase-admin/firestore';
import { collections } from './collections.ts';

export type RateDecision = { allowed: boolean; count: number; retryAfterSeconds: number };

/**
 * A fixed window counter per key (a client IP) in `rateLimits/{key}_{window}`. The increment is
 * atomic and needs no transaction, so a flood from one address does not turn into transaction
 * contention; a concurrent request can only make the count higher, never let one more through.
 * `expireAt` is for a Firestore TTL policy that deletes old windows.
 */
export async function hitRateLimit(
  db: Firestore,
  input: { key: string; limit: number; windowSeconds: number; now: Date },
): Promise<RateDecision> {
  const windowMs = input.windowSeconds * 1000;
  const window = Math.floor(input.now.getTime() / windowMs);
  const safeKey = input.key.replace(/[^A-Za-z0-9.:-]/g, '_').slice(0, 100) || 'unknown';
  const ref = db.collection(collections.rateLimits).doc(`${safeKey}_${window}`);
  await ref.set(
    { key: safeKey, count: FieldValue.increment(1), expireAt: Timestamp.fromMillis((window + 1) * windowMs + 3_600_000) },
    { merge: true },
  );
  const count = ((await ref.get()).get('count') as number | undefined) ?? 1;
  const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - input.now.getTime()) / 1000));
  return { allowed: count <= input.limit, count, retryAfterSeconds };
}
