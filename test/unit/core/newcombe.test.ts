import { describe, expect, it } from 'vitest';
import { newcombeDifference, wilsonInterval } from '../../../functions/src/core/newcombe.ts';

// Newcombe, Statistics in Medicine 17 (1998) 873-890, table II, method 10, to four places.
const published: Array<[number, number, number, number, number, number]> = [
  [56, 70, 48, 80, 0.0524, 0.3339],
  [9, 10, 3, 10, 0.1705, 0.809],
];

describe('Newcombe interval for two independent shares', () => {
  it.each(published)('%i/%i against %i/%i gives the published interval', (x1, n1, x2, n2, low, high) => {
    const d = newcombeDifference(x1, n1, x2, n2);
    expect(d.difference).toBeCloseTo(x1 / n1 - x2 / n2, 10);
    expect(d.low).toBeCloseTo(low, 4);
    expect(d.high).toBeCloseTo(high, 4);
    expect(d.significant).toBe(true);
  });

  it('calls a difference whose interval spans 0 not significant, and mirrors when the groups swap', () => {
    const d = newcombeDifference(5, 10, 4, 10);
    expect(d.low).toBeLessThan(0);
    expect(d.significant).toBe(false);
    const swapped = newcombeDifference(4, 10, 5, 10);
    expect(swapped.low).toBeCloseTo(-d.high, 12);
    expect(swapped.high).toBeCloseTo(-d.low, 12);
  });

  it('keeps Wilson intervals inside 0..1 at the edges', () => {
    expect(wilsonInterval(0, 10).low).toBeCloseTo(0, 12);
    expect(wilsonInterval(10, 10).high).toBeCloseTo(1, 12);
    // Newcombe 1998 table I: 0/10 has the score interval 0 to 0.2775.
    expect(wilsonInterval(0, 10).high).toBeCloseTo(0.2775, 4);
  });
});
