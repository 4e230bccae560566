import { describe, expect, it } from 'vitest';
import { cellText, columnLetter, joinList, safeText, splitList } from '../../../../apps-script/src/sheet/cell-values.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);

describe('cell values', () => {
  it('reads every kind of cell as comparable text', () => {
    expect(cellText('  Ivan  ', day)).toBe('Ivan');
    expect(cellText(7707083893, day)).toBe('7707083893');
    expect(cellText(new Date('2026-03-01T00:00:00Z'), day)).toBe('2026-03-01');
    expect(cellText(new Date('nonsense'), day)).toBe('');
    expect(cellText(true, day)).toBe('TRUE');
    expect(cellText(null, day)).toBe('');
    expect(cellText(undefined, day)).toBe('');
  });

  it('splits several phones or e-mails however they were separated', () => {
    expect(splitList('+7916 , +7903;a@b.ru\n  x@y.ru ,')).toEqual(['+7916', '+7903', 'a@b.ru', 'x@y.ru']);
    expect(joinList(['+7916', '+7903'])).toBe('+7916, +7903');
    expect(joinList(undefined)).toBe('');
  });

  it('writes text that Sheets would run as a formula as plain text', () => {
    expect(safeText('=HYPERLINK("http://evil")')).toBe('\'=HYPERLINK("http://evil")');
    expect(safeText('+79161234567')).toBe('+79161234567');
  });

  it('names columns as A1 notation does', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
