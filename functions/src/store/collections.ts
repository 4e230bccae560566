import { createHash, randomUUID } from 'node:crypto';

/** Firestore layout: one place names every collection (see docs/data-model.md). */
export const collections = {
  managers: 'managers',
  clients: 'clients',
  /** `clients/{id}/history/{entryId}`: append-only; travels with the client. */
  history: 'history',
  deals: 'deals',
  /** `contactKeys/{phone:+7...|email:...|inn:...}` → `{ clientId }`: makes duplicate refusal race-free. */
  contactKeys: 'contactKeys',
  /** `config/rules` (current) and `config/rules/versions/{n}`. */
  config: 'config',
  rotationRuns: 'rotationRuns',
  tasks: 'tasks',
  statements: 'statements',
  bonusRuns: 'bonusRuns',
  /** `bonusMonths/{YYYY-MM}`: whether the month's statements are closed, and the run that wrote them. */
  bonusMonths: 'bonusMonths',
  /**
   * `bonusCorrections/{clientId}`: a write changed bonus facts of the client dated in a month already
   * computed (the dates it touched); the bonus job adjusts the closed months they lead to, then drops it.
   */
  bonusCorrections: 'bonusCorrections',
  audit: 'audit',
  /**
   * `audit/_chains/heads/{shard}`: the last entry of each audit chain (its number and hash), moved in
   * the entry's transaction; under `audit/` so whatever treats the audit log as one place sees them with it.
   */
  auditChains: 'audit/_chains/heads',
  /** `destructiveEdits/{managerId}_{day}`: the clients a manager removed contacts from or cleared fields of that company day. */
  destructiveEdits: 'destructiveEdits',
  mailingExports: 'mailingExports',
  /** Claims of scheduled runs, keyed by job and schedule slot. */
  jobRuns: 'jobRuns',
  counters: 'counters',
  /**
   * `mailingMarks/{clientId}_{channel}`: when the contact was last put on a list or asked to confirm
   * a sign-up (the cadence), and how many confirmation requests it was sent.
   */
  mailingMarks: 'mailingMarks',
  /**
   * `contactsToVerify/{clientId}_{contactKeyId}`: a contact a sign-up gave for a client it matched by
   * another contact, waiting for the holder to accept or decline it (it joins the client only then).
   */
  contactsToVerify: 'contactsToVerify',
  /** `rateLimits/{ip}_{minute}`: public sign-ups per client IP per minute. */
  rateLimits: 'rateLimits',
  /** `adminAlerts/{kind}_{subject}`: things the head of sales must see, e.g. an overdue handover report. */
  adminAlerts: 'adminAlerts',
  /** `disputes/{id}`: a manager's question about a line of their statement, and the head of sales' answer. */
  disputes: 'disputes',
  /** `acknowledgements/{month}_{managerId}`: a manager signed off their statement of a closed month. */
  acknowledgements: 'acknowledgements',
  /** `runReports/{kind}_{slot}`: each scheduled run's outcome and its tabs waiting to be published to the reports spreadsheet. */
  runReports: 'runReports',
} as const;

/**
 * Firestore ids may not contain '/' and hold at most 1,500 bytes; contact keys may (never in
 * practice: a long e-mail in Cyrillic), so they are escaped, and an escaped key too long for an id
 * is replaced by its hash.
 */
export function contactKeyId(key: string): string {
  const escaped = encodeURIComponent(key);
  return escaped.length <= 1000 ? escaped : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/**
 * A document id that sorts in time order: the 17 digits of `at` (YYYYMMDDhhmmssSSS), then a
 * suffix that makes it unique (random, or fixed where a retry must write the same document).
 */
export function timeOrderedId(at: string, suffix: string = randomUUID().slice(0, 8)): string {
  return `${at
    .replace(/[^0-9]/g, '')
    .padEnd(17, '0')
    .slice(0, 17)}-${suffix}`;
}
