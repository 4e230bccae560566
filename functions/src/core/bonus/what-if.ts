import { totalsOf } from './statement.ts';
import type { Statement, StatementLine } from './types.ts';

/** `POST /admin/rules/what-if`: per manager and closed month, what was paid and what the edited rules would have paid (kopecks). */
export type WhatIfMonth = { month: string; paid: number; wouldBe: number };
export type WhatIfAnswer = {
  months: string[];
  managers: Array<{ managerId: string; name: string | null; months: WhatIfMonth[] }>;
  totalDifference: number;
};

/** One closed month: its stored statements, and its lines recomputed under the edited rules. */
export type RecomputedMonth = { month: string; stored: ReadonlyArray<Statement>; fresh: Map<string, StatementLine[]> };

/**
 * Paid is each statement's payable total as closed; would be is the month recomputed under the
 * edited rules, with the adjustments it carried for earlier months kept as they were paid (they
 * correct other months, not this one's rules). Unchanged rules on unchanged data differ by zero.
 */
export function whatIf(recomputed: ReadonlyArray<RecomputedMonth>, names: ReadonlyMap<string, string>): WhatIfAnswer {
  const months = recomputed.map((r) => r.month).sort();
  const byManager = new Map<string, Map<string, WhatIfMonth>>();
  const entry = (managerId: string, month: string) => {
    let list = byManager.get(managerId);
    if (list === undefined) byManager.set(managerId, (list = new Map()));
    let m = list.get(month);
    if (m === undefined) list.set(month, (m = { month, paid: 0, wouldBe: 0 }));
    return m;
  };
  let totalDifference = 0;
  for (const { month, stored, fresh } of recomputed) {
    const adjustments = new Map(stored.map((s) => [s.managerId, s.lines.filter((l) => l.kind === 'adjustment')]));
    for (const s of stored) entry(s.managerId, month).paid = s.totals.payable;
    for (const managerId of new Set([...fresh.keys(), ...adjustments.keys()])) {
      const lines = [...(fresh.get(managerId) ?? []), ...(adjustments.get(managerId) ?? [])];
      entry(managerId, month).wouldBe = totalsOf(lines).payable;
    }
  }
  const managers = [...byManager.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([managerId, list]) => {
      const rows = months.map((m) => list.get(m) ?? { month: m, paid: 0, wouldBe: 0 });
      for (const r of rows) totalDifference += r.wouldBe - r.paid;
      return { managerId, name: names.get(managerId) ?? null, months: rows };
    });
  return { months, managers, totalDifference };
}
