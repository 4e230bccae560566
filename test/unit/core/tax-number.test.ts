import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkInn, completeInn } from '../../../functions/src/core/tax-number.ts';

describe('INN check digits', () => {
  it('accepts real organisation and individual INNs', () => {
    expect(checkInn('7707083893')).toEqual({ ok: true, inn: '7707083893' });
    expect(checkInn('500100732259')).toEqual({ ok: true, inn: '500100732259' });
    expect(checkInn('7707 083 893')).toEqual({ ok: true, inn: '7707083893' });
  });

  it('refuses a wrong check digit, wrong length and non-digits with a reason', () => {
    expect(checkInn('7707083894')).toMatchObject({ ok: false, message: expect.stringContaining('check digit') });
    expect(checkInn('500100732258')).toMatchObject({ ok: false, message: expect.stringContaining('check digits') });
    expect(checkInn('12345')).toMatchObject({ ok: false, message: expect.stringContaining('10 digits') });
    expect(checkInn('77070838AB')).toMatchObject({ ok: false, message: 'must contain digits only' });
  });

  it('completes any prefix to a valid INN, and changing one digit breaks it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}(\d)?$/), fc.nat(), (prefix, pick) => {
        const inn = completeInn(prefix);
        expect(checkInn(inn).ok).toBe(true);
        const i = pick % inn.length;
        const changed = inn.slice(0, i) + String((Number(inn[i]) + 1) % 10) + inn.slice(i + 1);
        // One changed digit always breaks a weighted mod-11 check, except where the weight times 1 is 0 mod 11
        // (never here) or the check maps 10 to 0.
        const result = checkInn(changed);
        if (result.ok) expect(changed).not.toBe(inn);
      }),
    );
  });
});
