import type { Firestore } from 'firebase-admin/firestore';
import { isRotatable } from '../../functions/src/core/client-derivation.ts';
import type { ClientDoc } from '../../functions/src/schema/client.ts';
import { contactKeyId } from '../../functions/src/store/collections.ts';

export type BookOptions = {
  managerId: string;
  count: number;
  /** Id prefix, so several books live in one base. */
  prefix?: string;
  /** Today: deals are dated before it. */
  today: string;
  /** How many of the book (the first ones) are rotation candidates today: held two years, no deal since. */
  stale?: number;
  /**
   * Also claim the contact keys (twice the writes): only needed when a test creates a client that
   * must be refused as a duplicate of a seeded one.
   */
  contactKeys?: boolean;
};

/**
 * A manager's book of clients written straight to Firestore with an unthrottled BulkWriter (10,000
 * in about five seconds on the emulator), shaped as the importer writes them: derived fields,
 * contact keys, a deal summary. Phones are unique per id so duplicates never collide by accident.
 */
export async function seedBook(db: Firestore, options: BookOptions): Promise<string[]> {
  const prefix = options.prefix ?? options.managerId;
  // Unthrottled: BulkWriter's default ramp (500 writes/s) is for production, not the emulator.
  const writer = db.bulkWriter({ throttling: false });
  const ids: string[] = [];
  const [y, m] = options.today.split('-').map(Number) as [number, number];
  for (let i = 0; i < options.count; i++) {
    const id = `${prefix}-${String(i).padStart(5, '0')}`;
    ids.push(id);
    const stale = i < (options.stale ?? 0);
    // Spread over the last 300 days, so "sort by last deal" reorders the sheet.
    const dealDay = new Date(Date.UTC(y, m - 1, 1 - ((i * 7919) % 300))).toISOString().slice(0, 10);
    const phone = `+7916${String(hashOf(prefix) % 100).padStart(2, '0')}${String(i).padStart(5, '0')}`;
    const doc: ClientDoc = {
      id,
      name: `Client ${id}`,
      kind: i % 3 === 0 ? 'company' : 'person',
      size: i % 50 === 0 ? 'large' : 'regular',
      phones: [phone],
      emails: i % 4 === 0 ? [`${id}@example.com`] : [],
      managerId: options.managerId,
      assignedAt: stale ? `${y - 2}-01-10` : `${y - 1}-01-10`,
      attractedBy: options.managerId,
      createdAt: `${y - 2}-01-10`,
      contactKeys: [`phone:${phone}`, ...(i % 4 === 0 ? [`email:${id}@example.com`] : [])],
      dealCount: stale ? 0 : 1 + (i % 5),
      dealsSinceAssignment: stale ? 0 : 1,
      firstDealAt: stale ? null : dealDay,
      lastDealAt: stale ? null : dealDay,
      rotatable: true,
      version: 1,
      updatedAt: `${y - 1}-01-10T00:00:00.000Z`,
    };
    doc.rotatable = isRotatable(doc);
    void writer.set(db.collection('clients').doc(id), doc);
    if (options.contactKeys)
      for (const key of doc.contactKeys) void writer.set(db.collection('contactKeys').doc(contactKeyId(key)), { clientId: id, key });
  }
  await writer.close();
  return ids;
}

function hashOf(text: string): number {
  let h = 7;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) % 1_000_003;
  return h;
}
