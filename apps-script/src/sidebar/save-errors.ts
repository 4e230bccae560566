// The cells a My clients save refused: each with its cell, client, field and reason, and "Go to cell"
// (the add-on finds the client's row by its id now, wherever sorting has put it).
import type { RefusedCellView, SidebarAnswer } from '../page-contract.ts';
import { boot, run } from './bridge.ts';
import { el, reportCallFailure, status } from './dom.ts';

type Words = { intro: string; goToCell: string; wentTo: string };
const words = boot.words as Words;
const app = document.getElementById('app')!;

function goTo(cell: RefusedCellView): void {
  void run<SidebarAnswer<{ cell: string }>>('saveErrorsGoTo', cell.clientId, cell.key, cell.row)
    .then((answer) => status(answer.ok ? `${words.wentTo} ${answer.cell}` : answer.message, answer.ok ? 'info' : 'error'))
    .catch((e) => reportCallFailure(e));
}

function render(cells: RefusedCellView[]): void {
  const items = cells.map((c) => {
    const button = el('button', { type: 'button', class: 'link' }, words.goToCell);
    button.addEventListener('click', () => goTo(c));
    return el(
      'li',
      { class: 'problem' },
      el('div', {}, el('strong', {}, c.client || c.cell), el('span', { class: 'muted' }, ` · ${c.cell} · ${c.field}`)),
      el('div', { class: 'error' }, c.reason),
      button,
    );
  });
  app.replaceChildren(el('p', {}, words.intro), el('ol', { class: 'problems' }, ...items));
}

render(boot.cells as RefusedCellView[]);
