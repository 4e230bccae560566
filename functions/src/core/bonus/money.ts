/**
 * Exact money arithmetic for bonuses. Rates arrive as JS numbers (0.05) but are read as the decimal
 * the admin typed ("0.05" = 5/100), so 0.05 × 12345 is 617.25 exactly, never 617.2499999.
 * Rounding rule: half away from zero, to whole minor units, applied once per statement line.
 */
export type Rate = { num: bigint; den: bigint };

const readRates = new Map<number, Rate>();

export function rateOf(value: number): Rate {
  // A statement reads the same few rates once per deal: parse each value once.
  let rate = readRates.get(value);
  if (rate === undefined) {
    rate = parseRate(value);
    if (readRates.size < 10_000) readRates.set(value, rate);
  }
  return rate;
}

function parseRate(value: number): Rate {
  if (!Number.isFinite(value)) throw new RangeError(`rate ${value} is not a finite number`);
  const text = /e/i.test(String(value)) ? value.toFixed(20).replace(/0+$/, '') : String(value);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const num = BigInt(whole + fraction) * (negative ? -1n : 1n);
  return reduce({ num, den: 10n ** BigInt(fraction.length) });
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function reduce(r: Rate): Rate {
  const g = gcd(r.num, r.den);
  return { num: r.num / g, den: r.den / g };
}

export const mulRate = (a: Rate, b: Rate): Rate => reduce({ num: a.num * b.num, den: a.den * b.den });
export const subRate = (a: Rate, b: Rate): Rate => reduce({ num: a.num * b.den - b.num * a.den, den: a.den * b.den });
export const halveRate = (a: Rate, times: number): Rate => reduce({ num: a.num, den: a.den * 2n ** BigInt(times) });
export const compareRate = (a: Rate, b: Rate): number => {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const minRate = (a: Rate, b: Rate): Rate => (compareRate(a, b) <= 0 ? a : b);
export const maxRate = (a: Rate, b: Rate): Rate => (compareRate(a, b) >= 0 ? a : b);
export const ONE: Rate = { num: 1n, den: 1n };

/** The nearest JS number, for display and JSON (0.075 prints as 0.075). */
export function rateNumber(r: Rate): number {
  return Number(r.num) / Number(r.den);
}

/** round(numerator / denominator), half away from zero; denominator > 0. */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = (2n * abs + denominator) / (2n * denominator);
  return negative ? -q : q;
}

/** base × rate, rounded once: the amount of one statement line in minor units. */
export function applyRate(base: number, rate: Rate): number {
  const num = Number(rate.num);
  const den = Number(rate.den);
  // The same rounding in doubles while every intermediate is an exact integer (below 2^53).
  const twice = 2 * Math.abs(base) * Math.abs(num) + den;
  if (Number.isSafeInteger(twice) && Number.isSafeInteger(2 * den)) {
    const q = (twice - (twice % (2 * den))) / (2 * den);
    return q !== 0 && base < 0 !== num < 0 ? -q : q;
  }
  return Number(roundHalfAwayFromZero(BigInt(base) * rate.num, rate.den));
}

/** Minor units as money: 123456 → "1 234.56" (exact, no float). */
export function formatMoney(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}.${String(abs % 100).padStart(2, '0')}`;
}
