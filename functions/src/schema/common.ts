import { z } from 'zod';

// Every rule about what text, ids, dates and money may hold lives here once; the API, the
// importer, the CLI and the public forms all validate through these schemas, so nothing reaches
// Firestore that it would refuse.

/** Lone UTF-16 surrogates cannot be stored (Firestore strings are UTF-8); refused before any write. */
export const notWellFormedMessage = 'is not valid Unicode text (it holds a lone surrogate)';
const layoutControls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const anyControl = /[\u0000-\u001F\u007F-\u009F]/;
/** Bidi embeddings, overrides and isolates: they make a name display as something else. */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/;

/** A lone surrogate: a high one not followed by a low one, or a low one without a high one before it. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `String.prototype.isWellFormed` as a pattern: the add-on bundles these schemas for Apps Script's older V8. */
export function isWellFormedText(text: string): boolean {
  return !loneSurrogate.test(text);
}

const wellFormedString = () => z.string().refine(isWellFormedText, { message: notWellFormedMessage, abort: true });

/** Free text (notes, report texts, reasons): valid Unicode; tabs and line breaks are fine, other control characters are not. */
export const boundedText = (max: number) =>
  wellFormedString()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !layoutControls.test(v), 'must not hold control characters (only tabs and line breaks)');

/** One-line text that names something (a person, a company, a form): no control characters, no bidi overrides. */
export const nameText = (max: number) =>
  wellFormedString()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !anyControl.test(v), 'must be one line without control characters')
    .refine((v) => !bidiControls.test(v), 'must not hold bidi override characters (U+202A–U+202E, U+2066–U+2069)');

/**
 * Firestore's rules for a document id: valid UTF-8, at most 1,500 bytes, no '/', not '.' or '..',
 * not `__…__`. The reason a value breaks them, or undefined when it may be used as an id.
 */
export function documentIdProblem(id: string): string | undefined {
  if (id === '') return 'must not be empty';
  if (!isWellFormedText(id)) return notWellFormedMessage;
  if (utf8Length(id) > 1500) return 'must be at most 1,500 bytes';
  if (id.includes('/')) return 'must not contain /';
  if (id === '.' || id === '..') return 'must not be . or ..';
  if (/^__.*__$/s.test(id)) return 'must not start and end with __ (reserved)';
  if (anyControl.test(id) || bidiControls.test(id)) return 'must not hold control or bidi override characters';
  return undefined;
}

/** UTF-8 byte length without Buffer or TextEncoder: the add-on bundles these schemas for Apps Script, which has neither. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export function isDocumentId(id: string): boolean {
  return documentIdProblem(id) === undefined;
}

/** An id made by the system (a task id, a job id) as it comes back from outside: anything Firestore accepts. */
export const documentIdSchema = z.string().superRefine((v, ctx) => {
  const problem = documentIdProblem(v);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
});

/** Ids people give (clients, managers, deals): readable in a spreadsheet cell and always a valid Firestore id. */
export const idSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/, 'may hold only letters, digits and _ . : @ - (starting with a letter or digit)');

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const instantPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function calendarProblem(year: number, month: number, day: number): string | undefined {
  if (year < 1000) return 'must have a four-digit year from 1000';
  if (month < 1 || month > 12) return 'is not a real calendar date (no such month)';
  if (day < 1 || day > daysInMonth(year, month)) return 'is not a real calendar date (no such day in that month)';
  return undefined;
}

export type ParsedDate = { ok: true; value: string } | { ok: false; message: string };

/**
 * Reads a date exactly as typed: a calendar day `YYYY-MM-DD`, or a date-time with seconds optional
 * and an explicit `Z` or `±hh:mm` offset. The calendar is checked on the text itself (30 February
 * is refused, never rolled into March); nothing else is guessed. Days stay as written (a company
 * day); date-times become UTC `toISOString()`, so stored strings sort in time order.
 */
export function parseIsoDate(text: string): ParsedDate {
  const day = dayPattern.exec(text);
  if (day) {
    const problem = calendarProblem(Number(day[1]), Number(day[2]), Number(day[3]));
    return problem === undefined ? { ok: true, value: text } : { ok: false, message: problem };
  }
  const m = instantPattern.exec(text);
  if (!m) return { ok: false, message: 'must be a date YYYY-MM-DD or a date-time with an offset, e.g. 2026-03-01T10:00:00+03:00' };
  const [year, month, date, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const problem = calendarProblem(year, month, date);
  if (problem !== undefined) return { ok: false, message: problem };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, message: 'is not a real time of day' };
  const offsetMinutes = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  if (m[8] !== 'Z' && (Number(m[10]) > 23 || Number(m[11]) > 59)) return { ok: false, message: 'has an offset that is not a real one' };
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, date);
  t.setUTCHours(hour, minute, second, Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)));
  const iso = new Date(t.getTime() - offsetMinutes * 60_000).toISOString();
  if (!/^\d{4}-/.test(iso)) return { ok: false, message: 'is out of range' };
  return { ok: true, value: iso };
}

/** A calendar day `YYYY-MM-DD` or a date-time with an offset (see `parseIsoDate`). */
export const isoDateSchema = wellFormedString()
  .trim()
  .transform((v, ctx) => {
    const parsed = parseIsoDate(v);
    if (parsed.ok) return parsed.value;
    ctx.issues.push({ code: 'custom', message: parsed.message, input: v });
    return z.NEVER;
  });

/** A calendar day only. */
export const daySchema = wellFormedString()
  .trim()
  .regex(dayPattern, { message: 'must be a date YYYY-MM-DD', abort: true })
  .superRefine((v, ctx) => {
    const parsed = parseIsoDate(v);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  });

export const monthSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

/** The largest sum of money anywhere (10^13 minor units = 100 billion roubles): bigger is a typo or an attack. */
export const maxMoney = 10_000_000_000_000;

/** Money in minor units (kopecks, cents): exact integers within ±maxMoney. */
export const moneySchema = z
  .number()
  .int({ message: 'must be a whole number of minor units (kopecks) within ±10^13', abort: true })
  .min(-maxMoney, 'must be at least -10^13 minor units')
  .max(maxMoney, 'must be at most 10^13 minor units (100 billion)');

export const nonNegativeMoneySchema = moneySchema.refine((v) => v >= 0, 'must not be negative');

export const rateSchema = z.number().min(0, 'must be at least 0').max(1, 'must be at most 1 (rates are fractions: 0.05 is 5 %)');

/** The first 10 characters of a day or timestamp: the day it falls on (UTC for timestamps). */
export function dayOf(value: string): string {
  return value.slice(0, 10);
}
