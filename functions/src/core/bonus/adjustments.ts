import { formatMoney } from './money.ts';
import type { StatementLine } from './types.ts';

/**
 * MISSION §3.7: a closed month never changes; what changed since (late deals, corrections) is paid
 * or taken back in the next open month. For closed month K, each (line, status) whose amount in
 * K recomputed now differs from K as closed, less what later closed months already adjusted,
 * becomes one adjustment line. A line gone from K gives a negative adjustment.
 */
export type ClosedMonthReview = {
  month: string;
  /** K recomputed from today's data (no adjustment lines), by manager. */
  fresh: Map<string, StatementLine[]>;
  /** K's statements as closed, by manager. */
  stored: Map<string, StatementLine[]>;
  /** Adjustment lines for K already in closed statements of later months, by manager. */
  carried: Map<string, StatementLine[]>;
};

export function adjustmentLines(review: ClosedMonthReview): Map<string, StatementLine[]> {
  type Entry = { delta: number; template: StatementLine };
  const byManager = new Map<string, Map<string, Entry>>();
  const apply = (lines: Map<string, StatementLine[]>, sign: number, original: boolean) => {
    for (const [managerId, list] of lines) {
      let entries = byManager.get(managerId);
      if (entries === undefined) byManager.set(managerId, (entries = new Map()));
      for (const line of list) {
        if (original && line.kind === 'adjustment') continue;
        if (!original && line.ofMonth !== review.month) continue;
        const ref = original ? line.id : (line.ref ?? line.id);
        const key = `${ref}|${line.status}`;
        const entry = entries.get(key);
        if (entry === undefined) entries.set(key, { delta: sign * line.amount, template: { ...line, id: ref } });
        else entry.delta += sign * line.amount;
      }
    }
  };
  apply(review.fresh, 1, true);
  apply(review.stored, -1, true);
  apply(review.carried, -1, false);
  const out = new Map<string, StatementLine[]>();
  for (const [managerId, entries] of byManager) {
    const lines: StatementLine[] = [];
    for (const { delta, template } of entries.values()) {
      if (delta === 0) continue;
      lines.push({
        id: `adjustment:${review.month}:${template.id}:${template.status}`,
        kind: 'adjustment',
        clientId: template.clientId,
        dealId: template.dealId,
        rate: template.rate,
        amount: delta,
        status: template.status,
        dueDate: template.dueDate,
        note:
          `correction to closed ${review.month}, ` +
          `${template.kind === 'adjustment' ? template.note : `${template.kind} line`}: ${delta > 0 ? '+' : ''}${formatMoney(delta)}`,
        ofMonth: review.month,
        ref: template.id,
      });
    }
    if (lines.length > 0)
      out.set(
        managerId,
        lines.sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
  }
  return out;
}

/**
 * The adjustments the first open month after a run of closed months carries. `closed` holds the
 * statements of the closed months it knows: those to review in full, and for older reviewed months
 * any later closed statements that carry adjustments to them (those may be only some managers').
 * `reviewed` says which to review (all of `closed` if not given); `fresh` recomputes a month from
 * today's data.
 */
export function adjustmentsForOpenMonth(
  closed: ReadonlyArray<{ month: string; stored: Map<string, StatementLine[]> }>,
  fresh: (month: string) => Map<string, StatementLine[]>,
  reviewed: ReadonlySet<string> = new Set(closed.map((c) => c.month)),
): Map<string, StatementLine[]> {
  const out = new Map<string, StatementLine[]>();
  const months = [...closed].sort((a, b) => (a.month < b.month ? -1 : 1));
  for (const review of months) {
    if (!reviewed.has(review.month)) continue;
    const carried = new Map<string, StatementLine[]>();
    for (const later of months) {
      if (later.month <= review.month) continue;
      for (const [managerId, lines] of later.stored) {
        const mine = lines.filter((l) => l.kind === 'adjustment' && l.ofMonth === review.month);
        if (mine.length > 0) carried.set(managerId, [...(carried.get(managerId) ?? []), ...mine]);
      }
    }
    for (const [managerId, lines] of adjustmentLines({ month: review.month, fresh: fresh(review.month), stored: review.stored, carried })) {
      out.set(managerId, [...(out.get(managerId) ?? []), ...lines]);
    }
  }
  return out;
}
