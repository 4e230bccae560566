import type { ListKind } from '../core/consent/mailing-csv.ts';
import { FieldPath, type Firestore } from 'firebase-admin/firestore';
import {
  selectForConfirmation,
  selectForMailing,
  type ConfirmationCandidate,
  type ConfirmationSkip,
  type MailingPick,
  type MailingSkip,
} from '../core/consent/mailing-eligibility.ts';
import type { ClientDoc } from '../schema/client.ts';
import type { Channel } from '../schema/consent.ts';
import { collections } from './collections.ts';

/** Clients per transaction: the marks of a page are read and written together. */
const pageSize = 200;

function markId(clientId: string, channel: Channel): string {
  return `${clientId}_${channel}`;
}

const exportRef = (db: Firestore, exportId: string) => db.collection(collections.mailingExports).doc(exportId);

export type ListSkip = MailingSkip | ConfirmationSkip;

export type MailingExportRecord = { exportId: string; kind: ListKind; channel: Channel; at: string; by: string; cadenceDays: number };

export async function startMailingExport(db: Firestore, record: MailingExportRecord): Promise<void> {
  await exportRef(db, record.exportId).create({ ...record, status: 'running' });
}

export async function finishMailingExport(
  db: Firestore,
  exportId: string,
  outcome: { status: 'done' | 'failed'; count: number; skipped?: Partial<Record<ListSkip['reason'], number>> },
): Promise<void> {
  await exportRef(db, exportId).update(outcome);
}

/**
 * Takes the contacts of the next page of clients listable on the channel (after the client id
 * `after`): mailable ones for a mailing, ones awaiting confirmation for confirmation requests. In
 * one transaction it re-reads each client's consent and its mark, picks those the rules allow now,
 * and marks them and lists them under the export, so two exports, even concurrent ones, never
 * both take one contact within the cadence. Both kinds share the mark: a confirmation request is
 * a message too, and the mark counts the requests sent. `more` says whether another page may follow.
 */
export async function takeMailingPage(
  db: Firestore,
  input: { exportId: string; kind: ListKind; channel: Channel; at: string; cadenceDays: number; after: string | undefined },
): Promise<{ picked: MailingPick[]; skipped: ListSkip[]; last: string | undefined; more: boolean }> {
  const { exportId, kind, channel, at, cadenceDays } = input;
  const flag = kind === 'mailing' ? `mailable.${channel}` : `awaitingConfirmation.${channel}`;
  let query = db.collection(collections.clients).where(flag, '==', true).orderBy(FieldPath.documentId()).limit(pageSize);
  if (input.after !== undefined) query = query.startAfter(input.after);
  const page = await query.get();
  if (page.empty) return { picked: [], skipped: [], last: undefined, more: false };
  const selection = await db.runTransaction(async (tx) => {
    const clientRefs = page.docs.map((d) => d.ref);
    const markRefs = page.docs.map((d) => db.collection(collections.mailingMarks).doc(markId(d.id, channel)));
    const snaps = await tx.getAll(...clientRefs, ...markRefs);
    const candidates: ConfirmationCandidate[] = [];
    page.docs.forEach((_, i) => {
      const client = snaps[i]!;
      if (!client.exists) return;
      const c = client.data() as ClientDoc;
      const mark = snaps[page.docs.length + i]!;
      candidates.push({
        id: c.id,
        name: c.name,
        phones: c.phones,
        emails: c.emails,
        consents: c.consents,
        lastExportAt: mark.get('lastExportAt') as string | undefined,
        confirmationRequests: mark.get('confirmationRequests') as number | undefined,
      });
    });
    const options = { channel, at, cadenceDays };
    const chosen = kind === 'mailing' ? selectForMailing(candidates, options) : selectForConfirmation(candidates, options);
    const requests = new Map(candidates.map((c) => [c.id, c.confirmationRequests ?? 0]));
    for (const p of chosen.picked) {
      tx.set(
        db.collection(collections.mailingMarks).doc(markId(p.clientId, channel)),
        {
          clientId: p.clientId,
          channel,
          lastExportAt: at,
          exportId,
          ...(kind === 'confirmation' ? { confirmationRequests: (requests.get(p.clientId) ?? 0) + 1 } : {}),
        },
        { merge: true },
      );
      tx.set(exportRef(db, exportId).collection('contacts').doc(p.clientId), { clientId: p.clientId, address: p.address, at });
    }
    return chosen;
  });
  return { ...selection, last: page.docs[page.docs.length - 1]!.id, more: page.size === pageSize };
}
