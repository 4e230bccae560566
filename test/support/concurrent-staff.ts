import type { Firestore } from 'firebase-admin/firestore';
import type { ClientDoc } from '../../functions/src/schema/client.ts';
import type { HistoryEntry } from '../../functions/src/schema/history.ts';
import { collections } from '../../functions/src/store/collections.ts';
import { replayProblems } from './history-replay.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * Concurrent staff, through the API as the add-on calls it: managers each work their book in
 * several spreadsheets at once (saving overlapping rows with `POST /clients/batch` from the versions
 * their sheet loaded), the head of sales edits rows across every book and publishes rules again and
 * again, and a rotation is applied in the middle of it. Then nothing may have been lost: every row
 * sent was answered applied, conflict, or refused because the client had left the caller's book;
 * every applied row is one edit entry in the client's history with exactly what was sent, and
 * nothing else was edited; every client's history replays to its state now; every published rules
 * version is in the audit log.
 */
export type StaffCall = (method: string, path: string, as: string, body?: unknown) => Promise<{ status: number; body: any }>;

export type StaffWork = {
  managers: number;
  clientsEach: number;
  sheetsEach: number;
  saves: number;
  rowsPerSave: number;
  publishes: number;
};

export type StaffOutcome = {
  sent: number;
  applied: number;
  conflicts: number;
  leftTheBook: number;
  moved: number;
  publishes: number;
  calls: number;
  errors: number;
  latencies: number[];
  problems: string[];
};

export const managerId = (i: number) => `m${String(i + 1).padStart(2, '0')}`;
const headId = 'head';
const seedAt = '2026-01-05T09:00:00.000Z';

/** The roster and the books, written straight to the store as an import would: every client stale (held since 2025 without a deal). */
export async function seedStaff(db: Firestore, work: StaffWork): Promise<Map<string, ClientDoc>> {
  const writer = db.bulkWriter({ throttling: false });
  const person = (id: string, level: number, role: 'manager' | 'admin') => ({
    id,
    name: `Manager ${id}`,
    email: `${id}@example.com`,
    level,
    active: true,
    role,
  });
  void writer.set(db.collection(collections.managers).doc(headId), person(headId, 3, 'admin'));
  const books = new Map<string, ClientDoc>();
  for (let m = 0; m < work.managers; m++) {
    void writer.set(db.collection(collections.managers).doc(managerId(m)), person(managerId(m), 1 + (m % 2), 'manager'));
    for (let c = 0; c < work.clientsEach; c++) {
      const id = `${managerId(m)}-c${String(c).padStart(3, '0')}`;
      const doc: ClientDoc = {
        id,
        name: `Client ${id}`,
        kind: 'company',
        size: 'regular',
        phones: [],
        emails: [],
        managerId: managerId(m),
        assignedAt: '2025-01-10',
        contactKeys: [],
        dealCount: 0,
        dealsSinceAssignment: 0,
        firstDealAt: null,
        lastDealAt: null,
        rotatable: true,
        mailable: { sms: false, email: false },
        version: 1,
        updatedAt: seedAt,
      };
      books.set(id, doc);
      void writer.set(db.collection(collections.clients).doc(id), doc);
    }
  }
  await writer.close();
  return books;
}

type SentRow = { clientId: string; version: number; changes: Record<string, unknown>; by: string };

/** Runs the work and checks it; `rotate` applies the rotation of the day through the API (a polled job). */
export async function concurrentStaff(db: Firestore, call: StaffCall, work: StaffWork, seed = 1): Promise<StaffOutcome> {
  const random = seededRandom(seed);
  const before = new Map<string, ClientDoc>();
  for (const d of (await db.collection(collections.clients).get()).docs) before.set(d.id, d.data() as ClientDoc);
  const outcome: StaffOutcome = {
    sent: 0,
    applied: 0,
    conflicts: 0,
    leftTheBook: 0,
    moved: 0,
    publishes: 0,
    calls: 0,
    errors: 0,
    latencies: [],
    problems: [],
  };
  const appliedRows: Array<SentRow & { newVersion: number }> = [];
  let edits = 0;

  const timed: StaffCall = async (method, path, as, body) => {
    const t = performance.now();
    const answer = await call(method, path, as, body);
    outcome.latencies.push(performance.now() - t);
    outcome.calls++;
    if (answer.status >= 500) {
      outcome.errors++;
      outcome.problems.push(`${method} ${path} as ${as}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    }
    return answer;
  };

  /** One spreadsheet: loads the book, then saves edited rows from the versions it holds, as the add-on does. */
  const sheet = async (
    as: string,
    pick: () => Array<{ id: string; version: number }>,
    adopt: (id: string, version: number) => void,
    drop: (id: string) => void,
  ) => {
    for (let s = 0; s < work.saves; s++) {
      const rows = pick().map((r) => {
        const changes: Record<string, unknown> = { name: `Client ${r.id} (${as} #${++edits})` };
        if (random() < 0.3) changes.size = random() < 0.5 ? 'large' : 'regular';
        if (random() < 0.3) changes.source = (['referral', 'event', 'website'] as const)[Math.floor(random() * 3)];
        return { clientId: r.id, version: r.version, changes, by: as };
      });
      if (rows.length === 0) return;
      const answer = await timed('POST', '/clients/batch', as, { rows: rows.map(({ by: _b, ...row }) => row) });
      if (answer.status !== 200) continue;
      outcome.sent += rows.length;
      for (const result of answer.body.rows as Array<{
        index: number;
        status: string;
        client?: ClientDoc;
        current?: ClientDoc;
        errors?: Array<{ message: string }>;
      }>) {
        const row = rows[result.index]!;
        if (result.status === 'applied') {
          outcome.applied++;
          appliedRows.push({ ...row, newVersion: result.client!.version });
          adopt(row.clientId, result.client!.version);
        } else if (result.status === 'conflict') {
          outcome.conflicts++;
          // Take theirs, as a person settling the orange cell would; the next save starts from it.
          adopt(row.clientId, result.current!.version);
        } else if (result.errors?.[0]?.message === 'no such client among yours') {
          outcome.leftTheBook++;
          drop(row.clientId);
        } else outcome.problems.push(`${as}: row ${row.clientId} refused: ${JSON.stringify(result)}`);
      }
    }
  };

  const managerSheets = Array.from({ length: work.managers }, (_, m) => managerId(m)).flatMap((as) =>
    Array.from({ length: work.sheetsEach }, async () => {
      const loaded = await timed('GET', '/clients?limit=2500', as);
      const book = new Map<string, number>((loaded.body.clients as ClientDoc[]).map((c) => [c.id, c.version]));
      const ids = () => [...book.keys()];
      await sheet(
        as,
        () => {
          const all = ids();
          return Array.from({ length: Math.min(work.rowsPerSave, all.length) }, () => all[Math.floor(random() * all.length)]!)
            .filter((id, i, list) => list.indexOf(id) === i)
            .map((id) => ({ id, version: book.get(id)! }));
        },
        (id, v) => void book.set(id, v),
        (id) => void book.delete(id),
      );
    }),
  );
  // The head of sales edits rows across every book, from versions read once at the start.
  const head = (async () => {
    const loaded = await timed('GET', '/clients?limit=2500', headId);
    const known = new Map<string, number>((loaded.body.clients as ClientDoc[]).map((c) => [c.id, c.version]));
    const all = [...known.keys()];
    await sheet(
      headId,
      () =>
        Array.from({ length: work.rowsPerSave }, () => all[Math.floor(random() * all.length)]!)
          .filter((id, i, list) => list.indexOf(id) === i)
          .map((id) => ({ id, version: known.get(id)! })),
      (id, v) => void known.set(id, v),
      () => undefined,
    );
  })();
  const rules = (async () => {
    for (let p = 0; p < work.publishes; p++) {
      const answer = await timed('PUT', '/admin/rules', headId, {
        rules: { rotation: { reportDays: 10 + p }, bonus: { normalRate: 0.05 + p / 1000 } },
      });
      if (answer.status === 200) outcome.publishes++;
      else outcome.problems.push(`publishing rules: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    }
  })();
  const rotation = (async () => {
    await new Promise((r) => setTimeout(r, 200));
    const started = await timed('POST', '/admin/rotation/apply', headId, {});
    if (started.status !== 202)
      return void outcome.problems.push(`rotation: ${started.status} ${JSON.stringify(started.body).slice(0, 300)}`);
    for (;;) {
      const job = await timed('GET', `/admin/jobs/${started.body.jobId}`, headId);
      // A small result is stored whole (its moves); a large one summarised (their count).
      if (job.body.status === 'done') return void (outcome.moved = (job.body.result.moves?.length ?? job.body.result.moved) as number);
      if (job.body.status !== 'running') return void outcome.problems.push(`rotation job: ${JSON.stringify(job.body).slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await Promise.all([...managerSheets, head, rules, rotation]);

  // Every applied row is exactly one edit entry, with what was sent; no edit was made that no one was told of.
  const editEntries = (await db.collectionGroup(collections.history).where('type', '==', 'edit').get()).docs.map(
    (d) => d.data() as Extract<HistoryEntry, { type: 'edit' }>,
  );
  const byKey = new Map(editEntries.map((e) => [`${e.clientId}@${e.version}`, e]));
  for (const row of appliedRows) {
    const entry = byKey.get(`${row.clientId}@${row.newVersion}`);
    if (!entry)
      outcome.problems.push(`${row.clientId}: ${row.by}'s save answered applied as version ${row.newVersion}, but no edit made it`);
    else {
      if (entry.by !== row.by)
        outcome.problems.push(`${row.clientId} v${row.newVersion}: applied for ${row.by}, recorded as ${entry.by}'s`);
      // A field sent with the value it already had is no change; every recorded change is what was sent.
      for (const change of entry.changes)
        if (row.changes[change.field] !== change.after)
          outcome.problems.push(
            `${row.clientId} v${row.newVersion}: ${change.field} recorded as ${JSON.stringify(change.after)}, ` +
              `sent ${JSON.stringify(row.changes[change.field])}`,
          );
      if (!entry.changes.some((c) => c.field === 'name'))
        outcome.problems.push(`${row.clientId} v${row.newVersion}: the new name sent is not in the edit`);
    }
  }
  if (editEntries.length !== appliedRows.length)
    outcome.problems.push(`${editEntries.length} edit entries, ${appliedRows.length} rows answered applied`);
  if (outcome.sent !== outcome.applied + outcome.conflicts + outcome.leftTheBook)
    outcome.problems.push(`${outcome.sent} rows sent, ${outcome.applied + outcome.conflicts + outcome.leftTheBook} answered`);
  outcome.problems.push(...(await replayProblems(db, before, seedAt)));
  // Every published version is in the audit log, and the last one is in force.
  const published = (
    await db.collection(collections.audit).where('action', '==', 'publish rules').where('outcome', '==', 'ok').get()
  ).docs.map((d) => d.get('details.version') as number);
  const inForce = (await db.collection(collections.config).doc('rules').get()).get('version') as number;
  if (published.length !== outcome.publishes || Math.max(0, ...published) !== inForce)
    outcome.problems.push(
      `rules: ${outcome.publishes} published, ` +
        `audit lists versions ${published.sort((a, b) => a - b).join(', ')}, version ${inForce} in force`,
    );
  return outcome;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
