import { z } from 'zod';

/** Firestore document ids: no slashes, bounded, and readable in a spreadsheet cell. */
export const idSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/, 'may hold only letters, digits and _ . : @ -');

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function isRealDay(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/**
 * A calendar day `YYYY-MM-DD` or a full ISO timestamp. Days stay as written; timestamps are
 * normalised to UTC `toISOString()` so that strings sort in time order in Firestore range queries.
 */
export const isoDateSchema = z
  .string()
  .trim()
  // abort: zod 4 runs every check by default, and the next one cannot read a non-date.
  .refine((v) => dayPattern.test(v) || !Number.isNaN(Date.parse(v)), { message: 'must be a date YYYY-MM-DD or an ISO timestamp', abort: true })
  .refine((v) => isRealDay(dayPattern.test(v) ? v : new Date(v).toISOString()), 'is not a real calendar date')
  .transform((v) => (dayPattern.test(v) ? v : new Date(v).toISOString()));

/** A calendar day only. */
export const daySchema = z
  .string()
  .trim()
  .regex(dayPattern, 'must be a date YYYY-MM-DD')
  .refine(isRealDay, 'is not a real calendar date');

export const monthSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

/** Money in minor units (kopecks, cents): exact integers only. */
export const moneySchema = z.number().int('must be a whole number of minor units (kopecks)').refine(Number.isSafeInteger, 'is too large');

export const rateSchema = z.number().min(0, 'must be at least 0').max(1, 'must be at most 1 (rates are fractions: 0.05 is 5 %)');

export const boundedText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

/** The first 10 characters of a day or timestamp: the day it falls on (UTC for timestamps). */
export function dayOf(value: string): string {
  return value.slice(0, 10);
}
