import { TZDate, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns';

/**
 * Cell values as the spreadsheet double keeps them (what `getValues()` returns: numbers, strings,
 * booleans, Dates, '' for empty) and the Sheets behaviours around them that add-ons trip on: a string
 * written to a cell is read like a person's typing ("0123" becomes the number 123, "2025-01-10" a
 * Date, "=A1" a formula) unless the cell's number format is plain text ('@'); and display formats.
 */
export type CellValue = string | number | boolean | Date;
export type SheetLocale = { locale: string; timeZone: string };

const msPerDay = 86_400_000;
/** Days from Sheets' epoch (1899-12-30) to the Unix epoch. */
const unixEpochSerial = 25569;

/** A date as Sheets' serial number (days since 1899-12-30 in the spreadsheet's time zone). */
export function dateToSerial(date: Date, timeZone: string): number {
  return (date.getTime() + tzOffset(timeZone, date) * 60_000) / msPerDay + unixEpochSerial;
}

export function serialToDate(serial: number, timeZone: string): Date {
  const wall = new Date(Math.round((serial - unixEpochSerial) * msPerDay));
  return new TZDate(
    wall.getUTCFullYear(),
    wall.getUTCMonth(),
    wall.getUTCDate(),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    timeZone,
  );
}

export type Entered = { value: CellValue; formula?: string; numberFormat?: string };

const decimalComma = (locale: string) => /^(ru|de|fr|es|it|pt|uk|pl|nl|tr)/i.test(locale);

/** What a cell holds after a string is typed (or written by `setValue`) into it, as Sheets reads it. */
export function parseEntered(text: string, where: SheetLocale, numberFormat: string | undefined): Entered {
  if (numberFormat === '@') return { value: text };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { value: '', formula: text };
  const t = text.trim();
  if (t === '') return { value: text };
  // Most text starts with a letter that can begin neither a number, a date nor TRUE/FALSE.
  if (!/^[\d+\-.tfTF]/.test(t)) return { value: text };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  const number = parseNumber(t, where.locale);
  if (number !== undefined) return { value: number };
  const date = parseDate(t, where);
  if (date) return date;
  return { value: text };
}

function parseNumber(t: string, locale: string): number | undefined {
  const comma = decimalComma(locale);
  let s = t;
  let scale = 1;
  if (s.endsWith('%')) {
    s = s.slice(0, -1).trim();
    scale = 0.01;
  }
  if (comma) {
    if (!/^[+-]?(\d{1,3}([  ]\d{3})+|\d+)(,\d+)?([eE][+-]?\d+)?$/.test(s)) return undefined;
    s = s.replace(/[  ]/g, '').replace(',', '.');
  } else {
    if (!/^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$/.test(s) || !/\d/.test(s)) return undefined;
    s = s.replace(/,/g, '');
  }
  const n = Number(s);
  return Number.isFinite(n) ? n * scale : undefined;
}

function parseDate(t: string, where: SheetLocale): Entered | undefined {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  let y: number, mo: number, d: number, pattern: string;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    pattern = 'yyyy-mm-dd';
  } else if (decimalComma(where.locale) && (m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t))) {
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    pattern = 'dd.mm.yyyy';
  } else if (!decimalComma(where.locale) && (m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t))) {
    [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    pattern = 'm/d/yyyy';
  } else {
    return undefined;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return undefined;
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const value = new Date(new TZDate(y, mo - 1, d, h, mi, s, where.timeZone).getTime());
  return { value, numberFormat: m[4] === undefined ? pattern : `${pattern} h:mm:ss` };
}

/** The text Sheets shows for a value under a number format (`getDisplayValues()`), for common formats. */
export function displayValue(value: CellValue, numberFormat: string | undefined, where: SheetLocale): string {
  if (value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const fmt = numberFormat && numberFormat !== '0.###############' && numberFormat !== 'General' ? numberFormat : undefined;
  if (fmt === '@') return value instanceof Date ? formatDatePattern(value, defaultDatePattern(where), where.timeZone) : String(value);
  if (value instanceof Date || (fmt && isDatePattern(fmt))) {
    const date = value instanceof Date ? value : serialToDate(value, where.timeZone);
    return formatDatePattern(date, fmt && isDatePattern(fmt) ? fmt : defaultDatePattern(where, date), where.timeZone);
  }
  return fmt ? formatNumberPattern(value, fmt, where.locale) : plainNumber(value, where.locale);
}

function defaultDatePattern(where: SheetLocale, date?: Date): string {
  const day = decimalComma(where.locale) ? 'dd.mm.yyyy' : 'm/d/yyyy';
  if (!date) return day;
  const wall = new TZDate(date.getTime(), where.timeZone);
  return wall.getHours() || wall.getMinutes() || wall.getSeconds() ? `${day} h:mm:ss` : day;
}

function isDatePattern(pattern: string): boolean {
  return /[yd]/i.test(pattern.replace(/"[^"]*"/g, ''));
}

function plainNumber(n: number, locale: string): string {
  const text = Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
  return decimalComma(locale) ? text.replace('.', ',') : text;
}

/** Sheets date tokens (yyyy, mm, dd, hh, ss, mmm, AM/PM) as date-fns tokens, in the spreadsheet's zone. */
function formatDatePattern(date: Date, pattern: string, timeZone: string): string {
  const tokens = pattern.match(/"[^"]*"|AM\/PM|am\/pm|y+|m+|d+|h+|s+|[^ymdhs"]+/gi) ?? [];
  const twelveHour = /am\/pm/i.test(pattern);
  const out: string[] = [];
  tokens.forEach((token, i) => {
    const lower = token.toLowerCase();
    const prev =
      tokens
        .slice(0, i)
        .reverse()
        .find((t) => /^[a-z]/i.test(t) && !/^"/.test(t))
        ?.toLowerCase() ?? '';
    const next =
      tokens
        .slice(i + 1)
        .find((t) => /^[a-z]/i.test(t) && !/^"/.test(t))
        ?.toLowerCase() ?? '';
    if (token.startsWith('"')) out.push(`'${token.slice(1, -1).replace(/'/g, "''")}'`);
    else if (lower === 'am/pm') out.push('a');
    else if (lower.startsWith('y')) out.push(lower.length <= 2 ? 'yy' : 'yyyy');
    else if (lower.startsWith('d')) out.push(lower.length >= 4 ? 'EEEE' : lower.length === 3 ? 'EEE' : lower);
    else if (lower.startsWith('h')) out.push(twelveHour ? lower : lower.toUpperCase());
    else if (lower.startsWith('s')) out.push(lower);
    else if (lower.startsWith('m')) {
      const minutes = lower.length <= 2 && (prev.startsWith('h') || next.startsWith('s'));
      out.push(minutes ? lower : lower.length >= 4 ? 'MMMM' : lower.length === 3 ? 'MMM' : lower.toUpperCase());
    } else out.push(/[a-z]/i.test(token) ? `'${token.replace(/'/g, "''")}'` : token);
  });
  return format(new TZDate(date.getTime(), timeZone), out.join(''));
}

/** Numeric formats: `0`, `0.00`, `#,##0.00`, percentages and literal prefixes/suffixes (`#,##0.00 "₽"`). */
function formatNumberPattern(n: number, pattern: string, locale: string): string {
  const section = pattern.split(';')[n < 0 && pattern.includes(';') ? 1 : 0] ?? pattern;
  const core = /[#0?][#0?,]*(\.[#0?]+)?/.exec(section);
  if (!core) return plainNumber(n, locale);
  const literal = (s: string) =>
    s
      .replace(/"([^"]*)"/g, '$1')
      .replace(/\\(.)/g, '$1')
      .replace(/[_*]./g, ' ');
  const prefix = literal(section.slice(0, core.index));
  const suffix = literal(section.slice(core.index + core[0].length));
  const percent = suffix.includes('%');
  const value = Math.abs(n) * (percent ? 100 : 1);
  const decimals = core[1] ? core[1].length - 1 : 0;
  const minDecimals = core[1] ? (core[1].match(/0/g) ?? []).length : 0;
  let [whole, fraction = ''] = value.toFixed(decimals).split('.');
  fraction = fraction.replace(new RegExp(`0{0,${decimals - minDecimals}}$`), '');
  const comma = decimalComma(locale);
  if (core[0].includes(',')) whole = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, comma ? ' ' : ',');
  const sign = n < 0 && !pattern.includes(';') ? '-' : '';
  return `${sign}${prefix}${whole}${fraction ? (comma ? ',' : '.') + fraction : ''}${suffix}`;
}

/** Sheets' sort order: numbers and dates, then text (by the locale's collation), then booleans. */
export function compareValues(a: CellValue, b: CellValue, collator: Intl.Collator, timeZone: string): number {
  const rank = (v: CellValue) => (typeof v === 'number' || v instanceof Date ? 0 : typeof v === 'string' ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) {
    const na = a instanceof Date ? dateToSerial(a, timeZone) : (a as number);
    const nb = b instanceof Date ? dateToSerial(b, timeZone) : (b as number);
    return na - nb;
  }
  if (ra === 1) return collator.compare(a as string, b as string);
  return Number(a) - Number(b);
}
