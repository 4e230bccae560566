import type { Firestore } from 'firebase-admin/firestore';
import { AppError } from '../errors.ts';
import { collections } from './collections.ts';

/**
 * Whether the database answers: one document read (the rules), bounded by `timeoutMs` so a stalled
 * database makes a health check fail fast instead of hanging the prober.
 */
export async function checkDatabase(db: Firestore, timeoutMs = 5000): Promise<{ millis: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('unavailable', `the database did not answer within ${timeoutMs / 1000}s`)), timeoutMs);
  });
  try {
    await Promise.race([db.collection(collections.config).doc('rules').get(), timeout]);
  } catch (e) {
    throw e instanceof AppError
      ? e
      : new AppError('unavailable', `the database refused the health read: ${(e as Error).message?.split('\n')[0]}`, { cause: e });
  } finally {
    clearTimeout(timer);
  }
  return { millis: Date.now() - started };
}
