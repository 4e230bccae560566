// The bonus dialog: a month; compute it (a job this page follows), show its statements on the
// "Statements" sheet, or close it after a confirmation.
import type { JobStartAnswer, MonthAnswer } from '../page-contract.ts';
import { a, confirmButton, followJob, progressBox } from './admin-page.ts';
import { boot, run } from './bridge.ts';
import { el, reportCallFailure, status } from './dom.ts';

const app = document.getElementById('app')!;
const result = el('section', { id: 'result' });
const month = el('input', { name: 'month', type: 'text', value: String(boot.month), placeholder: 'YYYY-MM', 'aria-label': a.month });

/** Shows the month's statements, after closing it when `close`. */
async function show(close: boolean): Promise<void> {
  status(a.working);
  const answer = close ? await run<MonthAnswer>('bonusClose', month.value) : await run<MonthAnswer>('bonusShow', month.value);
  if (!answer.ok) return status(answer.message, 'error');
  result.append(el('p', { class: 'done' }, answer.text));
  status('');
}

async function compute(): Promise<void> {
  result.replaceChildren();
  const started = await run<JobStartAnswer>('bonusCompute', month.value);
  if (!started.ok) return status(started.message, 'error');
  const box = progressBox();
  result.replaceChildren(box.node);
  const job = await followJob(started.jobId, box.show);
  if (job?.status === 'done') await show(false);
}

function button(label: string, action: string, onClick: () => Promise<void>): HTMLElement {
  const b = el('button', { type: 'button', 'data-action': action }, label);
  b.addEventListener('click', () => void onClick().catch((e) => reportCallFailure(e)));
  return b;
}

/** The closed month's payroll onto the Payroll sheet. */
async function payroll(): Promise<void> {
  result.replaceChildren();
  status(a.working);
  const answer = await run<MonthAnswer>('bonusPayroll', month.value);
  if (!answer.ok) return status(answer.message, 'error');
  result.append(el('p', { class: 'done' }, answer.text));
  status('');
}

const close = confirmButton(a.closeMonth, a.closeQuestion, a.closeYes, () => show(true).catch((e) => reportCallFailure(e)));
app.replaceChildren(
  el('div', { class: 'field' }, el('label', {}, a.month), month),
  el(
    'div',
    { class: 'buttons' },
    button(a.compute, 'compute', compute),
    button(a.showStatements, 'show', () => {
      result.replaceChildren();
      return show(false);
    }),
  ),
  close,
  el('div', { class: 'buttons' }, button(String((boot.admin as { payroll?: string }).payroll), 'payroll', payroll)),
  result,
);
