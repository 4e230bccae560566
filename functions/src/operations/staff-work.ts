import type { Firestore } from 'firebase-admin/firestore';
import { statementHolder, type StaffMember } from '../core/staff-changes.ts';
import { writeAudit } from '../store/audit-store.ts';
import { readStatement } from '../store/bonus-statement-store.ts';
import { heldClientNames } from '../store/client-list-store.ts';
import { readDealFacts } from '../store/deal-review-store.ts';
import { listOpenTasks, type HandoverTask } from '../store/handover-store.ts';

/** A manager's open handover tasks, each with its client's name while they still hold the client. */
export async function openTasks(db: Firestore, managerId: string): Promise<Array<HandoverTask & { clientName: string | null }>> {
  const tasks = await listOpenTasks(db, managerId);
  const names = await heldClientNames(
    db,
    managerId,
    tasks.map((t) => t.clientId),
  );
  return tasks.map((t) => ({ ...t, clientName: names.get(t.clientId) ?? null }));
}

export type StatementWithDeals = {
  statement: NonNullable<Awaited<ReturnType<typeof readStatement>>>;
  deals: Awaited<ReturnType<typeof readDealFacts>>;
};

/**
 * The bonus statement the caller may read for `month` (see `statementHolder`); undefined when there
 * is none for them, with the day and amount of the deals its lines name. Reading another person's
 * statement is audited (stamped `at`), found or not.
 */
export async function statementFor(
  db: Firestore,
  input: { month: string; actor: StaffMember; asked: string | undefined; at: string },
): Promise<StatementWithDeals | undefined> {
  const managerId = statementHolder(input.actor, input.asked);
  if (managerId === undefined) return undefined;
  const statement = await readStatement(db, { month: input.month, managerId });
  if (managerId !== input.actor.id) {
    await writeAudit(db, {
      at: input.at,
      actor: input.actor.id,
      action: 'read statement',
      outcome: 'ok',
      target: `statements/${input.month}/${managerId}`,
      details: { managerId, month: input.month, found: statement !== undefined },
    });
  }
  if (!statement) return undefined;
  const deals = await readDealFacts(
    db,
    statement.lines.flatMap((l) => (l.dealId ? [l.dealId] : [])),
  );
  return { statement, deals };
}
