import fc from 'fast-check';

/**
 * The input classes that have bitten this product before, as fast-check arbitraries shared by every
 * property test (API routes, importer, sign-up, rules). Strings are JavaScript strings: a lone
 * surrogate travels in JSON as its escape (`JSON.stringify('\ud800')` is `"\ud800"` escaped), which
 * is how a hostile client would send it.
 */

/** Broken UTF-16: a surrogate without its pair. */
export const loneSurrogate = fc.constantFrom('\ud800', 'a\udfffb', 'x\ud83d', '\udc00 tail');

/** Control characters and bidi overrides in one-line text (NUL, BEL, RLO, isolates, a line break). */
export const controlled = fc.constantFrom(
  'a\u0000b',
  'bell\u0007',
  'evil\u202Eexe',
  '\u2066iso\u2069',
  'two\nlines',
  'tab\tbed',
  'esc\u001b[31m',
);

/** Text no one-line field may hold: either class. */
export const brokenText = fc.oneof(loneSurrogate, fc.constantFrom('a\u0000b', 'bell\u0007'));
export const hostileName = fc.oneof(loneSurrogate, controlled);

/** Ids Firestore refuses or that break paths: `.`, `..`, `__x__`, a slash, over 1,500 bytes, blank. */
export const reservedId = fc.constantFrom('.', '..', '__x__', '____', 'a/b', 'x'.repeat(1600), ' ', '');

/** Dates that do not exist or are not ISO 8601 as typed (a rolled-over 30 February, no offset…). */
export const impossibleDate = fc.constantFrom(
  '2026-02-30',
  '2025-02-29T10:00:00Z',
  '2026-02-30T10:00:00Z',
  'Feb 30 2026',
  '1',
  '2026-13-01',
  '2026-01-15T25:00:00Z',
  '2026-01-15T10:00:00',
);

/** Dates of what happened, set in the future. */
export const futureDate = fc.constantFrom('9999-12-31', '2999-01-01T00:00:00Z', '2099-06-01');

export const badDate = fc.oneof(impossibleDate, futureDate);

/**
 * Real past dates from before a client made today existed, or before its holder held it: what a
 * holder would type to be paid for a colleague's month or to claw back a colleague's bonus.
 */
export const beforeTheHolding = fc.constantFrom('2000-01-01', '2019-12-31T23:00:00Z', '2025-06-15', '2026-01-01T00:00:00+03:00');

/** Contacts emptied out, so duplicate control cannot see the client. */
export const noContacts = fc.constantFrom<unknown[]>([]);

/** Numbers no field takes: beyond the safe integers (a version, a level, money alike). */
export const unsafeNumber = fc.constantFrom(1e16, -1e16, 1e300, 2 ** 53, -(2 ** 53));

/** Numbers beyond every bound of money and counts: unsafe integers, 10^13 kopecks and one, a fraction. */
export const hugeNumber = fc.oneof(unsafeNumber, fc.constantFrom(10_000_000_000_001, 0.5));

/** A profit above its amount, however small the difference. */
export const profitOverAmount = fc
  .integer({ min: 0, max: 1_000_000 })
  .chain((amount) => fc.integer({ min: amount + 1, max: amount + 1_000_000 }).map((profit) => ({ amount, profit })));

/** A value nested `depth` levels deep (objects and arrays), to exhaust a recursive parser or validator. */
export function nested(depth: number, leaf: unknown = 1): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? { a: v } : [v];
  return v;
}
/** Nested values a JSON encoder still writes (its own recursion bounds the depth). */
export const deepNesting = fc.integer({ min: 50, max: 500 }).map((depth) => nested(depth));

/** JSON text nested far deeper than any encoder writes: what a hostile client sends by hand. */
export function nestedJsonText(depth: number, leaf = '1'): string {
  return `${'{"a":['.repeat(depth)}${leaf}${']}'.repeat(depth)}`;
}
export const nestingBomb = fc.integer({ min: 1000, max: 100_000 });

/** Any hostile value of any class: for fields whose type the fuzzer does not know. */
export const anyHostile: fc.Arbitrary<unknown> = fc.oneof(
  hostileName,
  reservedId,
  badDate,
  hugeNumber,
  deepNesting,
  fc.jsonValue({ maxDepth: 3 }),
);
