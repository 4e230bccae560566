// What the head of sales' pages share: their strings, tables, a confirmation step, and following a
// server job to its end by polling it (one short google.script.run call per look).
import type { Messages } from '../messages.ts';
import type { JobAnswer, JobView } from '../page-contract.ts';
import { boot, run } from './bridge.ts';
import { el, status } from './dom.ts';

export type AdminStrings = Messages['admin']['pages'];
export const a = boot.admin as AdminStrings;

/** How often a running job is looked at: every second at first, then every three (each look is one fetch of the day's quota). */
const pollMs = (seconds: number) => (seconds < 20 ? 1000 : 3000);

export function table(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
  className = 'grid',
): HTMLElement {
  return el(
    'table',
    { class: className },
    el('thead', {}, el('tr', {}, ...header.map((h) => el('th', {}, h)))),
    el(
      'tbody',
      {},
      ...rows.map((r) =>
        el('tr', {}, ...r.map((c) => el('td', { class: typeof c === 'number' ? 'num' : undefined }, c === null ? '' : String(c)))),
      ),
    ),
  );
}

export function lines(texts: readonly string[], className = 'summary'): HTMLElement {
  return el('div', { class: className }, ...texts.map((t) => el('p', {}, t)));
}

/** A button that asks once more before it acts: the question, then "yes" and "cancel". */
export function confirmButton(label: string, question: string, yes: string, act: () => Promise<void>): HTMLElement {
  const box = el('div', { class: 'confirm' });
  const start = el('button', { type: 'button', 'data-action': 'ask' }, label);
  start.addEventListener('click', () => {
    const go = el('button', { type: 'button', 'data-action': 'confirm' }, yes);
    const cancel = el('button', { type: 'button', class: 'secondary', 'data-action': 'cancel' }, a.cancel);
    cancel.addEventListener('click', () => box.replaceChildren(start));
    go.addEventListener('click', () => {
      go.disabled = true;
      cancel.disabled = true;
      void act().finally(() => box.replaceChildren());
    });
    box.replaceChildren(el('p', { class: 'warning' }, question), go, cancel);
  });
  box.append(start);
  return box;
}

/** Follows a job until it is no longer running; `progress` gets each look. */
export async function followJob(jobId: string, progress: (job: JobView) => void): Promise<JobView | null> {
  for (;;) {
    const answer = await run<JobAnswer>('adminJob', jobId);
    if (!answer.ok) {
      status(answer.message, 'error');
      return null;
    }
    progress(answer.job);
    if (answer.job.status !== 'running') return answer.job;
    await new Promise((resolve) => setTimeout(resolve, pollMs(answer.job.seconds)));
  }
}

/** A progress line with a moving bar, replaced by the outcome. */
export function progressBox(): { node: HTMLElement; show: (job: JobView) => void } {
  const text = el('p', { class: 'progress-text', role: 'status' });
  const bar = el('div', { class: 'progress' }, el('div', { class: 'bar' }));
  const node = el('div', { class: 'job' }, bar, text);
  return {
    node,
    show: (job) => {
      text.textContent = job.text;
      bar.hidden = job.status !== 'running';
      node.className = `job ${job.status}`;
    },
  };
}
