import type { Channel } from '../../schema/consent.ts';

/** An advertising list (granted contacts) or a list of confirmation requests to pending sign-ups. */
export type ListKind = 'mailing' | 'confirmation';

/** A row of an exported list, as the API and the CLI answer it. */
type ListRow = { clientId: string; name: string; channel: Channel; address: string };
export type MailingRow = ListRow & { unsubscribeToken: string; unsubscribeUrl: string };
export type ConfirmationRow = ListRow & { confirmToken: string; confirmUrl: string };

/**
 * RFC 4180 CSV: CRLF lines; fields with a comma, quote or line break are quoted, quotes doubled.
 * Free text that a spreadsheet would run as a formula (= + - @ at the start) is prefixed with an
 * apostrophe: names come from a public form and the list is opened in Sheets.
 */
export function csvField(value: string, options: { guardFormula?: boolean } = {}): string {
  const v = options.guardFormula && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(
  header: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  guarded: ReadonlySet<number> = new Set(),
): string {
  const line = (cells: ReadonlyArray<string>) => cells.map((c, i) => csvField(c, { guardFormula: guarded.has(i) })).join(',');
  return [line(header), ...rows.map(line)].map((l) => `${l}\r\n`).join('');
}
