// The Config sheet's publish errors: each with its setting and cell, "go to cell" (the add-on finds
// the row by its key and activates the cell), and "Publish again" once they are fixed.
import type { ProblemView, PublishAnswer, SidebarAnswer } from '../page-contract.ts';
import { a } from './admin-page.ts';
import { boot, run } from './bridge.ts';
import { el, reportCallFailure, status } from './dom.ts';

const app = document.getElementById('app')!;

function goTo(problem: ProblemView): void {
  void run<SidebarAnswer<{ cell: string }>>('configGoTo', problem.key, problem.column)
    .then((answer) => status(answer.ok ? `${a.wentTo} ${answer.cell}` : answer.message, answer.ok ? 'info' : 'error'))
    .catch((e) => reportCallFailure(e));
}

function render(problems: ProblemView[]): void {
  const items = problems.map((p) =>
    el(
      'li',
      { class: 'problem' },
      el('div', {}, el('strong', {}, p.label), p.cell ? el('span', { class: 'muted' }, ` · ${p.cell}`) : null),
      el('div', { class: 'error' }, p.message),
      p.key !== null && p.cell ? button(a.goToCell, 'link', () => goTo(p)) : null,
    ),
  );
  app.replaceChildren(el('p', {}, a.errorsIntro), el('ol', { class: 'problems' }, ...items), button(a.publishAgain, '', publishAgain));
}

function button(label: string, className: string, onClick: () => void): HTMLElement {
  const b = el('button', { type: 'button', class: className || undefined }, label);
  b.addEventListener('click', onClick);
  return b;
}

async function publishAgain(): Promise<void> {
  status(a.publishing);
  try {
    const answer = await run<PublishAnswer>('configPublishAgain');
    if (!answer.ok) return status(answer.message, 'error');
    const outcome = answer.outcome;
    if (outcome.status === 'published') {
      app.replaceChildren(el('p', { class: 'done' }, `${a.publishedVersion} ${outcome.version}`));
      status('');
    } else if (outcome.status === 'invalid') {
      render(outcome.problems);
      status(a.stillErrors, 'error');
    } else {
      app.replaceChildren(el('p', { class: 'warning' }, outcome.message));
      status('');
    }
  } catch (e) {
    reportCallFailure(e);
  }
}

render(boot.problems as ProblemView[]);
