import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../../functions/src/core/consent/mailing-csv.ts';

describe('mailing csv', () => {
  it('quotes commas, quotes and line breaks and defuses formulas in free text', () => {
    const csv = toCsv(
      ['name', 'address'],
      [
        ['Ivanov, "Ivan"', '+79161234567'],
        ['=HYPERLINK("x")', 'a\nb'],
      ],
      new Set([0]),
    );
    expect(csv).toBe('name,address\r\n"Ivanov, ""Ivan""",+79161234567\r\n"\'=HYPERLINK(""x"")","a\nb"\r\n');
  });
});
