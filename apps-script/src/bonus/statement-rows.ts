// A bonus statement as sheet rows: every line with its client, deal (its day and amount, as people
// know it; the id last, in a hidden column), rule, rate, amount, status and the day a pending part
// is decided; totals on top (what awaits the head of sales' confirmation apart: it is neither
// payable nor pending). Pure. Amounts are roubles (numbers the sheet formats as money); rates are
// fractions the sheet shows as percentages.
import type { Statement, StatementAnswer } from '../../../functions/src/api/contract.ts';
import type { Locale, Messages } from '../messages.ts';
import { formatRoubles, localiseAmounts, roublesCell } from '../money.ts';

export type StatementSheet = {
  heading: string;
  totals: Array<[string, number]>;
  header: string[];
  rows: Array<Array<string | number>>;
};

/** Columns of the statement's lines; the last (the deal's id) is hidden. */
export const statementWidth = 9;

export function statementSheet(
  { statement, deals }: StatementAnswer,
  clientNames: ReadonlyMap<string, string>,
  m: Messages,
  locale: Locale,
): StatementSheet {
  const b = m.bonus;
  const dealNames = new Map(deals.map((d) => [d.id, `${d.date} · ${formatRoubles(d.amount, locale)}`]));
  return {
    heading: b.heading(statement.month, statement.closed),
    totals: [
      [b.totals.payable, roublesCell(statement.totals.payable)],
      [b.totals.pending, roublesCell(statement.totals.pending)],
      [b.totals.cancelled, roublesCell(statement.totals.cancelled)],
      [b.totals.awaiting, roublesCell(awaitingTotal(statement))],
    ],
    header: [
      b.columns.client,
      b.columns.deal,
      b.columns.rule,
      b.columns.rate,
      b.columns.amount,
      b.columns.status,
      b.columns.pendingUntil,
      b.columns.note,
      b.columns.dealId,
    ],
    rows: statement.lines.map((line) => [
      line.clientId === null ? '' : (clientNames.get(line.clientId) ?? line.clientId),
      line.dealId === null ? '' : (dealNames.get(line.dealId) ?? line.dealId),
      (m.lineKinds as Record<string, string>)[line.kind] ?? line.kind,
      line.rate ?? '',
      roublesCell(line.amount),
      (m.lineStatuses as Record<string, string>)[line.status] ?? line.status,
      line.status === 'pending' ? (line.dueDate ?? '') : '',
      localiseAmounts(line.ofMonth ? `${line.note} (${line.ofMonth})` : line.note, locale),
      line.dealId ?? '',
    ]),
  };
}

/** What the month's deals awaiting confirmation would earn once confirmed: the sum of their lines. */
export function awaitingTotal(statement: Pick<Statement, 'lines'>): number {
  return statement.lines.reduce((sum, line) => (line.status === 'awaiting-confirmation' ? sum + line.amount : sum), 0);
}

/** The month before the one `today` falls in: the last month a statement can be complete for. */
export function previousMonth(today: string): string {
  const [y, mo] = today.split('-').map(Number) as [number, number];
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}
