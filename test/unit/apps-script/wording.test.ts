import { describe, expect, it } from 'vitest';
import { formatRoubles } from '../../../apps-script/src/money.ts';
import { enNumber, groupDigits, ruNumber } from '../../../apps-script/src/wording.ts';

describe('numbers as people read them', () => {
  it('groups digits by three with the separator given, the sign kept', () => {
    expect(groupDigits(0, ',')).toBe('0');
    expect(groupDigits(999, ',')).toBe('999');
    expect(groupDigits(1234567, ',')).toBe('1,234,567');
    expect(groupDigits(-1234, '\u00a0')).toBe('-1\u00a0234');
  });

  it('writes counts and roubles with the same grouping: commas in English, no-break spaces in Russian', () => {
    expect(enNumber(10000)).toBe('10,000');
    expect(enNumber(10000)).toBe((10000).toLocaleString('en-US'));
    expect(ruNumber(10000)).toBe('10\u00a0000');
    expect(formatRoubles(123456789, 'en')).toBe('1,234,567.89\u00a0₽');
    expect(formatRoubles(-123456789, 'ru')).toBe('−1\u00a0234\u00a0567,89\u00a0₽');
  });
});
