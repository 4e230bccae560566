// The offboarding dialog: choose the leaver from the roster, see where each of their clients
// would go (the "Offboarding preview" sheet), confirm; their access ends at once and the hand-on
// runs as a job this page follows to its end.
import type { JobStartAnswer, PlanAnswer, PlanView } from '../page-contract.ts';
import { a, confirmButton, followJob, lines, progressBox, table } from './admin-page.ts';
import { boot, run } from './bridge.ts';
import { el, reportCallFailure, status } from './dom.ts';

type Leaver = { id: string; name: string; level: number };
const managers = boot.managers as Leaver[];
const app = document.getElementById('app')!;
const planBox = el('section', { id: 'plan' });
const result = el('section', { id: 'result' });
const select = el(
  'select',
  { name: 'managerId', 'aria-label': a.leaver },
  el('option', { value: '' }, a.chooseLeaver),
  ...managers.map((m) => el('option', { value: m.id, selected: m.id === boot.selected }, `${m.name} (${m.id}, ${a.level} ${m.level})`)),
);

function planSection(id: string, plan: PlanView, sheet: string, summary: string[]): HTMLElement {
  const name = managers.find((m) => m.id === id)?.name ?? id;
  const receivers = plan.balance.filter((b) => b.received > 0).map((b) => [b.name, b.level, b.received]);
  return el(
    'div',
    {},
    lines(summary),
    receivers.length > 0 ? table(a.receiverColumns, receivers) : null,
    el('p', { class: 'muted' }, `${a.planOnSheet} «${sheet}»`),
    confirmButton(`${a.offboard} ${name}`, `${a.offboardQuestion} ${plan.moves}`, a.offboardYes, () => apply(id)),
  );
}

async function preview(): Promise<void> {
  const id = select.value;
  if (id === '') return status(a.chooseLeaver, 'error');
  status(a.previewing);
  result.replaceChildren();
  try {
    const answer = await run<PlanAnswer>('offboardingPreview', id);
    if (!answer.ok) return status(answer.message, 'error');
    planBox.replaceChildren(planSection(id, answer.plan, answer.sheet, answer.summary));
    status('');
  } catch (e) {
    reportCallFailure(e);
  }
}

async function apply(id: string): Promise<void> {
  const started = await run<JobStartAnswer>('offboardingApply', id);
  if (!started.ok) return status(started.message, 'error');
  select.disabled = true;
  planBox.replaceChildren(el('p', { class: 'warning' }, a.accessEnded));
  const box = progressBox();
  result.replaceChildren(box.node);
  const job = await followJob(started.jobId, box.show);
  if (job) status(job.status === 'done' ? a.finished : a.failed, job.status === 'done' ? 'ok' : 'error');
}

const previewButton = el('button', { type: 'button', 'data-action': 'preview' }, a.preview);
previewButton.addEventListener('click', () => void preview());
app.replaceChildren(el('p', {}, a.offboardIntro), el('div', { class: 'field' }, select), previewButton, planBox, result);
