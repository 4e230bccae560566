import type { Firestore } from 'firebase-admin/firestore';
import { asClientChanges, restoreChanges, type RestorePoint } from '../core/client-restore.ts';
import { AppError } from '../errors.ts';
import { editClient, readClientInScope, type EditOutcome } from '../store/client-edit-store.ts';
import { readHistory, type Actor } from '../store/client-store.ts';
import { readRules } from '../store/rules-store.ts';

export type RestoreOutcome = { undone: string[]; changed: string[]; outcome: EditOutcome | undefined };

/**
 * The admin puts a client's fields back as they were at a point of its history, in one edit: read
 * the client and its history, undo the edits after the point, save that as an edit of the version
 * read (a newer edit meanwhile answers a conflict). The edit is audited and kept in the history like any other.
 */
export async function restoreClient(
  db: Firestore,
  input: { clientId: string; point: RestorePoint; actor: Actor },
): Promise<RestoreOutcome> {
  const client = await readClientInScope(db, input.clientId, 'any');
  const plan = restoreChanges(client, await readHistory(db, input.clientId), input.point);
  if (plan.status === 'unknown-entry') {
    throw new AppError('invalid-input', 'no such history entry on this client', {
      issues: [{ path: 'historyEntryId', message: `is not an entry of client ${input.clientId}'s history` }],
    });
  }
  const changed = Object.keys(plan.changes);
  if (changed.length === 0) return { undone: plan.undone, changed, outcome: undefined };
  const outcome = await editClient(db, {
    clientId: input.clientId,
    version: client.version,
    changes: asClientChanges(plan.changes),
    scope: 'any',
    actor: input.actor,
    mayReinstate: true,
    action: 'restore client',
    timeZone: (await readRules(db)).rules.timeZone,
  });
  return { undone: plan.undone, changed, outcome };
}
