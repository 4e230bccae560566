import type { Firestore } from 'firebase-admin/firestore';
import type { ListKind } from '../core/consent/mailing-csv.ts';
import type { Channel } from '../schema/consent.ts';
import { exportConfirmationList, exportMailingList, type ConfirmationRow, type MailingRow } from './mailing-export.ts';

export type ContactListExport = {
  kind: ListKind;
  exportId: string;
  rows: Array<MailingRow | ConfirmationRow>;
  csv: string;
  cadenceDays: number;
};

/** One export of a channel's contacts: the mailing list, or the confirmation requests to pending sign-ups. */
export async function exportContactList(
  db: Firestore,
  input: { kind: ListKind; channel: Channel; by: string; at: string },
): Promise<ContactListExport> {
  const { kind, ...list } = input;
  const result = kind === 'confirmation' ? await exportConfirmationList(db, list) : await exportMailingList(db, list);
  return { kind, ...result };
}
