// The client card's forms: what the person typed (strings from the sidebar) → the API's body, or
// the message for each field that cannot be sent. Pure. The API's own schemas do the checking, so
// the card refuses exactly what the base would refuse, before sending.
import type { z } from 'zod';
import { consentBody, contactBody, dealBody, noteBody, reportBody } from '../../../functions/src/api/schemas.ts';
import type { Messages } from '../messages.ts';
import { parseRoubles } from '../money.ts';

export type FormInput = Record<string, string | undefined>;
export type FormResult<T> = { ok: true; body: T } | { ok: false; fieldErrors: Record<string, string> };

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const text = (input: FormInput, key: string) => (input[key] ?? '').trim();

function check<S extends z.ZodType>(schema: S, body: unknown, errors: Record<string, string>, m: Messages): FormResult<z.input<S>> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[issue.path.length - 1] ?? 'form');
      const value = (body as Record<string, unknown>)[field];
      errors[field] ??= value === '' || value === undefined ? m.form.required : issue.message;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, fieldErrors: errors } : { ok: true, body: body as z.input<S> };
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
export function dealForm(input: FormInput, id: string, m: Messages): FormResult<z.input<typeof dealBody> & { id: string }> {
  const errors: Record<string, string> = {};
  const body = {
    id,
    date: day(input, 'date', errors, m),
    amount: money(input, 'amount', errors, m),
    profit: money(input, 'profit', errors, m),
  };
  return check(dealBody, body, errors, m) as FormResult<z.input<typeof dealBody> & { id: string }>;
}

export function contactForm(input: FormInput, m: Messages): FormResult<z.input<typeof contactBody>> {
  return check(contactBody, { channel: text(input, 'channel'), text: text(input, 'text') }, {}, m);
}

export function noteForm(input: FormInput, m: Messages): FormResult<z.input<typeof noteBody>> {
  return check(noteBody, { text: text(input, 'text') }, {}, m);
}

/** A consent or its withdrawal, with the proof: the form's number, the consent text version, who recorded it. */
export function consentForm(input: FormInput, recordedBy: string, m: Messages): FormResult<z.input<typeof consentBody>> {
  const proof: Record<string, string> = { recordedBy };
  if (text(input, 'formId') !== '') proof.formId = text(input, 'formId');
  if (text(input, 'textVersion') !== '') proof.textVersion = text(input, 'textVersion');
  return check(
    consentBody,
    { channel: text(input, 'channel'), status: text(input, 'status'), method: text(input, 'method'), proof },
    {},
    m,
  );
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

export function reportForm(input: FormInput, m: Messages): FormResult<z.input<typeof reportBody>> {
  const errors: Record<string, string> = {};
  if (text(input, 'taskId') === '') errors.taskId = m.form.required;
  return check(reportBody, { text: text(input, 'text'), outcome: text(input, 'outcome') }, errors, m);
}
