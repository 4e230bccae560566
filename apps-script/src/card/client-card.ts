// The client card: a sidebar for the selected row with the whole history and forms for the day's
// work. The page calls these functions through google.script.run; each answers with data (never
// throws at the page) and reaches the base with a fresh identity token of its own.
import {
  addNote,
  estimateDeal,
  fetchClient,
  fetchTasks,
  fileReport,
  logContact,
  logDeal,
  recordConsent,
  updateClient,
  verifyContact,
} from '../api/staff-api.ts';
import { myManagerId, refreshClientRow, clientIdAtRow } from '../clients/my-clients.ts';
import { FormError, runSidebarCall, UserError, type SidebarAnswer } from '../workspace/feedback.ts';
import { todayRowClient } from '../today/today-sheet.ts';
import { showSidebar } from '../workspace/pages.ts';
import type { ActionContext } from '../workspace/session.ts';
import type { ListedClient, ListedDispute } from '../../../functions/src/api/contract.ts';
import { isApiError } from '../api/api-error.ts';
import { fetchMyDisputes } from '../api/dispute-api.ts';
import { disputeStatusText } from '../bonus/my-disputes.ts';
import { cardView, estimateView, type CardView, type EstimateView } from './card-view.ts';
import {
  consentForm,
  contactForm,
  dealForm,
  estimateForm,
  lostForm,
  nextContactForm,
  noteForm,
  reportForm,
  verifyContactForm,
  type FormInput,
  type FormResult,
} from './card-forms.ts';

export type CardAnswer = SidebarAnswer<{ card: CardView; done?: string }>;

/** Menu: the card of the client on the selected row. */
export function openClientCard(session: ActionContext): void {
  const row = session.spreadsheet.getActiveRange()?.getRow() ?? 0;
  const onToday = todayRowClient(session, row);
  if (onToday?.clientId === '') throw new UserError(session.m.today.selectRow);
  const { clientId, name } = onToday ?? clientIdAtRow(session, row);
  openCardOf(session, clientId, name);
}

/** The card of a client named elsewhere (a handover task). */
export function openCardOf(session: ActionContext, clientId: string, name: string): void {
  showSidebar(session, 'ClientCard', session.m.card.title(name), { clientId });
}

function formatWhen(session: ActionContext): (iso: string) => string {
  return (iso) => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : Utilities.formatDate(date, session.timeZone, 'yyyy-MM-dd HH:mm');
  };
}

/** The caller's disputes about this client; a base without disputes leaves the card without them. */
function myDisputesOn(clientId: string): ListedDispute[] {
  try {
    return fetchMyDisputes().disputes.filter((d) => d.clientId === clientId);
  } catch (e) {
    if (isApiError(e)) return [];
    throw e;
  }
}

function loadCard(session: ActionContext, clientId: string): { card: CardView; client: ListedClient } {
  const answer = fetchClient(clientId);
  const tasks = fetchTasks();
  const disputes = myDisputesOn(clientId).map((d) => ({
    month: d.month,
    reason: session.m.disputes.reasons[d.reason],
    status: disputeStatusText(session, d),
  }));
  const ctx = { m: session.m, locale: session.locale, myId: myManagerId(), today: session.today, formatWhen: formatWhen(session) };
  return {
    card: cardView(answer, tasks, ctx, disputes),
    client: answer.client,
  };
}

export function cardLoad(clientId: string): CardAnswer {
  return runSidebarCall((session) => ({ card: loadCard(session, String(clientId)).card }));
}

function valid<T>(result: FormResult<T>): T {
  if (!result.ok) throw new FormError(result.fieldErrors);
  return result.body;
}

/** After any card action: the card again, and the client's row in the sheet brought up to date. */
function afterAction(session: ActionContext, clientId: string, done: string): { card: CardView; done: string } {
  const { card, client } = loadCard(session, clientId);
  refreshClientRow(session, client);
  return { card, done };
}

export function cardLogDeal(clientId: string, form: FormInput): CardAnswer {
  return runSidebarCall((session) => {
    logDeal(clientId, valid(dealForm(form, `d-${Utilities.getUuid()}`, session.m)));
    return afterAction(session, clientId, session.m.sidebar.done.deal);
  });
}

export type EstimateAnswer = SidebarAnswer<{ estimate: EstimateView; done: string }>;

/** The estimator: the lines a deal of this amount and profit made today would add to my month; nothing is recorded. */
export function cardEstimate(clientId: string, form: FormInput): EstimateAnswer {
  return runSidebarCall((session) => {
    const estimate = estimateDeal(String(clientId), valid(estimateForm(form, session.m)));
    return { estimate: estimateView(estimate, session), done: session.m.sidebar.done.estimate };
  });
}

/** A contact logged, and the next one planned when the person gave its day (checked before anything is sent). */
export function cardLogContact(clientId: string, form: FormInput): CardAnswer {
  return runSidebarCall((session) => {
    const contact = contactForm(form, session.m);
    const next = nextContactForm(form, session.today, session.m);
    if (!contact.ok || !next.ok) throw new FormError({ ...(contact.ok ? {} : contact.fieldErrors), ...(next.ok ? {} : next.fieldErrors) });
    logContact(clientId, contact.body);
    if (next.body.nextContactOn !== null) updateClient(clientId, { version: fetchClient(clientId).client.version, changes: next.body });
    return afterAction(session, clientId, session.m.sidebar.done.contact);
  });
}

/** The next contact set or cleared on the version the card showed: a newer edit is a conflict, not overwritten. */
export function cardSetNextContact(clientId: string, version: number, form: FormInput): CardAnswer {
  return runSidebarCall((session) => {
    updateClient(clientId, { version: Number(version), changes: valid(nextContactForm(form, session.today, session.m)) });
    return afterAction(session, clientId, session.m.sidebar.done.next);
  });
}

export function cardAddNote(clientId: string, form: FormInput): CardAnswer {
  return runSidebarCall((session) => {
    addNote(clientId, valid(noteForm(form, session.m)));
    return afterAction(session, clientId, session.m.sidebar.done.note);
  });
}

export function cardRecordConsent(clientId: string, form: FormInput): CardAnswer {
  return runSidebarCall((session) => {
    recordConsent(clientId, valid(consentForm(form, session.m)));
    return afterAction(session, clientId, session.m.sidebar.done.consent);
  });
}

/** The holder accepts a contact a sign-up gave (it joins the client) or declines it (it is dropped). */
export function cardVerifyContact(clientId: string, form: FormInput): CardAnswer {
  return runSidebarCall((session) => {
    const body = valid(verifyContactForm(form, session.m));
    verifyContact(clientId, body);
    return afterAction(session, clientId, body.decision === 'accept' ? session.m.sidebar.done.accepted : session.m.sidebar.done.declined);
  });
}

/** Marking lost edits the client on the version the card showed: a newer edit is a conflict, not overwritten. */
export function cardMarkLost(clientId: string, version: number, form: FormInput): CardAnswer {
  return renameFields(
    runSidebarCall((session) => {
      updateClient(clientId, { version: Number(version), changes: valid(lostForm(form, session.m)) });
      return afterAction(session, clientId, session.m.sidebar.done.lost);
    }),
    { lostAt: 'date', lostReason: 'reason' },
  );
}

export function cardFileReport(clientId: string, form: FormInput): CardAnswer {
  return runSidebarCall((session) => {
    fileReport(String(form.taskId ?? ''), valid(reportForm(form, session.m)));
    return afterAction(session, clientId, session.m.sidebar.done.report);
  });
}

/** The API names the client's fields; the form calls some of them otherwise. */
function renameFields<T extends object>(answer: SidebarAnswer<T>, names: Record<string, string>): SidebarAnswer<T> {
  if (answer.ok) return answer;
  const fieldErrors: Record<string, string> = {};
  for (const [k, v] of Object.entries(answer.fieldErrors)) fieldErrors[names[k] ?? k] = v;
  return { ...answer, fieldErrors };
}
