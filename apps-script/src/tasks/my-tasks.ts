// "My handover reports": the clients handed to the manager that await their report, the overdue
// ones first and flagged, with the report form; each opens the client's card.
import { fetchClient, fetchTasks, fileReport } from '../api/staff-api.ts';
import { reportForm, type FormInput } from '../card/card-forms.ts';
import { refreshClientRow } from '../clients/my-clients.ts';
import type { TaskView } from '../page-contract.ts';
import { FormError, runSidebarCall, type SidebarAnswer } from '../workspace/feedback.ts';
import { showSidebar } from '../workspace/pages.ts';
import type { ActionContext } from '../workspace/session.ts';

export type TasksAnswer = SidebarAnswer<{ tasks: TaskView[]; done?: string }>;

export function openMyTasks(session: ActionContext): void {
  showSidebar(session, 'MyTasks', session.m.tasks.title, {});
}

function taskViews(session: ActionContext): TaskView[] {
  const reasons = session.m.transferReasons as Record<string, string>;
  return fetchTasks()
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
  return runSidebarCall((session) => ({ tasks: taskViews(session) }));
}

export function tasksFileReport(form: FormInput): TasksAnswer {
  return runSidebarCall((session) => {
    const checked = reportForm(form, session.m);
    if (!checked.ok) throw new FormError(checked.fieldErrors);
    const task = fetchTasks().find((t) => t.id === form.taskId);
    fileReport(String(form.taskId), checked.body);
    // The report is in the client's history and its "report due" column clears.
    if (task) refreshClientRow(session, fetchClient(task.clientId).client);
    return { tasks: taskViews(session), done: session.m.sidebar.done.report };
  });
}
