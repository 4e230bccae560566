import type { Firestore } from 'firebase-admin/firestore';
import { z } from 'zod';
import { type ConfirmationRow, type ListKind, type MailingRow, toCsv } from '../core/consent/mailing-csv.ts';
import type { MailingPick } from '../core/consent/mailing-eligibility.ts';
import { issueConsentToken } from '../core/consent/unsubscribe-token.ts';
import { confirmLink, unsubscribeConfigFromEnv, unsubscribeLink } from '../consent-http/unsubscribe-config.ts';
import { AppError, parseOrThrow } from '../errors.ts';
import { boundedText, isoDateSchema } from '../schema/common.ts';
import { channelSchema, type Channel } from '../schema/consent.ts';
import { writeAudit } from '../store/audit-store.ts';
import { timeOrderedId } from '../store/collections.ts';
import { finishMailingExport, startMailingExport, takeMailingPage, type ListSkip } from '../store/mailing-store.ts';
import { readRules } from '../store/rules-store.ts';

type ListRow = Omit<MailingRow, 'unsubscribeToken' | 'unsubscribeUrl'>;
export type { ConfirmationRow, MailingRow };

export const mailingCsvHeader = ['client_id', 'name', 'channel', 'address', 'unsubscribe_url'] as const;
export const confirmationCsvHeader = ['client_id', 'name', 'channel', 'address', 'confirm_url'] as const;

const inputSchema = z.object({ channel: channelSchema, at: isoDateSchema, by: boundedText(200).min(1, 'must not be empty') }).strict();
type ListInput = { channel: 'sms' | 'email'; at: string; by: string };
type ListResult<R> = { exportId: string; rows: R[]; csv: string; cadenceDays: number };

/**
 * Exports the mailing list of one channel: only clients whose consent is granted, not withdrawn
 * and not dead, and who were not put on a list of this channel within the cadence (rules.mailing).
 * Each contact taken is marked in the same transaction that re-reads its consent and its mark,
 * so two exports, even concurrent ones, never both hand out one contact within the window; a
 * consent withdrawn while the export runs is honoured. A crash half-way leaves the contacts taken
 * so far marked (and listed under the export), so a re-run never mails them twice. The caller
 * checks that `by` is an admin; every export, ok or failed, is audit-logged.
 */
export async function exportMailingList(db: Firestore, input: ListInput): Promise<ListResult<MailingRow>> {
  return exportList(db, 'mailing', input, (secret, url, base) => {
    const token = issueConsentToken(secret, 'unsubscribe', base);
    return { unsubscribeToken: token, unsubscribeUrl: unsubscribeLink(url, token) };
  });
}

/**
 * Exports the confirmation requests of one channel (double opt-in): the public sign-ups still
 * pending, each row with the link that confirms it, to be sent to the address the sign-up gave.
 * Same marks, cadence and audit as a mailing list; a contact is asked at most
 * `maxConfirmationRequests` times, then stays pending and is never mailed.
 */
export async function exportConfirmationList(db: Firestore, input: ListInput): Promise<ListResult<ConfirmationRow>> {
  return exportList(db, 'confirmation', input, (secret, url, base) => {
    const token = issueConsentToken(secret, 'confirm', base);
    return { confirmToken: token, confirmUrl: confirmLink(url, token) };
  });
}

async function exportList<L extends Record<string, string>>(
  db: Firestore,
  kind: ListKind,
  input: ListInput,
  link: (secret: string, url: string, base: { clientId: string; channel: Channel; address: string; issuedAt: number }) => L,
): Promise<ListResult<ListRow & L>> {
  const { channel, at, by } = parseOrThrow(inputSchema, input, kind === 'mailing' ? 'mailing export' : 'confirmation export');
  const config = unsubscribeConfigFromEnv();
  if (config.url === undefined)
    throw new AppError(
      'unavailable',
      'unsubscribe links are not configured: set UNSUBSCRIBE_URL to the public URL of the unsubscribe function',
    );
  const url = config.url;
  const { rules } = await readRules(db);
  const cadenceDays = channel === 'sms' ? rules.mailing.smsCadenceDays : rules.mailing.emailCadenceDays;
  const exportId = `${channel}-${kind === 'mailing' ? '' : 'confirm-'}${timeOrderedId(at)}`;
  const action = kind === 'mailing' ? 'mailing.export' : 'mailing.confirmations';
  await startMailingExport(db, { exportId, kind, channel, at, by, cadenceDays });
  const rows: (ListRow & L)[] = [];
  const skipped: Partial<Record<ListSkip['reason'], number>> = {};
  const rowOf = (p: MailingPick): ListRow & L => ({
    clientId: p.clientId,
    name: p.name,
    channel,
    address: p.address,
    ...link(config.secret, url, { clientId: p.clientId, channel, address: p.address, issuedAt: Date.parse(at) }),
  });
  try {
    let after: string | undefined;
    let more = true;
    while (more) {
      const page = await takeMailingPage(db, { exportId, kind, channel, at, cadenceDays, after });
      for (const s of page.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
      rows.push(...page.picked.map(rowOf));
      after = page.last;
      more = page.more;
    }
  } catch (e) {
    await finishMailingExport(db, exportId, { status: 'failed', count: rows.length });
    await writeAudit(db, {
      at,
      actor: by,
      action,
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
    action,
    outcome: 'ok',
    target: exportId,
    details: { channel, count: rows.length, cadenceDays, skipped },
  });
  const csv = toCsv(
    kind === 'mailing' ? mailingCsvHeader : confirmationCsvHeader,
    rows.map((r) => [r.clientId, r.name, r.channel, r.address, r[kind === 'mailing' ? 'unsubscribeUrl' : 'confirmUrl'] ?? '']),
    new Set(channel === 'email' ? [1, 3] : [1]),
  );
  return { exportId, rows, csv, cadenceDays };
}
