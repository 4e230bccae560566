/** What `Range.getValues()` hands back for one cell. */
export type CellValue = string | number | boolean | Date | null | undefined;

/** How a Date cell reads as a calendar day: in the spreadsheet's time zone, which Apps Script knows. */
export type DayFormatter = (date: Date) => string;

/**
 * A cell as text the add-on can compare: trimmed strings, numbers as written, dates as
 * `YYYY-MM-DD` in the spreadsheet's time zone (Sheets turns a typed or written ISO day into a
 * Date; reading it back must give the same day), empty for blanks.
 */
export function cellText(value: CellValue, formatDay: DayFormatter): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') {
    const date = value as Date;
    return Number.isNaN(date.getTime()) ? '' : formatDay(date);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value).trim();
}

/** A calendar day of an ISO date or timestamp, for display: the day part as the API wrote it. */
export function isoDay(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '';
}

/** Several values in one cell ("+7916…, +7903…"): split on commas, semicolons or line breaks. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function joinList(values: readonly string[] | undefined): string {
  return (values ?? []).join(', ');
}

/**
 * A string written by the add-on that Sheets would run as a formula ("=HYPERLINK(…)" typed as a
 * client's name) is written as text with a leading apostrophe, which Sheets does not keep.
 */
export function safeText(text: string): string {
  return /^[=]/.test(text) ? `'${text}` : text;
}

/** 1 → A, 27 → AA: for A1 notation in formulas, rules and range lists. */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
