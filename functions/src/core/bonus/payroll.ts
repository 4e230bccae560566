import type { StatementLine, StatementTotals } from './types.ts';

/**
 * The payroll file of a closed month, for the accountant: CSV in UTF-8 with a byte order mark and
 * `;` between fields, so Excel and 1C in a Russian locale open it as columns; amounts in roubles with
 * a decimal comma, exact from kopecks. Deterministic: managers in id order, lines in statement order,
 * nothing about when it was made, so the same closed month gives the same bytes.
 */
export type PayrollInput = {
  month: string;
  statements: ReadonlyArray<{ managerId: string; lines: ReadonlyArray<StatementLine>; totals: StatementTotals }>;
  managers: ReadonlyMap<string, { name: string; email: string }>;
  /** Who acknowledged the month's statement. */
  acknowledged: ReadonlySet<string>;
};

export type PayrollRow = {
  managerId: string;
  name: string;
  email: string;
  /** Kopecks: the statement's payable total, adjustments and accepted disputes included. */
  payable: number;
  lines: number;
  adjustments: number;
  acceptedDisputes: number;
  acknowledged: boolean;
};

export type PayrollLine = { managerId: string; name: string; line: StatementLine };

const bom = '\uFEFF';

/** Kopecks as roubles with two decimals and a decimal comma: 123456 → "1234,56", -5 → "-0,05". */
export function roubles(kopecks: number): string {
  const abs = Math.abs(kopecks);
  return `${kopecks < 0 ? '-' : ''}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A field quoted when it holds `;`, a quote or a line break; text a spreadsheet would run as a formula gets an apostrophe. */
export function payrollField(value: string, text = false): string {
  const v = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const paid = (l: StatementLine) => l.status === 'payable' || l.status === 'released';

export function payrollRows(input: PayrollInput): PayrollRow[] {
  return [...input.statements]
    .sort((a, b) => (a.managerId < b.managerId ? -1 : a.managerId > b.managerId ? 1 : 0))
    .map((s) => {
      const lines = s.lines.filter(paid);
      const adjustments = lines.filter((l) => l.kind === 'adjustment');
      const who = input.managers.get(s.managerId);
      return {
        managerId: s.managerId,
        name: who?.name ?? s.managerId,
        email: who?.email ?? '',
        payable: s.totals.payable,
        lines: lines.length,
        adjustments: adjustments.reduce((n, l) => n + l.amount, 0),
        acceptedDisputes: adjustments.filter((l) => l.id.startsWith('dispute:')).length,
        acknowledged: input.acknowledged.has(s.managerId),
      };
    });
}

function csv(header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<readonly [string, boolean]>>): string {
  const line = (cells: ReadonlyArray<readonly [string, boolean]>) => cells.map(([v, text]) => payrollField(v, text)).join(';');
  return bom + [header.join(';'), ...rows.map(line)].map((l) => `${l}\r\n`).join('');
}

export const payrollHeader = [
  'month',
  'manager_id',
  'name',
  'email',
  'payable_rub',
  'lines',
  'adjustments_rub',
  'accepted_disputes',
  'acknowledged',
];

/** One row per manager with a statement. */
export function payrollCsv(input: PayrollInput): string {
  return csv(
    payrollHeader,
    payrollRows(input).map((r) => [
      [input.month, false],
      [r.managerId, true],
      [r.name, true],
      [r.email, true],
      [roubles(r.payable), false],
      [String(r.lines), false],
      [roubles(r.adjustments), false],
      [String(r.acceptedDisputes), false],
      [r.acknowledged ? 'yes' : 'no', false],
    ]),
  );
}

export const payrollLinesHeader = [
  'month',
  'manager_id',
  'name',
  'line_id',
  'kind',
  'client_id',
  'deal_id',
  'status',
  'amount_rub',
  'note',
];

/** Every payable line (payable, and held parts released this month), by manager in id order. */
export function payrollLines(input: PayrollInput): PayrollLine[] {
  return payrollRows(input).flatMap((r) =>
    (input.statements.find((s) => s.managerId === r.managerId)?.lines ?? [])
      .filter(paid)
      .map((line) => ({ managerId: r.managerId, name: r.name, line })),
  );
}

export function payrollLinesCsv(input: PayrollInput): string {
  return csv(
    payrollLinesHeader,
    payrollLines(input).map(({ managerId, name, line }) => [
      [input.month, false],
      [managerId, true],
      [name, true],
      [line.id, true],
      [line.kind, false],
      [line.clientId ?? '', true],
      [line.dealId ?? '', true],
      [line.status, false],
      [roubles(line.amount), false],
      [line.note, true],
    ]),
  );
}
