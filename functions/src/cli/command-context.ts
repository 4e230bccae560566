import type { Firestore } from 'firebase-admin/firestore';
import { AppError, isAppError } from '../errors.ts';
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

/** Exit status: 2 for invalid input (the user can fix it), 1 for anything else. */
export function exitCodeFor(error: unknown): number {
  return isAppError(error) && (error.code === 'invalid-input' || error.code === 'duplicate') ? 2 : 1;
}

/** Prints an error with every field problem on its own line: `clients[17].phones[0]: not a valid phone number`. */
export function describeError(error: unknown): string {
  if (!isAppError(error)) return `error: ${(error as Error)?.message ?? String(error)}`;
  const lines = [`error: ${error.message}`];
  for (const issue of error.issues) lines.push(`  ${issue.path}: ${issue.message}`);
  if (error.code === 'invalid-input') lines.push('Nothing was written. Fix the fields above and run the command again.');
  return lines.join('\n');
}
