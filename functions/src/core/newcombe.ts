/** The normal quantile of a two-sided 95 % interval. */
const z95 = 1.959963984540054;

export type Interval = { low: number; high: number };
export type Difference = Interval & { difference: number; significant: boolean };

/** Wilson's score interval for `x` out of `n` (n > 0): never outside 0..1, sound for small counts and shares near 0 or 1. */
export function wilsonInterval(x: number, n: number, z = z95): Interval {
  const p = x / n;
  const z2 = z * z;
  const centre = 2 * n * p + z2;
  const spread = z * Math.sqrt(z2 + 4 * n * p * (1 - p));
  const below = 2 * (n + z2);
  return { low: (centre - spread) / below, high: (centre + spread) / below };
}

/**
 * The difference of two independent shares `x1/n1 - x2/n2` with its 95 % interval by Newcombe's
 * hybrid score method (Statistics in Medicine 1998, method 10): the Wald interval misleads with the
 * small groups and low shares a sales department has. Significant when the interval excludes 0.
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number): Difference {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const a = wilsonInterval(x1, n1);
  const b = wilsonInterval(x2, n2);
  const difference = p1 - p2;
  const low = difference - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2);
  const high = difference + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2);
  return { difference, low, high, significant: low > 0 || high < 0 };
}
