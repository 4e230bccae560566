// The client card page: facts, consents, the whole history in order, and the forms for the day's
// work. Each form is checked by the add-on (with the API's own schemas) and then by the base; the
// answer's field errors are shown beside their fields.
import type { CardView, EstimateView } from '../card/card-view.ts';
import type { SidebarAnswer } from '../page-contract.ts';
import { boot, run } from './bridge.ts';
import { el, form, options, reportCallFailure, showFailure, status, strings, type FormSpec } from './dom.ts';

type CardAnswer = SidebarAnswer<{ card: CardView; done?: string }>;
type EstimateAnswer = SidebarAnswer<{ estimate: EstimateView; done: string }>;
const clientId = String(boot.clientId);
const s = strings;
const app = document.getElementById('app')!;

function section(title: string, ...children: Array<Node | null>): HTMLElement {
  return el('section', {}, el('h3', {}, title), ...children);
}

function facts(list: CardView['facts']): HTMLElement {
  return el('dl', {}, ...list.flatMap((f) => [el('dt', {}, f.label), el('dd', {}, f.value)]));
}

function history(card: CardView): HTMLElement {
  if (card.history.length === 0) return el('p', { class: 'muted' }, s.noHistory);
  return el(
    'ol',
    { class: 'history' },
    ...card.history.map((h) => el('li', {}, el('div', { class: 'when' }, `${h.at} · ${h.type} · ${s.by}: ${h.by}`), el('div', {}, h.text))),
  );
}

/** Each deal with whether it counts for pay yet: awaiting confirmation, confirmed, or rejected with the reason. */
function deals(card: CardView): HTMLElement {
  const { title, empty, lines } = card.deals;
  const list =
    lines.length === 0
      ? el('p', { class: 'muted' }, empty)
      : el(
          'ol',
          { class: 'history deals' },
          ...lines.map((d) =>
            el(
              'li',
              { class: `deal ${d.status}` },
              el('div', { class: 'when' }, `${d.date} · ${s.by}: ${d.by}`),
              el('div', {}, d.text),
              el('div', { class: 'deal-status' }, d.statusText),
            ),
          ),
        );
  return section(title, list);
}

function forms(card: CardView): HTMLElement[] {
  const l = s.labels;
  // A lost client is out of the book: no deal, contact or consent until the head of sales reinstates it.
  const recording: FormSpec[] = [
    {
      action: 'deal',
      title: s.tabs.deal,
      button: s.buttons.deal,
      fields: [
        { name: 'date', label: s.fields.date, type: 'date', required: true, value: card.today, max: card.today },
        { name: 'amount', label: s.fields.amount, type: 'money', required: true },
        { name: 'profit', label: s.fields.profit, type: 'money', required: true },
      ],
    },
    {
      action: 'estimate',
      title: s.tabs.estimate,
      button: s.buttons.estimate,
      fields: [
        { name: 'amount', label: s.fields.amount, type: 'money', required: true },
        { name: 'profit', label: s.fields.profit, type: 'money', required: true },
      ],
    },
    {
      action: 'contact',
      title: s.tabs.contact,
      button: s.buttons.contact,
      fields: [
        { name: 'channel', label: s.fields.channel, type: 'select', options: options(l.contactChannels), value: 'call' },
        { name: 'text', label: s.fields.text, type: 'textarea' },
        { name: 'nextContactOn', label: s.fields.nextContactOn, type: 'date', min: card.today },
      ],
    },
    {
      action: 'note',
      title: s.tabs.note,
      button: s.buttons.note,
      fields: [{ name: 'text', label: s.fields.text, type: 'textarea', required: true }],
    },
    {
      action: 'consent',
      title: s.tabs.consent,
      button: s.buttons.consent,
      fields: [
        { name: 'channel', label: s.fields.channel, type: 'select', options: options(l.consentChannels) },
        {
          name: 'status',
          label: s.fields.status,
          type: 'select',
          options: options({ granted: l.consentStatuses.granted, withdrawn: l.consentStatuses.withdrawn }),
        },
        {
          name: 'method',
          label: s.fields.method,
          type: 'select',
          options: options({
            questionnaire: l.consentMethods.questionnaire,
            event: l.consentMethods.event,
            staff: l.consentMethods.staff,
          }),
        },
        { name: 'formId', label: s.fields.formId, type: 'text' },
        { name: 'textVersion', label: s.fields.textVersion, type: 'text' },
      ],
    },
  ];
  const specs: FormSpec[] = card.recordingClosed ? recording.filter((f) => f.action === 'note') : recording;
  if (!card.recordingClosed)
    specs.push({
      action: 'next',
      title: s.tabs.next,
      button: s.buttons.next,
      fields: [{ name: 'nextContactOn', label: s.fields.nextContactOn, type: 'date', value: card.nextContactOn ?? '', min: card.today }],
    });
  if (!card.lost) {
    specs.push({
      action: 'lost',
      title: s.tabs.lost,
      button: s.buttons.lost,
      fields: [
        { name: 'date', label: s.fields.date, type: 'date', required: true, value: card.today, max: card.today },
        { name: 'reason', label: s.fields.reason, type: 'text', required: true },
        { name: 'competitor', label: s.fields.competitor, type: 'text' },
      ],
    });
  }
  // A contact a sign-up gave waits for the holder: one form per contact, its decision chosen in the form.
  for (const contact of card.contactsToVerify ?? []) {
    specs.push({
      action: 'verify',
      title: `${s.contactsToVerify}: ${contact.address}`,
      button: s.buttons.verify,
      open: true,
      fields: [
        { name: 'channel', label: s.fields.channel, type: 'hidden', value: contact.channel },
        { name: 'address', label: s.contactsToVerify, type: 'hidden', value: contact.address },
        {
          name: 'decision',
          label: contact.text,
          type: 'select',
          options: options({ accept: s.buttons.accept, decline: s.buttons.decline }),
          value: 'decline',
        },
      ],
    });
  }
  for (const task of card.tasks) {
    specs.push({
      action: 'report',
      title: `${s.tabs.report} (${task.overdue ? s.overdue : s.due} ${task.dueDate})`,
      button: s.buttons.report,
      open: task.overdue,
      fields: [
        { name: 'taskId', label: s.fields.task, type: 'hidden', value: task.id },
        { name: 'outcome', label: s.fields.outcome, type: 'select', options: options(l.outcomes), value: 'in-progress' },
        { name: 'text', label: s.fields.text, type: 'textarea', required: true },
      ],
    });
  }
  return specs.map((spec) => form(spec, (data, node) => submit(spec.action, data, node, card)));
}

const calls: Record<string, (data: Record<string, string>, card: CardView) => Promise<CardAnswer | EstimateAnswer>> = {
  deal: (data) => run('cardLogDeal', clientId, data),
  estimate: (data) => run('cardEstimate', clientId, data),
  contact: (data) => run('cardLogContact', clientId, data),
  note: (data) => run('cardAddNote', clientId, data),
  consent: (data) => run('cardRecordConsent', clientId, data),
  verify: (data) => run('cardVerifyContact', clientId, data),
  lost: (data, card) => run('cardMarkLost', clientId, card.version, data),
  next: (data, card) => run('cardSetNextContact', clientId, card.version, data),
  report: (data) => run('cardFileReport', clientId, data),
};

async function submit(action: string, data: Record<string, string>, node: HTMLFormElement, card: CardView): Promise<void> {
  status(s.loading);
  try {
    const answer = await calls[action]!(data, card);
    if (!answer.ok) {
      showFailure(node, answer);
      status(answer.message, 'error');
      return;
    }
    if ('estimate' in answer) render(card, answer.estimate);
    else render(answer.card);
    status(answer.done ?? s.saved, 'ok');
  } catch (error) {
    reportCallFailure(error, node);
  }
}

/** What the estimator answered: the lines, what they come to, and when they count. */
function estimated(view: EstimateView): HTMLElement {
  const lines = [...view.lines, view.total];
  return el(
    'section',
    { id: 'estimate' },
    el('h3', {}, view.title),
    facts(lines),
    view.note ? el('p', { class: 'muted' }, view.note) : null,
  );
}

function render(card: CardView, estimate?: EstimateView): void {
  const notice = card.payBlock ? [el('p', { class: 'pay-block', role: 'note' }, card.payBlock)] : [];
  if (card.nextDeal) notice.push(el('p', { class: 'next-deal' }, `${s.nextDeal}: ${card.nextDeal}`));
  app.replaceChildren(
    el('h2', {}, card.name, card.lost ? el('span', { class: 'badge' }, s.lost) : null),
    ...notice,
    section(s.details, facts(card.facts)),
    section(s.consents, facts(card.consents)),
    deals(card),
    ...(estimate ? [estimated(estimate)] : []),
    ...((card.contactsToVerify ?? []).length > 0 ? [section(s.contactsToVerify, el('p', { class: 'muted' }, s.verifyHint))] : []),
    el('div', { class: 'forms' }, ...forms(card)),
    section(s.history, history(card)),
  );
}

async function load(): Promise<void> {
  status(s.loading);
  try {
    const answer = await run<CardAnswer>('cardLoad', clientId);
    if (!answer.ok) {
      status(answer.message, 'error');
      app.replaceChildren(el('button', { type: 'button', id: 'retry' }, s.retry));
      document.getElementById('retry')!.addEventListener('click', () => void load());
      return;
    }
    render(answer.card);
    status('');
  } catch (error) {
    reportCallFailure(error);
  }
}

void load();
