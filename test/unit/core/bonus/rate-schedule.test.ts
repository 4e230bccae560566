import { describe, expect, it } from 'vitest';
import { attractorRate } from '../../../../functions/src/core/bonus/rate-schedule.ts';
import { rateNumber } from '../../../../functions/src/core/bonus/money.ts';

const seq = (normalRate: number, newClientMultiplier: number, n: number) =>
  Array.from({ length: n }, (_, i) => rateNumber(attractorRate({ normalRate, newClientMultiplier }, i + 1)));

describe('attractor rate schedule (MISSION §3.2)', () => {
  it('goes 15 %, 7.5 %, 5 %, 5 % with normal 5 % and multiplier 3', () => {
    expect(seq(0.05, 3, 4)).toEqual([0.15, 0.075, 0.05, 0.05]);
  });

  it('goes 10 %, 5 % with the default multiplier 2', () => {
    expect(seq(0.05, 2, 3)).toEqual([0.1, 0.05, 0.05]);
  });

  it('caps the first deal at 100 % and halves from the cap', () => {
    expect(seq(0.4, 3, 4)).toEqual([1, 0.5, 0.4, 0.4]);
  });

  it('never falls below the normal rate', () => {
    expect(seq(0.06, 2.5, 5)).toEqual([0.15, 0.075, 0.06, 0.06, 0.06]);
  });
});
