// The rotation dialog: preview today's plan (it goes to the "Rotation preview" sheet), see the
// balance per manager, then apply it and follow the job to its end. A day already applied says so.
import type { JobStartAnswer, PlanAnswer, PlanView } from '../page-contract.ts';
import { a, confirmButton, followJob, lines, progressBox, table } from './admin-page.ts';
import { boot, run } from './bridge.ts';
import { el, reportCallFailure, status } from './dom.ts';

const app = document.getElementById('app')!;
const result = el('section', { id: 'result' });

function planSection(plan: PlanView, sheet: string, summary: string[]): HTMLElement {
  const rows = plan.balance.map((b) => [b.name, b.level, b.given, b.received]);
  const applyBlock =
    plan.alreadyApplied || plan.moves === 0
      ? el('p', { class: 'muted' }, plan.alreadyApplied ? a.nothingToApply : a.noMoves)
      : confirmButton(a.applyRotation, `${a.applyQuestion} ${plan.moves}`, a.applyYes, apply);
  return el(
    'section',
    { id: 'plan' },
    lines(summary),
    plan.balance.length > 0 ? table(a.balanceColumns, rows) : null,
    plan.unbalanced.length > 0
      ? el('ul', { class: 'unbalanced' }, ...plan.unbalanced.map((u) => el('li', {}, `${u.name}: ${u.why}`)))
      : null,
    el('p', { class: 'muted' }, `${a.planOnSheet} «${sheet}»`),
    applyBlock,
  );
}

async function preview(): Promise<void> {
  status(a.previewing);
  try {
    const answer = await run<PlanAnswer>('rotationPreview');
    if (!answer.ok) return status(answer.message, 'error');
    app.replaceChildren(planSection(answer.plan, answer.sheet, answer.summary), result);
    status('');
  } catch (e) {
    reportCallFailure(e);
  }
}

async function apply(): Promise<void> {
  const started = await run<JobStartAnswer>('rotationApply');
  if (!started.ok) return status(started.message, 'error');
  const box = progressBox();
  result.replaceChildren(box.node);
  const job = await followJob(started.jobId, box.show);
  if (job) status(job.status === 'done' ? a.finished : a.failed, job.status === 'done' ? 'ok' : 'error');
}

const start = el('button', { type: 'button', 'data-action': 'preview' }, a.preview);
start.addEventListener('click', () => void preview());
app.replaceChildren(el('p', {}, `${a.rotationIntro} ${String(boot.today)}`), start, result);
