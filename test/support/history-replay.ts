import type { Firestore } from 'firebase-admin/firestore';
import { isDeepStrictEqual } from 'node:util';
import { editableClientFields, type ClientDoc } from '../../functions/src/schema/client.ts';
import type { HistoryEntry } from '../../functions/src/schema/history.ts';
import { collections } from '../../functions/src/store/collections.ts';

type Edit = Extract<HistoryEntry, { type: 'edit' }>;
type Transfer = Extract<HistoryEntry, { type: 'transfer' }>;

/** What the replay follows of a client: its own fields, its holder and its version. */
type Replayed = Record<string, unknown> & { managerId: string | null; version: number };

function replayable(doc: ClientDoc): Replayed {
  const out: Replayed = { managerId: doc.managerId, version: doc.version };
  for (const f of editableClientFields) out[f] = doc[f] ?? null;
  return out;
}

/**
 * Replays every client's history from the state it was in before the work (its import state) to
 * its state now, and says what does not add up. Every version the client went through must be
 * explained by exactly one entry: an edit carries the version it made, and a transfer takes the
 * next version no edit claims (rotation moves a client only at the version it planned on). An edit's
 * `before` values must be what the replay holds at that point (nothing was overwritten unseen), a
 * transfer must start from the holder the replay holds; at the end the replay must equal the stored
 * client. Entries of other kinds (deals, consents…) are not expected in the work replayed here.
 */
export async function replayProblems(db: Firestore, before: ReadonlyMap<string, ClientDoc>, since: string): Promise<string[]> {
  const problems: string[] = [];
  const entries = new Map<string, HistoryEntry[]>();
  for (const d of (await db.collectionGroup(collections.history).where('at', '>', since).get()).docs) {
    const e = d.data() as HistoryEntry;
    entries.set(e.clientId, [...(entries.get(e.clientId) ?? []), e]);
  }
  for (const snap of (await db.collection(collections.clients).get()).docs) {
    const now = snap.data() as ClientDoc;
    const initial = before.get(snap.id);
    if (!initial) {
      problems.push(`${snap.id}: not in the state replayed from`);
      continue;
    }
    const list = entries.get(snap.id) ?? [];
    const others = list.filter((e) => e.type !== 'edit' && e.type !== 'transfer');
    if (others.length > 0) problems.push(`${snap.id}: entries the replay does not follow: ${others.map((e) => e.type).join(', ')}`);
    const edits = new Map<number, Edit[]>();
    for (const e of list) if (e.type === 'edit') edits.set(e.version, [...(edits.get(e.version) ?? []), e]);
    const transfers = list.filter((e): e is Transfer => e.type === 'transfer').sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const state = replayable(initial);
    for (let version = initial.version + 1; version <= now.version; version++) {
      const at = edits.get(version) ?? [];
      if (at.length > 1) problems.push(`${snap.id}: ${at.length} edits claim version ${version}`);
      const edit = at[0];
      if (edit) {
        for (const c of edit.changes) {
          if (!isDeepStrictEqual(state[c.field], c.before))
            problems.push(
              `${snap.id} v${version}: ${edit.by}'s edit says ${c.field} was ${JSON.stringify(c.before)}, ` +
                `the history says ${JSON.stringify(state[c.field])}`,
            );
          state[c.field] = c.after;
        }
      } else {
        const transfer = transfers.shift();
        if (!transfer) {
          problems.push(`${snap.id}: version ${version} is explained by no entry`);
          continue;
        }
        if (transfer.from !== state.managerId)
          problems.push(
            `${snap.id} v${version}: ${transfer.runId} moved it from ${transfer.from}, the history says ${state.managerId} held it`,
          );
        state.managerId = transfer.to;
      }
      state.version = version;
    }
    for (const v of edits.keys())
      if (v <= initial.version || v > now.version)
        problems.push(`${snap.id}: an edit claims version ${v}, outside ${initial.version + 1}–${now.version}`);
    if (transfers.length > 0) problems.push(`${snap.id}: ${transfers.length} transfer(s) with no version left to explain`);
    const stored = replayable(now);
    if (!isDeepStrictEqual(state, stored))
      problems.push(`${snap.id}: replays to ${JSON.stringify(state)}, stored ${JSON.stringify(stored)}`);
  }
  return problems;
}
