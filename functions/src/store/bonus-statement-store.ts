import type { DocumentReference, DocumentSnapshot, Firestore } from 'firebase-admin/firestore';
import type { Statement, StatementLine } from '../core/bonus/types.ts';
import { collections } from './collections.ts';
import { chunks, pacedBulkWriter } from './db.ts';

// `statements/{month}_{managerId}` and their `parts`: each manager's statement of a month.

/** A statement as stored in `statements/{month}_{managerId}`. */
export type StoredStatement = Statement & {
  closed: boolean;
  computedAt: string;
  computedBy: string;
  runId: string;
  rulesVersion: number;
  parts: number;
};

/**
 * A statement holds its lines in its own document; past this many (a manager with thousands of
 * deals in a month) they go to `statements/{id}/parts/{n}` so no document nears Firestore's 1 MiB.
 */
export const linesPerPart = 1000;

const statementRef = (db: Firestore, month: string, managerId: string) =>
  db.collection(collections.statements).doc(`${month}_${managerId}`);
const partId = (index: number) => String(index).padStart(4, '0');

async function hydrate(snap: DocumentSnapshot): Promise<StoredStatement> {
  const stored = snap.data() as StoredStatement;
  // Statements stored before deals of record had nothing awaiting confirmation.
  const doc = { ...stored, totals: { ...stored.totals, awaiting: stored.totals?.awaiting ?? 0 } };
  if (!doc.parts) return doc;
  const parts = await snap.ref.collection('parts').orderBy('index').get();
  return { ...doc, lines: parts.docs.flatMap((p) => p.get('lines') as StatementLine[]) };
}

/** Some managers' stored statements of a month (those that exist). */
export async function readStatementsOf(db: Firestore, month: string, managerIds: ReadonlyArray<string>): Promise<StoredStatement[]> {
  if (managerIds.length === 0) return [];
  const snaps = await db.getAll(...managerIds.map((id) => statementRef(db, month, id)));
  return Promise.all(snaps.filter((s) => s.exists).map(hydrate));
}

/** A month's stored statements, by manager id. */
export async function readStatements(db: Firestore, month: string): Promise<StoredStatement[]> {
  const snap = await db.collection(collections.statements).where('month', '==', month).get();
  const list = await Promise.all(snap.docs.map(hydrate));
  return list.sort((a, b) => (a.managerId < b.managerId ? -1 : 1));
}

export async function readStatement(db: Firestore, key: { month: string; managerId: string }): Promise<StoredStatement | undefined> {
  const snap = await statementRef(db, key.month, key.managerId).get();
  return snap.exists ? hydrate(snap) : undefined;
}

/**
 * Replaces a month's statements whole: one document per manager (long ones in parts), parts no
 * longer needed and statements of managers who have no line any more are deleted.
 */
export async function writeStatements(
  db: Firestore,
  month: string,
  statements: Statement[],
  meta: Pick<StoredStatement, 'computedAt' | 'computedBy' | 'runId' | 'rulesVersion'>,
): Promise<void> {
  const previous = await db.collection(collections.statements).where('month', '==', month).select('parts').get();
  const previousParts = new Map(previous.docs.map((d) => [d.id, (d.get('parts') as number | undefined) ?? 0]));
  const writer = pacedBulkWriter(db);
  for (const s of statements) {
    const ref = statementRef(db, month, s.managerId);
    const split = s.lines.length > linesPerPart ? chunks(s.lines, linesPerPart) : [];
    const doc: StoredStatement = { ...s, lines: split.length > 0 ? [] : s.lines, closed: false, ...meta, parts: split.length };
    split.forEach((lines, index) => void writer.set(ref.collection('parts').doc(partId(index)), { index, lines }));
    for (let i = split.length; i < (previousParts.get(ref.id) ?? 0); i++) void writer.delete(ref.collection('parts').doc(partId(i)));
    void writer.set(ref, doc);
    previousParts.delete(ref.id);
  }
  for (const [id, parts] of previousParts) {
    const ref = db.collection(collections.statements).doc(id);
    for (let i = 0; i < parts; i++) void writer.delete(ref.collection('parts').doc(partId(i)));
    void writer.delete(ref);
  }
  await writer.close();
}

/** The statements of a month, by reference: closing the month closes them in the same transaction. */
export async function statementRefsOf(db: Firestore, month: string): Promise<DocumentReference[]> {
  return (await db.collection(collections.statements).where('month', '==', month).select().get()).docs.map((d) => d.ref);
}
