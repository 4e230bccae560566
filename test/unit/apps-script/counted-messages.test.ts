import { describe, expect, it } from 'vitest';
import { messagesFor, type Locale } from '../../../apps-script/src/messages.ts';

// Every message that takes arguments, said with 1, 2, 5 and 21 of everything (a count, a number in
// an object, a name): the words after each number must be the form that number takes, in English
// (1 row, 2 rows, 21 rows) and in Russian (1 строка, 2 строки, 5 строк, 21 строка).
type Said = { path: string; texts: Record<number, string> };
const counts = [1, 2, 5, 21] as const;

/** Stands for `n` where a message takes an object of counts: every field is `n`. */
const fieldsOf = (n: number): unknown => new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? n : undefined) });

const occurrences = (text: string, n: number) => text.split(new RegExp(`(?<![\\d.,])${n}(?![\\d.,])`)).length - 1;

/**
 * The message with `n` for each argument, or for each field of them, whichever says `n` more often;
 * null when it takes other things (lists).
 */
function say(fn: (...args: unknown[]) => unknown, n: number): string | null {
  let best: string | null = null;
  for (const arg of [n, fieldsOf(n)]) {
    try {
      const text = String(fn(...Array.from({ length: Math.max(fn.length, 1) }, () => arg)));
      if (!/undefined|NaN|\[object/.test(text) && (best === null || occurrences(text, n) > occurrences(best, n))) best = text;
    } catch {
      // takes something else: try the other way
    }
  }
  return best;
}

function sayAll(locale: Locale): Said[] {
  const said: Said[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => unknown;
      const texts: Record<number, string> = {};
      for (const n of counts) {
        const text = say(fn, n);
        if (text !== null) texts[n] = text;
      }
      if (Object.keys(texts).length === counts.length) said.push({ path, texts });
    } else if (value !== null && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
  };
  walk(messagesFor(locale), '');
  return said;
}

/** The words after each place the number stands, up to three, other numbers as #. */
function after(text: string, n: number): string[] {
  // After "у", "из", "для", "от", "до", "без" Russian counts in the genitive: "у 1 менеджера, у 2 менеджеров" is right.
  const at = new RegExp(`(?<![\\d.,])(?<!(?:^|\\s)(?:у|из|для|от|до|без) )${n}(?![\\d.,])\\s+([^.,;:()!?\\n«»"“”]*)`, 'g');
  return [...text.matchAll(at)].map((m) => m[1]!.trim().split(/\s+/).slice(0, 3).join(' ').replace(/\d+/g, '#'));
}

function misworded(locale: Locale): string[] {
  const found: string[] = [];
  for (const { path, texts } of sayAll(locale)) {
    const [one, two, five, twentyOne] = counts.map((n) => after(texts[n]!, n));
    const wrong = (why: string) => found.push(`${path}: ${why}\n  ${counts.map((n) => texts[n]).join('\n  ')}`);
    if (locale === 'en') {
      const plural = /(?<![\d.,])1 (?:new |more |other |latest )?([a-z]*[^s]s)\b/.exec(texts[1]!);
      if (
        (plural && !['is', 'as', 'was', 'has', 'this', 'its'].includes(plural[1]!)) ||
        /(?<![\d.,])1 [a-z]+ (?:now )?(?:show|have|are|were|need)\b/.test(texts[1]!)
      )
        wrong('"1" with a plural');
      if (String(one) !== String(two) && (String(two) !== String(five) || String(two) !== String(twentyOne))) wrong('2, 5 and 21 differ');
    } else {
      const counted = String(one) !== String(five);
      if (counted && String(one) !== String(twentyOne)) wrong('21 is not said as 1');
      if (counted && String(two) === String(five)) wrong('2 is said as 5');
    }
  }
  return found;
}

describe('counted messages', () => {
  it('say 1, 2, 5 and 21 of a thing with its right form in English', () => {
    expect(misworded('en')).toEqual([]);
  });
  it('say 1, 2, 5 and 21 of a thing with its right form in Russian', () => {
    expect(misworded('ru')).toEqual([]);
  });
  it('are found: the walk reaches the counted messages it checks', () => {
    const save = sayAll('ru').find((s) => s.path === 'save.summary')!;
    expect(save.texts[21]).toContain('с ошибками: 21 строка');
    expect(sayAll('ru').length).toBeGreaterThan(100);
    expect(sayAll('ru').find((s) => s.path === 'resolve.tookTheirs')?.texts[21]).toMatch(/^21 строка показывает .* в ней сохранились\.$/);
    expect(sayAll('en').find((s) => s.path === 'resolve.tookTheirs')?.texts[1]).toMatch(/^1 row now shows .* on it are kept\.$/);
  });
});
