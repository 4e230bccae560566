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
