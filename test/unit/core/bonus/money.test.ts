import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyRate, rateOf, roundHalfAwayFromZero } from '../../../../functions/src/core/bonus/money.ts';

describe('bonus money', () => {
  it('reads rates as the decimals typed, so 5 % of 12345 is 617.25 and rounds to 617', () => {
    expect(rateOf(0.05)).toEqual({ num: 1n, den: 20n });
    expect(applyRate(12345, rateOf(0.05))).toBe(617);
    expect(applyRate(12350, rateOf(0.05))).toBe(618); // 617.5 → away from zero
    expect(applyRate(30, rateOf(0.15))).toBe(5); // 4.5 → 5
    expect(0.145 * 100).toBeLessThan(14.5); // what float arithmetic would round down…
    expect(applyRate(100, rateOf(0.145))).toBe(15); // …is exactly 14.5, rounded away from zero
    expect(applyRate(10, rateOf(0.075))).toBe(1); // 0.75
    expect(applyRate(1, rateOf(1e-7))).toBe(0);
  });

  it('gives the exact big-integer rounding for any base and rate, negative and huge ones included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (base, num, den) => {
          expect(applyRate(base, { num, den })).toBe(Number(roundHalfAwayFromZero(BigInt(base) * num, den)));
        },
      ),
    );
    expect(Object.is(applyRate(-1, rateOf(0.05)), 0)).toBe(true);
  });

  it('rounds half away from zero on both sides', () => {
    expect(roundHalfAwayFromZero(5n, 2n)).toBe(3n);
    expect(roundHalfAwayFromZero(-5n, 2n)).toBe(-3n);
    expect(roundHalfAwayFromZero(4n, 3n)).toBe(1n);
    expect(roundHalfAwayFromZero(-4n, 3n)).toBe(-1n);
  });

  it('never drifts from the exact product by half a kopeck or more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 10_000 }), (base, basisPoints) => {
        const rate = rateOf(basisPoints / 10_000);
        const exact2 = BigInt(base) * BigInt(basisPoints) * 2n; // twice the amount × 10 000
        const got = BigInt(applyRate(base, rate)) * 20_000n;
        const diff = got - exact2;
        return diff <= 10_000n && diff > -10_000n;
      }),
    );
  });
});
