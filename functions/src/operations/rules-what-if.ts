import type { Firestore } from 'firebase-admin/firestore';
import { computeMonthLines } from '../core/bonus/statement.ts';
import { whatIf, type RecomputedMonth, type WhatIfAnswer } from '../core/bonus/what-if.ts';
import { loadMonth } from '../store/bonus-input-store.ts';
import { readMonthRecords } from '../store/bonus-month-store.ts';
import { readStatements } from '../store/bonus-statement-store.ts';
import { readRoster } from '../store/manager-store.ts';
import { checkRules } from './publish-rules.ts';

/**
 * The head of sales' preview of edited rules: the last `months` closed months recomputed in memory
 * under them, from the data as the bonus job reads it, beside what each manager was paid. The rules
 * are checked exactly as a publish checks them; nothing is stored or published.
 */
export async function rulesWhatIf(db: Firestore, input: { rules: unknown; months: number }): Promise<WhatIfAnswer> {
  const roster = await readRoster(db);
  const rules = checkRules(input.rules, roster);
  const closed = (await readMonthRecords(db, '0000-00')).filter((r) => r.closed).map((r) => r.month);
  const months = closed.sort().slice(-input.months);
  const recomputed: RecomputedMonth[] = await Promise.all(
    months.map(async (month) => {
      const [stored, data] = await Promise.all([readStatements(db, month), loadMonth(db, month, rules.bonus, rules.timeZone)]);
      return { month, stored, fresh: computeMonthLines({ month, rules: rules.bonus, ...data }) };
    }),
  );
  return whatIf(recomputed, new Map(roster.map((m) => [m.id, m.name])));
}
