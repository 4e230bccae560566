import type { Firestore } from 'firebase-admin/firestore';
import { addDaysToDay, addMonthsToDay, companyToday } from '../../functions/src/core/calendar.ts';
import { isRotatable } from '../../functions/src/core/client-derivation.ts';
import type { ClientDoc } from '../../functions/src/schema/client.ts';
import type { HandoverTask } from '../../functions/src/store/handover-store.ts';

/** What the seeded company's Today shows, for whoever checks it. */
export type TodayCompany = {
  today: string;
  /** anna's client that rotation takes in 10 days (no deal since she got it). */
  rotating: { id: string; name: string };
  /** anna's client with an overdue handover report, and the task. */
  overdue: { id: string; name: string; taskId: string; dueDate: string };
  /** anna's client whose next contact was yesterday. */
  followUp: { id: string; name: string; nextContactOn: string };
  /** anna's client received from boris by yesterday's rotation, and its report deadline. */
  received: { id: string; name: string; taskId: string; dueDate: string };
  /** anna's client whose next contact is still to come: on no list. */
  later: { id: string; name: string };
  /** boris's own client, stale soon and due a contact: never on anna's lists. */
  borisOwn: { id: string; name: string };
};

const atNine = (day: string) => `${day}T06:00:00.000Z`;

function clientDoc(id: string, name: string, managerId: string, over: Partial<ClientDoc>): ClientDoc {
  const doc: ClientDoc = {
    id,
    name,
    kind: 'company',
    size: 'regular',
    phones: [`+7916${String(Math.abs(hash(id)) % 10_000_000).padStart(7, '0')}`],
    emails: [],
    taxNumber: '7707083893',
    managerId,
    assignedAt: atNine('2025-01-10'),
    attractedBy: managerId,
    createdAt: atNine('2025-01-10'),
    contactKeys: [],
    dealCount: 1,
    dealsSinceAssignment: 1,
    firstDealAt: null,
    lastDealAt: null,
    rotatable: true,
    version: 1,
    updatedAt: atNine('2025-01-10'),
    ...over,
  };
  doc.contactKeys = doc.phones.map((p) => `phone:${p}`);
  doc.rotatable = isRotatable(doc);
  return doc;
}

function hash(text: string): number {
  let h = 7;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) % 1_000_003;
  return h;
}

function reportTask(id: string, clientId: string, managerId: string, from: string, created: string, dueDate: string): HandoverTask {
  return {
    id,
    runId: `rotation-${created}`,
    clientId,
    managerId,
    from,
    reason: 'no-deal-since-assignment',
    dueDate,
    status: 'open',
    overdue: false,
    createdAt: atNine(created),
  };
}

/**
 * A small company seen on the company's today (Europe/Moscow, the default rules): anna holds one
 * client of each Today list and a few that belong on none; boris, her colleague, holds clients
 * that would be on every list were they hers. Written straight to Firestore, as the importer would.
 */
export async function seedTodayCompany(db: Firestore): Promise<TodayCompany> {
  const today = companyToday('Europe/Moscow');
  const yesterday = addDaysToDay(today, -1);
  const deal = addDaysToDay(today, -20);
  const company: TodayCompany = {
    today,
    rotating: { id: 'today-rotating', name: 'Rotating Soon LLC' },
    overdue: { id: 'today-overdue', name: 'Overdue Report LLC', taskId: 'task-overdue', dueDate: addDaysToDay(today, -6) },
    followUp: { id: 'today-follow', name: 'Call Me Back LLC', nextContactOn: yesterday },
    received: { id: 'today-received', name: 'Newly Received LLC', taskId: 'task-received', dueDate: addDaysToDay(today, 13) },
    later: { id: 'today-later', name: 'Later On LLC' },
    borisOwn: { id: 'today-boris', name: 'Boris Own LLC' },
  };
  const held = { dealsSinceAssignment: 1, lastDealAt: deal, firstDealAt: deal };
  const soonStale = { assignedAt: atNine(addMonthsToDay(addDaysToDay(today, 10), -6)), dealsSinceAssignment: 0, dealCount: 0 };
  const fromBoris = (day: string) => ({
    assignedAt: atNine(day),
    attractedBy: 'boris',
    formerHolders: [{ managerId: 'boris', until: atNine(day) }],
  });
  const docs = [
    clientDoc(company.rotating.id, company.rotating.name, 'anna', soonStale),
    clientDoc(company.overdue.id, company.overdue.name, 'anna', { ...held, ...fromBoris(addDaysToDay(today, -20)) }),
    clientDoc(company.followUp.id, company.followUp.name, 'anna', { ...held, nextContactOn: yesterday }),
    clientDoc(company.received.id, company.received.name, 'anna', { ...held, ...fromBoris(yesterday) }),
    clientDoc(company.later.id, company.later.name, 'anna', { ...held, nextContactOn: addDaysToDay(today, 5) }),
    clientDoc(company.borisOwn.id, company.borisOwn.name, 'boris', { ...soonStale, nextContactOn: yesterday }),
  ];
  const tasks = [
    reportTask(company.overdue.taskId, company.overdue.id, 'anna', 'boris', addDaysToDay(today, -20), company.overdue.dueDate),
    reportTask(company.received.taskId, company.received.id, 'anna', 'boris', yesterday, company.received.dueDate),
    reportTask('task-boris', company.borisOwn.id, 'boris', 'anna', addDaysToDay(today, -30), addDaysToDay(today, -16)),
  ];
  const batch = db.batch();
  for (const doc of docs) batch.set(db.collection('clients').doc(doc.id), doc);
  for (const task of tasks) batch.set(db.collection('tasks').doc(task.id), task);
  await batch.commit();
  return company;
}
