// Money crosses the add-on as kopecks (exact integers, as the API keeps it) and meets people as
// roubles: typed into forms ("1 234,56"), shown in sidebars and sheet cells.
import { groupDigits, type Locale } from './wording.ts';

/** The one number format of every money cell: Sheets groups and marks decimals as the spreadsheet's locale does. */
export const moneyFormat = '#,##0.00 "₽"';

/** A cell value: roubles as a number, for a sheet column formatted as money. */
export function roublesCell(kopecks: number): number {
  return kopecks / 100;
}

/** 123456 → "1 234,56 ₽" (ru) or "1,234.56 ₽" (en); exact, no float arithmetic. */
export function formatRoubles(kopecks: number, locale: Locale): string {
  const sign = kopecks < 0 ? '−' : '';
  const abs = Math.abs(kopecks);
  const group = locale === 'ru' ? '\u00a0' : ',';
  const whole = groupDigits(Math.trunc(abs / 100), group);
  return `${sign}${whole}${locale === 'ru' ? ',' : '.'}${String(abs % 100).padStart(2, '0')}\u00a0₽`;
}

/**
 * The base writes amounts in its notes as "50 000.00" (one language for the audit trail); people
 * read them as every other amount in the add-on: "50 000,00 ₽" or "50,000.00 ₽".
 */
export function localiseAmounts(text: string, locale: Locale): string {
  return text.replace(/(?<=^|[\s(:]|[\s(:][+-])(\d{1,3}(?: \d{3})*)\.(\d{2})(?![\d%])/g, (_all, whole: string, cents: string) =>
    formatRoubles(Number(whole.replace(/ /g, '')) * 100 + Number(cents), locale),
  );
}

export type ParsedMoney =
  | { ok: true; kopecks: number }
  | { ok: false; problem: 'empty' | 'not-a-number' | 'ambiguous' | 'too-precise' | 'too-large' };

/**
 * Roubles as people type them: "1234", "1 234,56", "1,234.56", "1.234,56", "-500", "1234.5 ₽",
 * "1234 руб." With both a comma and a dot, the last is the decimal separator; a lone one with one
 * or two digits after it is decimal. "12,500" could be either twelve and a half thousand or twelve
 * and a half, so it is refused rather than guessed: a bonus is no place for a factor of a thousand.
 * Converted by string arithmetic, so 0.1 + 0.2 never happens.
 */
export function parseRoubles(text: string): ParsedMoney {
  let s = text
    .replace(/[\s\u00a0\u202f']/g, '')
    .replace(/(₽|руб\.?|р\.|rub|rur)$/i, '')
    .replace(/^[−–]/, '-');
  if (s === '' || s === '-') return { ok: false, problem: 'empty' };
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  let whole = s;
  let fraction = '';
  const lastSeparator = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  if (lastSeparator >= 0) {
    const separator = s[lastSeparator]!;
    const other = separator === ',' ? '.' : ',';
    const after = s.slice(lastSeparator + 1);
    const single = s.indexOf(separator) === lastSeparator;
    if (s.includes(other) || (single && after.length !== 3)) {
      // The last separator is the decimal one; whatever comes before groups thousands.
      if (after.length > 2) return { ok: false, problem: /^\d+$/.test(after) ? 'too-precise' : 'not-a-number' };
      whole = s.slice(0, lastSeparator);
      fraction = after;
    } else if (single) {
      return { ok: false, problem: 'ambiguous' };
    }
    if (/[.,]/.test(whole)) {
      if (!/^\d{1,3}([.,]\d{3})+$/.test(whole) || (whole.includes(',') && whole.includes('.')))
        return { ok: false, problem: 'not-a-number' };
      whole = whole.replace(/[.,]/g, '');
    }
  }
  if (!/^\d+$/.test(whole) || !/^\d{0,2}$/.test(fraction)) return { ok: false, problem: 'not-a-number' };
  const digits = `${whole.replace(/^0+(?=\d)/, '')}${fraction.padEnd(2, '0')}`;
  const kopecks = Number(digits);
  if (!Number.isSafeInteger(kopecks)) return { ok: false, problem: 'too-large' };
  return { ok: true, kopecks: negative ? -kopecks : kopecks };
}
