import type { Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { toCsv } from '../core/consent/mailing-csv.ts';
import type { MailingSkip } from '../core/consent/mailing-eligibility.ts';
import { issueUnsubscribeToken } from '../core/consent/unsubscribe-token.ts';
import { unsubscribeConfigFromEnv, unsubscribeLink } from '../consent-http/unsubscribe-config.ts';
import { AppError, parseOrThrow } from '../errors.ts';
import { boundedText, isoDateSchema } from '../schema/common.ts';
import { channelSchema, type Channel } from '../schema/consent.ts';
import { writeAudit } from '../store/audit-store.ts';
import { timeOrderedId } from '../store/collections.ts';
import { finishMailingExport, startMailingExport, takeMailingPage } from '../store/mailing-store.ts';
import { readRules } from '../store/rules-store.ts';

export type MailingRow = {
  clientId: string;
  name: string;
  channel: Channel;
  address: string;
  unsubscribeToken: string;
  unsubscribeUrl: string;
};

export const mailingCsvHeader = ['client_id', 'name', 'channel', 'address', 'unsubscribe_url'] as const;

const inputSchema = z.object({ channel: channelSchema, at: isoDateSchema, by: boundedText(200).min(1, 'must not be empty') }).strict();

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
  if (config.url === undefined)
    throw new AppError(
      'unavailable',
      'unsubscribe links are not configured: set UNSUBSCRIBE_URL to the public URL of the unsubscribe function',
    );
  const url = config.url;
  const { rules } = await readRules(db);
  const cadenceDays = channel === 'sms' ? rules.mailing.smsCadenceDays : rules.mailing.emailCadenceDays;
  const exportId = `${channel}-${timeOrderedId(at)}`;
  await startMailingExport(db, { exportId, channel, at, by, cadenceDays });
  const rows: MailingRow[] = [];
  const skipped: Record<MailingSkip['reason'], number> = { 'no-consent': 0, withdrawn: 0, dead: 0, 'no-address': 0, cadence: 0 };
  try {
    let after: string | undefined;
    let more = true;
    while (more) {
      const page = await takeMailingPage(db, { exportId, channel, at, cadenceDays, after });
      for (const s of page.skipped) skipped[s.reason]++;
      for (const p of page.picked) {
        const token = issueUnsubscribeToken(config.secret, { clientId: p.clientId, channel, address: p.address, issuedAt: Date.parse(at) });
        rows.push({
          clientId: p.clientId,
          name: p.name,
          channel,
          address: p.address,
          unsubscribeToken: token,
          unsubscribeUrl: unsubscribeLink(url, token),
        });
      }
      after = page.last;
      more = page.more;
    }
  } catch (e) {
    await finishMailingExport(db, exportId, { status: 'failed', count: rows.length });
    await writeAudit(db, {
      at,
      actor: by,
      action: 'mailing.export',
      outcome: 'failed',
      target: exportId,
      details: { channel, count: rows.length, error: (e as Error).message?.slice(0, 500) ?? String(e) },
    });
    throw e;
  }
  await finishMailingExport(db, exportId, { status: 'done', count: rows.length, skipped });
  await writeAudit(db, {
    at,
    actor: by,
    action: 'mailing.export',
    outcome: 'ok',
    target: exportId,
    details: { channel, count: rows.length, cadenceDays, skipped },
  });
  const csv = toCsv(
    mailingCsvHeader,
    rows.map((r) => [r.clientId, r.name, r.channel, r.address, r.unsubscribeUrl]),
    new Set(channel === 'email' ? [1, 3] : [1]),
  );
  return { exportId, rows, csv, cadenceDays };
}
