// Numbers and counted nouns as people read them, in English and Russian: shared by every
// messages module, so "1 клиент, 2 клиента, 5 клиентов" is decided in one place.

/** The languages the add-on speaks. */
export type Locale = 'en' | 'ru';

/** 1234567 → "1,234,567" with the separator given: the one place digits are grouped (counts and money alike). */
export function groupDigits(whole: number, separator: string): string {
  const sign = whole < 0 ? '-' : '';
  return `${sign}${String(Math.abs(Math.trunc(whole))).replace(/\B(?=(\d{3})+(?!\d))/g, separator)}`;
}

/** 1 клиент, 2 клиента, 5 клиентов, 21 клиент. */
export function ruPlural(n: number, one: string, few: string, many: string): string {
  const mod10 = Math.abs(n) % 10;
  const mod100 = Math.abs(n) % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

export const enNumber = (n: number) => (Number.isInteger(n) ? groupDigits(n, ',') : n.toLocaleString('en-US'));
export const ruNumber = (n: number) => (Number.isInteger(n) ? groupDigits(n, '\u00a0') : String(n));
export const enCount = (n: number, one: string, many: string) => `${enNumber(n)} ${n === 1 ? one : many}`;
export const ruCount = (n: number, one: string, few: string, many: string) => `${ruNumber(n)} ${ruPlural(n, one, few, many)}`;

/** "Text" → "text", for a phrase that goes on after a colon; the first letter up again for a sentence. */
export function capitalise(text: string): string {
  return text === '' ? text : `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
