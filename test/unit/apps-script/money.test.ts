import { describe, expect, it } from 'vitest';
import { formatRoubles, localiseAmounts, parseRoubles, roublesCell } from '../../../apps-script/src/money.ts';

describe('roubles as people type and read them', () => {
  it('reads whole roubles, kopecks after a comma or a dot, and thousands separators', () => {
    const kopecks = (text: string) => {
      const parsed = parseRoubles(text);
      return parsed.ok ? parsed.kopecks : parsed.problem;
    };
    expect(kopecks('1234')).toBe(123400);
    expect(kopecks('1 234,56')).toBe(123456);
    expect(kopecks('1\u00a0234,5')).toBe(123450);
    expect(kopecks('1,234.56')).toBe(123456);
    expect(kopecks('1.234,56')).toBe(123456);
    expect(kopecks('1,234,567')).toBe(123456700);
    expect(kopecks('12,5')).toBe(1250);
    expect(kopecks('0,07')).toBe(7);
    expect(kopecks('-500')).toBe(-50000);
    expect(kopecks('−500,10 ₽')).toBe(-50010);
    expect(kopecks('1500 руб.')).toBe(150000);
  });

  it('is exact where floating point is not (0.1 + 0.2, 19.99)', () => {
    expect(parseRoubles('19,99')).toEqual({ ok: true, kopecks: 1999 });
    expect(parseRoubles('0.29')).toEqual({ ok: true, kopecks: 29 });
    expect(parseRoubles('90071992547409,91')).toEqual({ ok: true, kopecks: 9007199254740991 });
  });

  it('names what is wrong with an amount it cannot read', () => {
    expect(parseRoubles('')).toEqual({ ok: false, problem: 'empty' });
    expect(parseRoubles('  ')).toEqual({ ok: false, problem: 'empty' });
    expect(parseRoubles('12 roubles and change')).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parseRoubles('1,2,3')).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parseRoubles('10.5555')).toEqual({ ok: false, problem: 'too-precise' });
    expect(parseRoubles('1,234.567')).toEqual({ ok: false, problem: 'too-precise' });
    expect(parseRoubles('12,500')).toEqual({ ok: false, problem: 'ambiguous' });
    expect(parseRoubles('10.555')).toEqual({ ok: false, problem: 'ambiguous' });
    expect(parseRoubles('1.23.4')).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parseRoubles('99999999999999999999')).toEqual({ ok: false, problem: 'too-large' });
  });

  it('shows kopecks as roubles in each language, and as a number for a money cell', () => {
    expect(formatRoubles(123456789, 'ru')).toBe('1\u00a0234\u00a0567,89\u00a0₽');
    expect(formatRoubles(123456789, 'en')).toBe('1,234,567.89\u00a0₽');
    expect(formatRoubles(-5, 'en')).toBe('−0.05\u00a0₽');
    expect(roublesCell(123456)).toBe(1234.56);
  });
});

describe("amounts in the base's notes, as people read money", () => {
  it('rewrites each amount with the grouping and the ₽ of the locale, and leaves rates, days and ids alone', () => {
    const note = 'normal: 5 % of amount 1 250 000.00; adjustment line: -12.50 (2026-03), deal d-1.25 at 12.50%';
    expect(localiseAmounts(note, 'en')).toBe(
      'normal: 5 % of amount 1,250,000.00\u00a0₽; adjustment line: -12.50\u00a0₽ (2026-03), deal d-1.25 at 12.50%',
    );
    expect(localiseAmounts(note, 'ru')).toBe(
      'normal: 5 % of amount 1\u00a0250\u00a0000,00\u00a0₽; adjustment line: -12,50\u00a0₽ (2026-03), deal d-1.25 at 12.50%',
    );
    expect(localiseAmounts('awaiting confirmation', 'ru')).toBe('awaiting confirmation');
  });
});
