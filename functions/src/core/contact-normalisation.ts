import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { checkInn } from './tax-number.ts';

/** Numbers written without a country code are read as Russian ones (the company's market). */
export const defaultPhoneCountry: CountryCode = 'RU';

export type Normalised = { ok: true; value: string } | { ok: false; message: string };

export function normalisePhone(raw: string, country: CountryCode = defaultPhoneCountry): Normalised {
  const parsed = parsePhoneNumberFromString(raw.trim(), country);
  if (!parsed?.isValid()) return { ok: false, message: 'not a valid phone number' };
  return { ok: true, value: parsed.number };
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(raw: string): Normalised {
  const value = raw.trim().toLowerCase();
  if (!emailPattern.test(value)) return { ok: false, message: 'not a valid e-mail address' };
  return { ok: true, value };
}

export function normaliseTaxNumber(raw: string): Normalised {
  const check = checkInn(raw);
  return check.ok ? { ok: true, value: check.inn } : { ok: false, message: check.message };
}

/** The client fields that hold contacts, each with the prefix of its duplicate-lookup keys. */
export type ContactField = 'phones' | 'emails' | 'taxNumber';
const keyPrefixes: Record<ContactField, string> = { phones: 'phone:', emails: 'email:', taxNumber: 'inn:' };

/** The client field a duplicate-lookup key (`phone:+7…`, `email:…`, `inn:…`) came from: a refusal names that field. */
export function contactKeyField(key: string): ContactField {
  return key.startsWith(keyPrefixes.phones) ? 'phones' : key.startsWith(keyPrefixes.emails) ? 'emails' : 'taxNumber';
}

export type ContactFields = { phones: string[]; emails: string[]; taxNumber?: string | undefined };
export type ContactIssue = { path: (string | number)[]; message: string };

/**
 * Normalises a client's contacts and returns them with their duplicate keys. Every bad contact is
 * reported by its path so that callers can name the field or cell.
 */
export function normaliseContacts(fields: ContactFields): { contacts: ContactFields; keys: string[]; issues: ContactIssue[] } {
  const issues: ContactIssue[] = [];
  const phones: string[] = [];
  const emails: string[] = [];
  fields.phones.forEach((raw, i) => {
    const r = normalisePhone(raw);
    if (r.ok) {
      if (!phones.includes(r.value)) phones.push(r.value);
    } else issues.push({ path: ['phones', i], message: r.message });
  });
  fields.emails.forEach((raw, i) => {
    const r = normaliseEmail(raw);
    if (r.ok) {
      if (!emails.includes(r.value)) emails.push(r.value);
    } else issues.push({ path: ['emails', i], message: r.message });
  });
  let taxNumber: string | undefined;
  if (fields.taxNumber !== undefined && fields.taxNumber !== '') {
    const r = normaliseTaxNumber(fields.taxNumber);
    if (r.ok) taxNumber = r.value;
    else issues.push({ path: ['taxNumber'], message: r.message });
  }
  const keys = [...phones.map((p) => `${keyPrefixes.phones}${p}`), ...emails.map((e) => `${keyPrefixes.emails}${e}`)];
  if (taxNumber) keys.push(`${keyPrefixes.taxNumber}${taxNumber}`);
  return { contacts: { phones, emails, ...(taxNumber ? { taxNumber } : {}) }, keys, issues };
}

/** A client (or anything with contacts) with its contacts normalised, its duplicate keys, and the bad contacts by path. */
export function withNormalisedContacts<C extends ContactFields>(client: C): { client: C; keys: string[]; issues: ContactIssue[] } {
  const { contacts, keys, issues } = normaliseContacts(client);
  const normalised: C = { ...client, phones: contacts.phones, emails: contacts.emails };
  if (contacts.taxNumber !== undefined) normalised.taxNumber = contacts.taxNumber;
  return { client: normalised, keys, issues };
}

/** A contact key already held by another client, as the duplicate lookup finds it. */
export type DuplicateContact = { key: string; clientId: string };

/** Each duplicate named by the field it is in; the other client is named by its id and nothing else. */
export function duplicateIssues(found: ReadonlyArray<DuplicateContact>, prefix = ''): { path: string; message: string }[] {
  return found.map((f) => ({
    path: prefix === '' ? contactKeyField(f.key) : `${prefix}.${contactKeyField(f.key)}`,
    message: `already in the base as client ${f.clientId}`,
  }));
}

/** Whether a client has a contact duplicate control can see: a phone, an e-mail or an INN. */
export function hasContact(fields: ContactFields): boolean {
  return fields.phones.length > 0 || fields.emails.length > 0 || (fields.taxNumber !== undefined && fields.taxNumber !== '');
}

/**
 * A client without any contact is invisible to duplicate control, so anyone could "attract" a
 * company the base already has by leaving its contacts out: every client keeps at least one.
 */
export function missingContactIssue(prefix = ''): { path: string; message: string } {
  return {
    path: prefix === '' ? 'phones' : `${prefix}.phones`,
    message: 'add a phone, an e-mail or an INN: a client needs a contact duplicate control can see',
  };
}

/** Every duplicate key a typed contact (a phone, an e-mail or an INN, as staff write it) may stand for. */
export function keysOfTypedContact(raw: string): string[] {
  const readings = [
    [normalisePhone(raw), keyPrefixes.phones],
    [normaliseEmail(raw), keyPrefixes.emails],
    [normaliseTaxNumber(raw), keyPrefixes.taxNumber],
  ] as const;
  const keys = readings.flatMap(([r, prefix]) => (r.ok ? [`${prefix}${r.value}`] : []));
  return keys.filter((k, i) => keys.indexOf(k) === i);
}

/**
 * What the admin's release of a typed contact frees: of the keys it stands for, those the base
 * still has claimed for the client (`claimed`) but that are none of its contacts now (`held`). One
 * it still holds, or never had, is refused naming the field `contact`.
 */
export function releasePlan(
  readings: ReadonlyArray<string>,
  claimed: ReadonlyArray<string>,
  held: ReadonlyArray<string>,
): { ok: true; keys: string[] } | { ok: false; issue: { path: string; message: string } } {
  if (readings.some((k) => held.includes(k)))
    return { ok: false, issue: { path: 'contact', message: "is still one of the client's contacts: remove it from the client first" } };
  const keys = readings.filter((k) => claimed.includes(k));
  if (keys.length === 0) return { ok: false, issue: { path: 'contact', message: 'is not a contact this client has or once had' } };
  return { ok: true, keys };
}
