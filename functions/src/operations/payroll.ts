import type { Firestore } from 'firebase-admin/firestore';
import { payrollCsv, payrollLines, payrollLinesCsv, payrollRows, type PayrollLine, type PayrollRow } from '../core/bonus/payroll.ts';
import { AppError } from '../errors.ts';
import { writeAudit } from '../store/audit-store.ts';
import { readMonthState } from '../store/bonus-month-store.ts';
import { readStatements } from '../store/bonus-statement-store.ts';
import { readAcknowledgements } from '../store/dispute-store.ts';
import { readRoster } from '../store/manager-store.ts';

export type PayrollFile = { month: string; file: string; csv: string } & (
  | { kind: 'managers'; rows: PayrollRow[] }
  | { kind: 'lines'; lines: PayrollLine[] }
);

/** The payroll file of a closed month (one row per manager, or with `lines` every payable line); an open month is refused. */
export async function payrollOf(db: Firestore, input: { month: string; lines: boolean }): Promise<PayrollFile> {
  const { month } = input;
  const state = await readMonthState(db, month);
  if (!state.closed)
    throw new AppError('conflict', `${month} is not closed: payroll is exported for closed months only`, {
      issues: [{ path: 'month', message: 'is not closed' }],
    });
  const [statements, roster, acks] = await Promise.all([readStatements(db, month), readRoster(db), readAcknowledgements(db, month)]);
  const data = {
    month,
    statements,
    managers: new Map(roster.map((m) => [m.id, { name: m.name, email: m.email }])),
    acknowledged: new Set(acks.keys()),
  };
  return input.lines
    ? { month, kind: 'lines', file: `payroll-${month}-lines.csv`, csv: payrollLinesCsv(data), lines: payrollLines(data) }
    : { month, kind: 'managers', file: `payroll-${month}.csv`, csv: payrollCsv(data), rows: payrollRows(data) };
}

/** `payrollOf`, audited as an export by `by` (the API's admin route audits its own calls). */
export async function exportPayroll(
  db: Firestore,
  input: { month: string; lines: boolean },
  actor: { by: string; at: string },
): Promise<PayrollFile> {
  const file = await payrollOf(db, input);
  const count = file.kind === 'lines' ? file.lines.length : file.rows.length;
  await writeAudit(db, {
    at: actor.at,
    actor: actor.by,
    action: 'export payroll',
    outcome: 'ok',
    target: `bonusMonths/${input.month}`,
    details: { lines: input.lines, count },
  });
  return file;
}
