// The "Rotation effect" sheet (does rotation work here) and the dashboard's table of it: the base's
// figures laid out, and the sentence in the sheet's language. Pure.
import type { RotationEffect } from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import { roublesCell } from '../money.ts';
import type { Report, ReportBlock, ReportCell } from '../sheet/report-sheet.ts';

const windows = [3, 6, 12] as const;
const share = '0%';
const points = (x: number) => Math.round(x * 100);

/** One plain sentence: what the longest useful window says, or why nothing can be said yet. */
export function effectSentence(effect: RotationEffect, m: Messages): string {
  const e = m.admin.effect;
  if (!effect.holdout) return e.noHoldout;
  const f = effect.headline === null ? null : effect.total[`m${effect.headline}`];
  if (effect.headline === null || f === null) return e.tooYoung;
  const figures = {
    months: effect.headline,
    moved: points(f.moved.share),
    heldOut: points(f.heldOut.share),
    difference: points(f.difference),
    low: points(f.low),
    high: points(f.high),
  };
  if (!f.significant) return e.unclear(figures);
  return e.clear(figures, f.heldOut.share === 0 ? null : f.moved.share / f.heldOut.share);
}

export function effectReport(effect: RotationEffect, m: Messages, today: string): Report {
  const e = m.admin.effect;
  const groups = effect.holdout ? (['moved', 'heldOut'] as const) : (['moved'] as const);
  const runs: ReportBlock = {
    id: 'runs',
    title: e.runsTitle,
    header: e.runColumns(e.months),
    rows: effect.runs.flatMap((run) =>
      groups.map((g): ReportCell[] => [
        run.at,
        g === 'moved' ? e.moved : e.heldOut,
        run[g].clients,
        ...windows.flatMap((n): ReportCell[] => {
          const w = run[g][`m${n}`];
          return w === null ? [e.pending, null, null, null] : [w.withDeal, w.share, w.deals, roublesCell(w.profit)];
        }),
      ]),
    ),
    formats: [null, null, '0', ...windows.flatMap(() => ['0', share, '0.##', '#,##0.00 "₽"'])],
  };
  const total: ReportBlock = {
    id: 'total',
    title: e.totalTitle,
    header: e.totalColumns,
    rows: windows.map((n) => {
      const t = effect.total[`m${n}`];
      if (t === null) return [e.months(n), e.pending];
      return [
        e.months(n),
        t.moved.clients,
        t.moved.withDeal,
        t.moved.share,
        t.heldOut.clients,
        t.heldOut.withDeal,
        t.heldOut.share,
        points(t.difference),
        points(t.low),
        points(t.high),
        t.significant ? e.yes : e.no,
      ];
    }),
    formats: [null, '0', '0', share, '0', '0', share, '0', '0', '0'],
  };
  return { heading: [e.heading(today), effectSentence(effect, m)], blocks: effect.holdout ? [total, runs] : [runs] };
}

/** The dashboard's table under its chart: per window, the share with a deal of each group (none while pending). */
export function effectChartBlock(effect: RotationEffect, m: Messages): ReportBlock {
  const e = m.admin.effect;
  return {
    id: 'effect',
    title: e.chartTitle,
    header: e.chartColumns,
    rows: windows.map((n) => {
      const t = effect.total[`m${n}`];
      return [e.months(n), t?.moved.share ?? null, t?.heldOut.share ?? null];
    }),
    formats: [null, share, share],
  };
}
