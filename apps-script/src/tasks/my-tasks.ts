// "My handover reports": the clients handed to the manager that await their report, the overdue
// ones first and flagged, with the report form, and the contacts sign-ups gave for my clients that
// await my decision; each opens the client's card.
import type { MyTasksAnswer } from '../../../functions/src/api/contract.ts';
import { fetchClient, fetchMyTasks, fileReport } from '../api/staff-api.ts';
import { reportForm, type FormInput } from '../card/card-forms.ts';
import { refreshClientRow } from '../clients/my-clients.ts';
import { isoDay } from '../sheet/cell-values.ts';
import type { ContactTaskView, TaskView } from '../page-contract.ts';
import { FormError, runSidebarCall, type SidebarAnswer } from '../workspace/feedback.ts';
import { showSidebar } from '../workspace/pages.ts';
import type { ActionContext } from '../workspace/session.ts';

export type TasksAnswer = SidebarAnswer<{ tasks: TaskView[]; contacts: ContactTaskView[]; done?: string }>;

export function openMyTasks(session: ActionContext): void {
  showSidebar(session, 'MyTasks', session.m.tasks.title, {});
}

function contactViews(session: ActionContext, answer: MyTasksAnswer): ContactTaskView[] {
  return answer.contactsToVerify.map((c) => ({
    clientId: c.clientId,
    clientName: c.clientName,
    text: session.m.contactChecks.toVerifyLine(c.address, c.name, isoDay(c.at), c.consentAsked),
  }));
}

function views(session: ActionContext): { tasks: TaskView[]; contacts: ContactTaskView[] } {
  const answer = fetchMyTasks();
  return { tasks: taskViews(session, answer), contacts: contactViews(session, answer) };
}

function taskViews(session: ActionContext, answer: MyTasksAnswer): TaskView[] {
  const reasons = session.m.transferReasons as Record<string, string>;
  return answer.tasks
    .map((t) => ({
      id: t.id,
      clientId: t.clientId,
      clientName: t.clientName ?? t.clientId,
      reason: reasons[t.reason] ?? t.reason,
      dueDate: t.dueDate,
      overdue: t.overdue || t.dueDate < session.today,
    }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}

export function tasksLoad(): TasksAnswer {
  return runSidebarCall((session) => views(session));
}

export function tasksFileReport(form: FormInput): TasksAnswer {
  return runSidebarCall((session) => {
    const checked = reportForm(form, session.m);
    if (!checked.ok) throw new FormError(checked.fieldErrors);
    const task = fetchMyTasks().tasks.find((t) => t.id === form.taskId);
    fileReport(String(form.taskId), checked.body);
    // The report is in the client's history and its "report due" column clears.
    if (task) refreshClientRow(session, fetchClient(task.clientId).client);
    return { ...views(session), done: session.m.sidebar.done.report };
  });
}
