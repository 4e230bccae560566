import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { payrollCsv, payrollField, payrollLinesCsv, roubles, type PayrollInput } from '../../../../functions/src/core/bonus/payroll.ts';
import { totalsOf } from '../../../../functions/src/core/bonus/statement.ts';
import type { StatementLine } from '../../../../functions/src/core/bonus/types.ts';

const line = (
  id: string,
  amount: number,
  status: StatementLine['status'] = 'payable',
  kind: StatementLine['kind'] = 'normal',
): StatementLine => ({
  id,
  kind,
  clientId: 'c1',
  dealId: kind === 'normal' ? 'd1' : null,
  rate: null,
  amount,
  status,
  dueDate: null,
  note: `note of ${id}`,
});

const statement = (managerId: string, lines: StatementLine[]) => ({ managerId, lines, totals: totalsOf(lines) });

const input: PayrollInput = {
  month: '2026-02',
  statements: [
    statement('m2', [line('normal:d9', 1), line('raised:d9', 700, 'pending', 'raised')]),
    statement('m1', [
      line('normal:d1', 123_456),
      line('release:d0', 50, 'released', 'raised-release'),
      line('adjustment:2026-01:normal:d0:payable', -5, 'payable', 'adjustment'),
      line('dispute:20260301-abc', 10_000, 'payable', 'adjustment'),
      line('normal:d2', 999, 'not-paid'),
    ]),
  ],
  managers: new Map([
    ['m1', { name: 'Orlova; Anna "Ann"', email: 'anna@example.com' }],
    ['m2', { name: '=HYPERLINK("x")', email: 'boris@example.com' }],
  ]),
  acknowledged: new Set(['m1']),
};

const parsed = (csv: string) => parse(csv, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;

describe('payroll file', () => {
  it('starts with the BOM, separates by ";", ends lines with CRLF and parses back to one row per manager in id order', () => {
    const csv = payrollCsv(input);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe('\uFEFFmonth;manager_id;name;email;payable_rub;lines;adjustments_rub;accepted_disputes;acknowledged');
    const rows = parsed(csv);
    expect(rows.map((r) => r.manager_id)).toEqual(['m1', 'm2']);
    expect(rows[0]).toEqual({
      month: '2026-02',
      manager_id: 'm1',
      name: 'Orlova; Anna "Ann"',
      email: 'anna@example.com',
      payable_rub: '1335,01',
      lines: '4',
      adjustments_rub: '99,95',
      accepted_disputes: '1',
      acknowledged: 'yes',
    });
    expect(rows[1]).toMatchObject({ name: `'=HYPERLINK("x")`, payable_rub: '0,01', lines: '1', acknowledged: 'no' });
  });

  it('equals the statements\u2019 payable totals to the kopeck', () => {
    for (const row of parsed(payrollCsv(input))) {
      const s = input.statements.find((x) => x.managerId === row.manager_id)!;
      expect(Math.round(Number(row.payable_rub!.replace(',', '.')) * 100)).toBe(s.totals.payable);
    }
  });

  it('is the same bytes whatever order the statements come in', () => {
    expect(payrollCsv({ ...input, statements: [...input.statements].reverse() })).toBe(payrollCsv(input));
  });

  it('lists every payable and released line, none pending or not paid', () => {
    const rows = parsed(payrollLinesCsv(input));
    expect(rows.map((r) => [r.manager_id, r.line_id, r.amount_rub])).toEqual([
      ['m1', 'normal:d1', '1234,56'],
      ['m1', 'release:d0', '0,50'],
      ['m1', 'adjustment:2026-01:normal:d0:payable', '-0,05'],
      ['m1', 'dispute:20260301-abc', '100,00'],
      ['m2', 'normal:d9', '0,01'],
    ]);
  });

  it('turns kopecks into roubles exactly, without floating point', () => {
    expect(roubles(0)).toBe('0,00');
    expect(roubles(1)).toBe('0,01');
    expect(roubles(-5)).toBe('-0,05');
    expect(roubles(-100)).toBe('-1,00');
    expect(roubles(12_345)).toBe('123,45');
    expect(roubles(10_000_000_000_000)).toBe('100000000000,00');
    expect(roubles(9_007_199_254_740_991)).toBe('90071992547409,91');
  });

  it('quotes fields holding ";", quotes or line breaks, doubling the quotes', () => {
    expect(payrollField('a;b')).toBe('"a;b"');
    expect(payrollField('say "hi"')).toBe('"say ""hi"""');
    expect(payrollField('two\nlines')).toBe('"two\nlines"');
    expect(payrollField('a,b')).toBe('a,b');
    expect(payrollField('-5,00')).toBe('-5,00');
    expect(payrollField('+7 916', true)).toBe("'+7 916");
  });
});
