import type { Firestore } from 'firebase-admin/firestore';
import { monthOf } from '../../../functions/src/core/calendar.ts';
import type { StatementLine } from '../../../functions/src/core/bonus/types.ts';
import type { HistoryEntry } from '../../../functions/src/schema/history.ts';
import { readStatements } from '../../../functions/src/store/bonus-statement-store.ts';
import { collections } from '../../../functions/src/store/collections.ts';
import type { HandoverTask } from '../../../functions/src/store/handover-store.ts';

/**
 * What a rotation or offboarding leaves behind, minus wall-clock values and leases: the clients,
 * their history, the handover tasks, the run and its plan, the roster. Two bases that took the
 * same job, one uninterrupted and one killed and run again, must leave equal states.
 */
export async function rotationState(db: Firestore): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const c of (await db.collection(collections.clients).get()).docs) out[c.ref.path] = c.data();
  for (const h of (await db.collectionGroup(collections.history).get()).docs) out[h.ref.path] = h.data();
  for (const t of (await db.collection(collections.tasks).get()).docs) out[t.ref.path] = t.data();
  for (const m of (await db.collection(collections.managers).get()).docs) out[m.ref.path] = m.data();
  return { ...out, ...(await rotationRunsState(db)) };
}

/**
 * The rotation runs with their plan chunks and the run counter, minus wall-clock values (start,
 * finish, leases, the clients' update times), which differ between two databases.
 */
export async function rotationRunsState(db: Firestore): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const r of (await db.collection(collections.rotationRuns).get()).docs) {
    const { startedAt: _s, finishedAt: _f, leaseOwner: _o, leaseUntil: _l, ...rest } = r.data();
    out[r.ref.path] = rest;
    for (const c of (await r.ref.collection('plan').get()).docs) {
      out[c.ref.path] = { ...c.data(), moves: c.get('moves').map(({ updateTime: _t, ...m }: Record<string, unknown>) => m) };
    }
  }
  out.counter = (await db.collection(collections.counters).doc('rotation').get()).data();
  return out;
}

/**
 * The invariants a crash must never break, checked on the base itself: every client has one holder
 * on the roster or none, and it is the one its last transfer named; no client moved twice in a run;
 * each client's transfers chain in order (each starts where the one before ended); each move has
 * exactly one handover task, to its receiver; every run finished, its lease released. Answers the
 * problems found (none is the only good answer).
 */
export async function rotationInvariantProblems(db: Firestore): Promise<string[]> {
  const problems: string[] = [];
  const roster = new Set((await db.collection(collections.managers).get()).docs.map((d) => d.id));
  const entries = (await db.collectionGroup(collections.history).get()).docs.map((d) => d.data() as HistoryEntry);
  const transfers = new Map<string, Array<Extract<HistoryEntry, { type: 'transfer' }>>>();
  for (const e of entries) if (e.type === 'transfer') transfers.set(e.clientId, [...(transfers.get(e.clientId) ?? []), e]);
  const tasks = (await db.collection(collections.tasks).get()).docs.map((d) => d.data() as HandoverTask);
  const taskOf = new Map(tasks.map((t) => [`${t.runId}/${t.clientId}`, t]));
  for (const c of (await db.collection(collections.clients).get()).docs) {
    const holder = (c.get('managerId') as string | null | undefined) ?? null;
    if (holder !== null && !roster.has(holder)) problems.push(`${c.id}: held by ${holder}, who is not on the roster`);
    const list = (transfers.get(c.id) ?? []).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
    const runs = list.map((t) => t.runId);
    if (new Set(runs).size !== runs.length) problems.push(`${c.id}: moved twice in one run (${runs.join(', ')})`);
    for (let i = 1; i < list.length; i++)
      if (list[i]!.from !== list[i - 1]!.to)
        problems.push(`${c.id}: transfer ${list[i]!.id} starts from ${list[i]!.from}, not from ${list[i - 1]!.to}`);
    if (list.length > 0 && list.at(-1)!.to !== holder)
      problems.push(`${c.id}: held by ${holder}, but its last transfer went to ${list.at(-1)!.to}`);
    for (const t of list) {
      const task = taskOf.get(`${t.runId}/${c.id}`);
      if (!task) problems.push(`${c.id}: moved by ${t.runId} without a handover task`);
      else if (task.managerId !== t.to)
        problems.push(`${c.id}: the task of ${t.runId} is for ${task.managerId}, the client went to ${t.to}`);
    }
  }
  const moved = new Set([...transfers.values()].flat().map((t) => `${t.runId}/${t.clientId}`));
  for (const t of tasks) if (!moved.has(`${t.runId}/${t.clientId}`)) problems.push(`task ${t.id} has no transfer in the client's history`);
  for (const r of (await db.collection(collections.rotationRuns).get()).docs) {
    if (r.get('status') !== 'done') problems.push(`${r.id} is ${r.get('status')}, not done`);
    if (r.get('leaseOwner') !== undefined) problems.push(`${r.id} still holds a lease`);
    const open = (await r.ref.collection('plan').get()).docs.filter((c) => c.get('done') !== true);
    if (open.length > 0) problems.push(`${r.id}: ${open.length} plan chunk(s) not done`);
  }
  return problems;
}

/** The months' statements (lines and totals per manager) and month records, minus the runs' own ids and times. */
export async function bonusState(db: Firestore, months: string[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const month of months) {
    for (const s of await readStatements(db, month))
      out[`${month}/${s.managerId}`] = { lines: s.lines, totals: s.totals, closed: s.closed, parts: s.parts };
    const m = (await db.collection(collections.bonusMonths).doc(month).get()).data();
    if (m) {
      const { runId: _r, computedAt: _c, computedBy: _b, finishedAt: _f, computingSince: _s, ...rest } = m;
      out[`bonusMonths/${month}`] = rest;
    }
  }
  return out;
}

/**
 * Every raised part held pending in one of these months whose retention gate falls in one of them
 * is settled exactly once, in its gate month: released or cancelled, for the same amount, by the
 * manager it was held for; no month is left claimed by a run.
 */
export async function bonusInvariantProblems(db: Firestore, months: string[]): Promise<string[]> {
  const problems: string[] = [];
  const lines: Array<StatementLine & { month: string; managerId: string }> = [];
  for (const month of months)
    for (const s of await readStatements(db, month)) for (const l of s.lines) lines.push({ ...l, month, managerId: s.managerId });
  const settled = new Map<string, typeof lines>();
  for (const l of lines)
    if (l.kind === 'raised-release' || l.kind === 'raised-cancel') settled.set(l.dealId!, [...(settled.get(l.dealId!) ?? []), l]);
  for (const held of lines.filter((l) => l.status === 'pending')) {
    const gateMonth = monthOf(held.dueDate!);
    if (!months.includes(gateMonth)) continue;
    const found = settled.get(held.dealId!) ?? [];
    if (found.length !== 1) problems.push(`${held.id} (${held.month}, ${held.managerId}) settled ${found.length} times`);
    else if (found[0]!.month !== gateMonth || found[0]!.amount !== held.amount || found[0]!.managerId !== held.managerId)
      problems.push(
        `${held.id}: settled in ${found[0]!.month} for ${found[0]!.amount} to ${found[0]!.managerId}, ` +
          `held in ${held.month} for ${held.amount} to ${held.managerId}`,
      );
  }
  for (const month of months) {
    const m = await db.collection(collections.bonusMonths).doc(month).get();
    if (!m.exists) problems.push(`${month} was never computed`);
    else if (m.get('computing')) problems.push(`${month} is still claimed by run ${m.get('computing')}`);
  }
  return problems;
}
