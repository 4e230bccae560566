import { describe, expect, it } from 'vitest';
import { rowHash } from '../../../../apps-script/src/sheet/row-hash.ts';

describe('row hash', () => {
  it('is the same for the same values and differs when any value changes', () => {
    const row = ['Ivan Petrov', 'person', 'regular', '+79161234567', ''];
    expect(rowHash(row)).toBe(rowHash([...row]));
    expect(rowHash(row)).not.toBe(rowHash(['Ivan Petrov', 'person', 'regular', '+79161234568', '']));
    expect(rowHash(row)).not.toBe(rowHash(['Ivan Petrov ', 'person', 'regular', '+79161234567', '']));
  });

  it('tells apart values that would join to the same text', () => {
    expect(rowHash(['a', 'bc'])).not.toBe(rowHash(['ab', 'c']));
    expect(rowHash(['', 'x'])).not.toBe(rowHash(['x', '']));
  });

  it('gives no collisions over many rows that differ by one character', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(rowHash([`Client ${i}`, 'company', `+7916${String(i).padStart(7, '0')}`]));
    expect(seen.size).toBe(20_000);
  });
});
