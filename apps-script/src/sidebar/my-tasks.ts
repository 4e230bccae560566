// The manager's open handover reports: overdue first, each with its report form and a way to the card;
// then the contacts sign-ups gave for their clients, each decided in its client's card.
import type { ContactTaskView, SidebarAnswer, TaskView } from '../page-contract.ts';
import { run } from './bridge.ts';
import { el, form, options, reportCallFailure, showFailure, status, strings } from './dom.ts';

type TasksAnswer = SidebarAnswer<{ tasks: TaskView[]; contacts?: ContactTaskView[]; done?: string }>;
const s = strings;
const app = document.getElementById('app')!;

function taskItem(task: TaskView): HTMLElement {
  const open = el('button', { type: 'button', class: 'link' }, s.openCard);
  open.addEventListener('click', () => void run('tasksOpenCard', task.clientId, task.clientName).catch((e) => reportCallFailure(e)));
  const report = form(
    {
      action: 'report',
      title: s.tabs.report,
      button: s.buttons.report,
      open: task.overdue,
      fields: [
        { name: 'taskId', label: s.fields.task, type: 'hidden', value: task.id },
        { name: 'outcome', label: s.fields.outcome, type: 'select', options: options(s.labels.outcomes), value: 'in-progress' },
        { name: 'text', label: s.fields.text, type: 'textarea', required: true },
      ],
    },
    (data, node) => submit(data, node),
  );
  return el(
    'li',
    { class: task.overdue ? 'task overdue' : 'task' },
    el('div', {}, el('strong', {}, task.clientName), ' ', open),
    el('div', { class: 'when' }, `${task.overdue ? s.overdue : s.due} ${task.dueDate} · ${task.reason}`),
    report,
  );
}

function contactItem(contact: ContactTaskView): HTMLElement {
  const open = el('button', { type: 'button', class: 'link' }, s.openCard);
  open.addEventListener('click', () => void run('tasksOpenCard', contact.clientId, contact.clientName).catch((e) => reportCallFailure(e)));
  return el(
    'li',
    { class: 'task' },
    el('div', {}, el('strong', {}, contact.clientName), ' ', open),
    el('div', { class: 'when' }, contact.text),
  );
}

function render(tasks: TaskView[], contacts: ContactTaskView[] = []): void {
  app.replaceChildren(
    tasks.length === 0 ? el('p', { class: 'muted' }, s.noTasks) : el('ol', { class: 'tasks' }, ...tasks.map(taskItem)),
    el('h3', {}, s.contactsToVerify),
    contacts.length === 0 ? el('p', { class: 'muted' }, s.noContactsToVerify) : el('ol', { class: 'tasks' }, ...contacts.map(contactItem)),
  );
}

async function submit(data: Record<string, string>, node: HTMLFormElement): Promise<void> {
  status(s.loading);
  try {
    const answer = await run<TasksAnswer>('tasksFileReport', data);
    if (!answer.ok) {
      showFailure(node, answer);
      status(answer.message, 'error');
      return;
    }
    render(answer.tasks, answer.contacts);
    status(answer.done ?? s.saved, 'ok');
  } catch (error) {
    reportCallFailure(error, node);
  }
}

async function load(): Promise<void> {
  status(s.loading);
  try {
    const answer = await run<TasksAnswer>('tasksLoad');
    if (!answer.ok) return status(answer.message, 'error');
    render(answer.tasks, answer.contacts);
    status('');
  } catch (error) {
    reportCallFailure(error);
  }
}

void load();
