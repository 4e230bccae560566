// The client card's forms: what the person typed (strings from the sidebar) → the API's body, or
// the message for each field that cannot be sent. Pure. The card marks an empty field or a bad day
// or sum at once; the base checks the rest, and its words for a field come back to that field.
import type {
  ConsentBody,
  ContactBody,
  DealBody,
  EstimateBody,
  NoteBody,
  ReportBody,
  VerifyContactBody,
} from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import { parseRoubles } from '../money.ts';

export type FormInput = Record<string, string | undefined>;
export type FormResult<T> = { ok: true; body: T } | { ok: false; fieldErrors: Record<string, string> };

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const text = (input: FormInput, key: string) => (input[key] ?? '').trim();

/** Each named field must not be empty; the body goes as built when none is. */
function check<T>(body: T, required: readonly string[], errors: Record<string, string>, m: Messages): FormResult<T> {
  for (const field of required) {
    const value = (body as Record<string, unknown>)[field];
    if (value === '' || value === undefined) errors[field] ??= m.form.required;
  }
  return Object.keys(errors).length > 0 ? { ok: false, fieldErrors: errors } : { ok: true, body };
}

function day(input: FormInput, key: string, errors: Record<string, string>, m: Messages): string {
  const value = text(input, key);
  if (value === '') errors[key] = m.form.required;
  else if (!dayPattern.test(value)) errors[key] = m.form.badDay;
  return value;
}

function money(input: FormInput, key: string, errors: Record<string, string>, m: Messages): number {
  const parsed = parseRoubles(text(input, key));
  if (!parsed.ok) {
    errors[key] = m.form.money[parsed.problem];
    return 0;
  }
  return parsed.kopecks;
}

/** A deal: roubles typed, kopecks sent; the id is made here so a retried request cannot log it twice. */
export function dealForm(input: FormInput, id: string, m: Messages): FormResult<DealBody & { id: string }> {
  const errors: Record<string, string> = {};
  const body = {
    id,
    date: day(input, 'date', errors, m),
    amount: money(input, 'amount', errors, m),
    profit: money(input, 'profit', errors, m),
  };
  return check(body, [], errors, m);
}

/** The estimator: a deal's amount and profit as the deal form takes them, undated (it is made today). */
export function estimateForm(input: FormInput, m: Messages): FormResult<EstimateBody> {
  const errors: Record<string, string> = {};
  const body = { amount: money(input, 'amount', errors, m), profit: money(input, 'profit', errors, m) };
  return check(body, [], errors, m);
}

export function contactForm(input: FormInput, m: Messages): FormResult<ContactBody> {
  return check({ channel: text(input, 'channel') as ContactBody['channel'], text: text(input, 'text') }, ['channel'], {}, m);
}

/** The next contact's day: empty clears it; a day before today is refused here, as the base would. */
export function nextContactForm(input: FormInput, today: string, m: Messages): FormResult<{ nextContactOn: string | null }> {
  const value = text(input, 'nextContactOn');
  const errors: Record<string, string> = {};
  if (value !== '' && !dayPattern.test(value)) errors.nextContactOn = m.form.badDay;
  else if (value !== '' && value < today) errors.nextContactOn = m.sidebar.notBeforeToday;
  return check({ nextContactOn: value === '' ? null : value }, [], errors, m);
}

export function noteForm(input: FormInput, m: Messages): FormResult<NoteBody> {
  return check({ text: text(input, 'text') }, ['text'], {}, m);
}

/** A consent or its withdrawal, with the proof: the form's number, the consent text version, who recorded it. */
/** The base names who recorded it (the caller): the proof carries only what the person gave. */
export function consentForm(input: FormInput, m: Messages): FormResult<ConsentBody> {
  const proof: Record<string, string> = {};
  if (text(input, 'formId') !== '') proof.formId = text(input, 'formId');
  if (text(input, 'textVersion') !== '') proof.textVersion = text(input, 'textVersion');
  const body = { channel: text(input, 'channel'), status: text(input, 'status'), method: text(input, 'method'), proof } as ConsentBody;
  // A questionnaire is proved by its number: the base refuses one without it, so the card says it at once.
  const errors: Record<string, string> = body.method === 'questionnaire' && proof.formId === undefined ? { formId: m.form.required } : {};
  return check(body, ['channel', 'status', 'method'], errors, m);
}

/** The holder's decision on a contact to verify: the button pressed says which. */
export function verifyContactForm(input: FormInput, m: Messages): FormResult<VerifyContactBody> {
  const body = {
    channel: text(input, 'channel') as VerifyContactBody['channel'],
    address: text(input, 'address'),
    decision: text(input, 'decision') as VerifyContactBody['decision'],
  };
  return check(body, ['channel', 'address', 'decision'], {}, m);
}

/** Marking the client lost is an edit of the client, made on the version the card was loaded at. */
export function lostForm(input: FormInput, m: Messages): FormResult<{ lostAt: string; lostReason: string; competitor: string | null }> {
  const errors: Record<string, string> = {};
  const lostAt = day(input, 'date', errors, m);
  const reason = text(input, 'reason');
  if (reason === '') errors.reason = m.form.required;
  const competitor = text(input, 'competitor');
  return Object.keys(errors).length > 0
    ? { ok: false, fieldErrors: errors }
    : { ok: true, body: { lostAt, lostReason: reason, competitor: competitor === '' ? null : competitor } };
}

export function reportForm(input: FormInput, m: Messages): FormResult<ReportBody> {
  const errors: Record<string, string> = {};
  if (text(input, 'taskId') === '') errors.taskId = m.form.required;
  return check({ text: text(input, 'text'), outcome: text(input, 'outcome') as ReportBody['outcome'] }, ['text', 'outcome'], errors, m);
}
