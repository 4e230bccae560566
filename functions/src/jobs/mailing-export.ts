import type { DocumentSnapshot, Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { toCsv } from '../core/consent/mailing-csv.ts';
import { selectForMailing, type MailingCandidate, type MailingSkip } from '../core/consent/mailing-eligibility.ts';
import { issueUnsubscribeToken } from '../core/consent/unsubscribe-token.ts';
import { unsubscribeConfigFromEnv, unsubscribeLink } from '../consent-http/unsubscribe-config.ts';
import { AppError, parseOrThrow } from '../errors.ts';
import type { ClientDoc } from '../schema/client.ts';
import { boundedText, isoDateSchema } from '../schema/common.ts';
import { channelSchema, type Channel } from '../schema/consent.ts';
import { writeAudit } from '../store/audit-store.ts';
import { collections, timeOrderedId } from '../store/collections.ts';
import { readRules } from '../store/rules-store.ts';

export type MailingRow = { clientId: string; name: string; channel: Channel; address: string; unsubscribeToken: string; unsubscribeUrl: string };

export const mailingCsvHeader = ['client_id', 'name', 'channel', 'address', 'unsubscribe_url'] as const;

const inputSchema = z.object({ channel: channelSchema, at: isoDateSchema, by: boundedText(200).min(1, 'must not be empty') }).strict();

/** Clients per transaction: the marks of a page are read and written together. */
const pageSize = 200;

function markId(clientId: string, channel: Channel): string {
  return `${clientId}_${channel}`;
}

/**
 * Exports the mailing list of one channel: only clients whose consent is granted, not withdrawn
 * and not dead, and who were not put on a list of this channel within the cadence (rules.mailing).
 * Each contact taken is marked in the same transaction that re-reads its consent and its mark,
 * so two exports, even concurrent ones, never both hand out one contact within the window; a
 * consent withdrawn while the export runs is honoured. A crash half-way leaves the contacts taken
 * so far marked (and listed under the export), so a re-run never mails them twice. The caller
 * checks that `by` is an admin; every export, ok or failed, is audit-logged.
 */
export async function exportMailingList(
  db: Firestore,
  input: { channel: 'sms' | 'email'; at: string; by: string },
): Promise<{ exportId: string; rows: MailingRow[]; csv: string; cadenceDays: number }> {
  const { channel, at, by } = parseOrThrow(inputSchema, input, 'mailing export');
  const config = unsubscribeConfigFromEnv();
  if (config.url === undefined) throw new AppError('unavailable', 'unsubscribe links are not configured: set UNSUBSCRIBE_URL to the public URL of the unsubscribe function');
  const url = config.url;
  const { rules } = await readRules(db);
  const cadenceDays = channel === 'sms' ? rules.mailing.smsCadenceDays : rules.mailing.emailCadenceDays;
  const exportId = `${channel}-${timeOrderedId(at)}`;
  const exportRef = db.collection(collections.mailingExports).doc(exportId);
  await exportRef.create({ exportId, channel, at, by, cadenceDays, status: 'running' });
  const rows: MailingRow[] = [];
  const skipped: Record<MailingSkip['reason'], number> = { 'no-consent': 0, withdrawn: 0, dead: 0, 'no-address': 0, cadence: 0 };
  try {
    let after: DocumentSnapshot | undefined;
    for (;;) {
      let query = db.collection(collections.clients).where(`mailable.${channel}`, '==', true).orderBy('__name__').limit(pageSize);
      if (after !== undefined) query = query.startAfter(after);
      const page = await query.get();
      if (page.empty) break;
      after = page.docs[page.docs.length - 1];
      const picked = await db.runTransaction(async (tx) => {
        const clientRefs = page.docs.map((d) => d.ref);
        const markRefs = page.docs.map((d) => db.collection(collections.mailingMarks).doc(markId(d.id, channel)));
        const snaps = await tx.getAll(...clientRefs, ...markRefs);
        const candidates: MailingCandidate[] = [];
        page.docs.forEach((_, i) => {
          const client = snaps[i]!;
          if (!client.exists) return;
          const c = client.data() as ClientDoc;
          candidates.push({ id: c.id, name: c.name, phones: c.phones, emails: c.emails, consents: c.consents, lastExportAt: snaps[page.docs.length + i]!.get('lastExportAt') as string | undefined });
        });
        const selection = selectForMailing(candidates, { channel, at, cadenceDays });
        for (const p of selection.picked) {
          tx.set(db.collection(collections.mailingMarks).doc(markId(p.clientId, channel)), { clientId: p.clientId, channel, lastExportAt: at, exportId });
          tx.set(exportRef.collection('contacts').doc(p.clientId), { clientId: p.clientId, address: p.address, at });
        }
        return selection;
      });
      for (const s of picked.skipped) skipped[s.reason]++;
      for (const p of picked.picked) {
        const token = issueUnsubscribeToken(config.secret, { clientId: p.clientId, channel, address: p.address, issuedAt: Date.parse(at) });
        rows.push({ clientId: p.clientId, name: p.name, channel, address: p.address, unsubscribeToken: token, unsubscribeUrl: unsubscribeLink(url, token) });
      }
      if (page.size < pageSize) break;
    }
  } catch (e) {
    await exportRef.update({ status: 'failed', count: rows.length });
    await writeAudit(db, { at, actor: by, action: 'mailing.export', outcome: 'failed', target: exportId, details: { channel, count: rows.length, error: (e as Error).message?.slice(0, 500) ?? String(e) } });
    throw e;
  }
  await exportRef.update({ status: 'done', count: rows.length, skipped });
  await writeAudit(db, { at, actor: by, action: 'mailing.export', outcome: 'ok', target: exportId, details: { channel, count: rows.length, cadenceDays, skipped } });
  const csv = toCsv(
    mailingCsvHeader,
    rows.map((r) => [r.clientId, r.name, r.channel, r.address, r.unsubscribeUrl]),
    new Set(channel === 'email' ? [1, 3] : [1]),
  );
  return { exportId, rows, csv, cadenceDays };
}
