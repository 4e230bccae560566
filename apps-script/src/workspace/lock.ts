import { UserError } from './feedback.ts';
import type { ActionContext } from './session.ts';

/** How long an action waits for another one in the same spreadsheet before saying so. */
const waitMs = 30_000;

/**
 * Every write to the sheet happens under the document lock, so two actions started from the same
 * spreadsheet (a refresh and a save, two tabs) never interleave their reads and writes.
 */
export function withDocumentLock<T>(session: ActionContext, work: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock?.tryLock(waitMs)) throw new UserError(session.m.errors.busy);
  try {
    return work();
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}
