import type { Firestore } from 'firebase-admin/firestore';
import { AppError } from '../errors.ts';
import { openFirestore } from '../store/db.ts';

/** What a command needs from the outside world; tests pass their own streams and database. */
export type CommandContext = {
  db: () => Firestore;
  out: (text: string) => void;
  err: (text: string) => void;
  now: () => Date;
};

export function defaultContext(): CommandContext {
  let db: Firestore | undefined;
  return {
    db: () => {
      if (
        !process.env.FIRESTORE_EMULATOR_HOST &&
        !process.env.GOOGLE_APPLICATION_CREDENTIALS &&
        !process.env.GOOGLE_CLOUD_PROJECT &&
        !process.env.GCLOUD_PROJECT
      ) {
        throw new AppError(
          'unavailable',
          'no database: set FIRESTORE_EMULATOR_HOST (e.g. start `clientbase emulator`) or GOOGLE_CLOUD_PROJECT with Google credentials',
        );
      }
      return (db ??= openFirestore());
    },
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    now: () => new Date(),
  };
}
