import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import type { OverdueAlert, ReportTab, RunRecord } from '../core/reports/run-report.ts';
import { collections } from './collections.ts';
import type { HandoverTask } from './handover-store.ts';

/**
 * `runReports/{key}`: each scheduled run's outcome, and until it reaches the reports spreadsheet,
 * its tabs (`runReports/{key}/tabs/{n}`, the rows as JSON in pieces, since Firestore holds no nested
 * arrays and at most 1 MiB a document). A publish that failed leaves the record `pending`, and the
 * next run publishes it, so the spreadsheet catches up without any job being run again.
 */
export type Publication = 'pending' | 'published';
export type StoredRunReport = RunRecord & {
  publication: Publication;
  attempts: number;
  lastPublishError?: string;
  tabParts: number;
  publishedAt?: string;
};

/** Characters per piece: at most 3 UTF-8 bytes each, so a piece stays under Firestore's 1 MiB. */
const charsPerPart = 300_000;

function pieces(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + charsPerPart);
    // Never cut between the two halves of a surrogate pair: a lone half is not valid UTF-8.
    if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end]!)) end--;
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

function partId(n: number): string {
  return String(n).padStart(4, '0');
}

/** Records a run's outcome with its tabs, pending publication. Replaces an earlier record of the same run (a retried slot). */
export async function saveRunReport(db: Firestore, run: RunRecord, tabs: ReportTab[]): Promise<void> {
  const ref = db.collection(collections.runReports).doc(run.key);
  const parts = tabs.length === 0 ? [] : pieces(JSON.stringify(tabs));
  const previous = ((await ref.get()).get('tabParts') as number | undefined) ?? 0;
  const writer = db.bulkWriter();
  parts.forEach((json, n) => void writer.set(ref.collection('tabs').doc(partId(n)), { json }));
  for (let n = parts.length; n < previous; n++) void writer.delete(ref.collection('tabs').doc(partId(n)));
  await writer.flush();
  const doc: StoredRunReport = { ...run, publication: 'pending', attempts: 0, tabParts: parts.length };
  void writer.set(ref, doc);
  await writer.close();
}

async function tabsOf(db: Firestore, key: string, parts: number): Promise<ReportTab[]> {
  if (parts === 0) return [];
  const ref = db.collection(collections.runReports).doc(key);
  const snaps = await db.getAll(...Array.from({ length: parts }, (_, n) => ref.collection('tabs').doc(partId(n))));
  return JSON.parse(snaps.map((s) => (s.get('json') as string | undefined) ?? '').join('')) as ReportTab[];
}

function record(data: StoredRunReport): RunRecord {
  const { key, kind, slot, status, finishedAt, headline, error, tabs } = data;
  return { key, kind, slot, status, finishedAt, headline, ...(error !== undefined ? { error } : {}), tabs };
}

/** Runs not yet in the spreadsheet, oldest first, with their tabs. */
export async function readPendingRunReports(db: Firestore, limit = 20): Promise<Array<{ run: RunRecord; tabs: ReportTab[] }>> {
  const snap = await db.collection(collections.runReports).where('publication', '==', 'pending').limit(limit).get();
  const docs = snap.docs.map((d) => d.data() as StoredRunReport).sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
  return Promise.all(docs.map(async (d) => ({ run: record(d), tabs: await tabsOf(db, d.key, d.tabParts) })));
}

export async function markRunReportsPublished(db: Firestore, keys: string[], at: string): Promise<void> {
  const writer = db.bulkWriter();
  for (const key of keys) {
    const ref = db.collection(collections.runReports).doc(key);
    const parts = ((await ref.get()).get('tabParts') as number | undefined) ?? 0;
    for (let n = 0; n < parts; n++) void writer.delete(ref.collection('tabs').doc(partId(n)));
    void writer.update(ref, { publication: 'published', publishedAt: at, tabParts: 0 });
  }
  await writer.close();
}

export async function markRunReportsUnpublished(db: Firestore, keys: string[], error: string): Promise<void> {
  const writer = db.bulkWriter();
  for (const key of keys)
    void writer.update(db.collection(collections.runReports).doc(key), {
      attempts: FieldValue.increment(1),
      lastPublishError: error.slice(0, 1000),
    });
  await writer.close();
}

/** The latest runs, newest first, for the `Runs` tab. */
export async function readRecentRunReports(db: Firestore, limit = 100): Promise<RunRecord[]> {
  const snap = await db.collection(collections.runReports).orderBy('finishedAt', 'desc').limit(limit).get();
  return snap.docs.map((d) => record(d.data() as StoredRunReport));
}

/** Runs whose latest attempt failed: a later success of the same slot replaces the record and clears the alert. */
export async function readFailedRunReports(db: Firestore, limit = 100): Promise<RunRecord[]> {
  const snap = await db.collection(collections.runReports).where('status', '==', 'failed').limit(limit).get();
  return snap.docs.map((d) => record(d.data() as StoredRunReport));
}

/** Handover reports flagged overdue whose tasks are still open (equality filters only: no composite index needed). */
export async function readOverdueAlerts(db: Firestore, limit = 1000): Promise<OverdueAlert[]> {
  const snap = await db.collection(collections.tasks).where('status', '==', 'open').where('overdue', '==', true).limit(limit).get();
  return snap.docs.map((d) => {
    const t = d.data() as HandoverTask;
    return { taskId: t.id, clientId: t.clientId, managerId: t.managerId, dueDate: t.dueDate, flaggedAt: t.overdueAt ?? '' };
  });
}

/** Manager id → name, for readable reports. */
export async function readManagerNames(db: Firestore): Promise<Map<string, string>> {
  const snap = await db.collection(collections.managers).select('name').get();
  return new Map(snap.docs.map((d) => [d.id, String(d.get('name') ?? '')]));
}
