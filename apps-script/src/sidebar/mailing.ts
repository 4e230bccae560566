// The mailing sidebar: the channel, the cadence in force, which list (the mailing list or the
// confirmation requests to web sign-ups), "export"; the list lands on a new sheet and can be
// downloaded as CSV right here.
import type { MailingAnswer } from '../page-contract.ts';
import { a } from './admin-page.ts';
import { boot, run } from './bridge.ts';
import { el, reportCallFailure, status } from './dom.ts';

const cadence = boot.cadence as { sms: number; email: number };
const app = document.getElementById('app')!;
const result = el('section', { id: 'result' });

function choice(value: 'sms' | 'email', label: string, days: number): HTMLElement {
  return el(
    'label',
    { class: 'choice' },
    el('input', { type: 'radio', name: 'channel', value, checked: value === 'email' }),
    ` ${label} — ${a.cadence} ${days}`,
  );
}

function listChoice(value: 'mailing' | 'confirmation', label: string): HTMLElement {
  return el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'list', value, checked: value === 'mailing' }), ` ${label}`);
}

const picked = (name: string) => (document.querySelector(`input[name="${name}"]:checked`) as HTMLInputElement | null)?.value ?? '';

async function exportList(): Promise<void> {
  status(a.working);
  try {
    const answer = await run<MailingAnswer>('mailingExport', picked('channel'), picked('list'));
    if (!answer.ok) return status(answer.message, 'error');
    const link = el(
      'a',
      {
        href: URL.createObjectURL(new Blob([answer.csv], { type: 'text/csv;charset=utf-8' })),
        download: answer.fileName,
        class: 'download',
      },
      a.downloadCsv,
    );
    result.replaceChildren(el('p', { class: 'done' }, answer.text), ...(answer.count > 0 ? [link] : []));
    status('');
  } catch (e) {
    reportCallFailure(e);
  }
}

const go = el('button', { type: 'button', 'data-action': 'export' }, a.exportList);
go.addEventListener('click', () => void exportList());
app.replaceChildren(
  el('p', {}, a.mailingIntro),
  choice('email', a.email, cadence.email),
  choice('sms', a.sms, cadence.sms),
  el('p', {}, a.listKind),
  listChoice('mailing', a.mailingList),
  listChoice('confirmation', a.confirmationList),
  go,
  result,
);
