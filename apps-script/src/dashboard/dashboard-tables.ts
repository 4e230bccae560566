// The dashboard's numbers (one API call, aggregated by the base) as the tables its charts are
// drawn over, and which chart goes over which table. Pure.
import type { Dashboard, RotationEffect } from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import { moneyFormat, roublesCell } from '../money.ts';
import type { Report } from '../sheet/report-sheet.ts';
import { effectChartBlock } from '../rotation/effect-sheet.ts';

export type ChartBlock = 'clients' | 'attracted' | 'lostMarked' | 'moves' | 'bonuses' | 'overdue' | 'effect';
export type ChartSpec = { block: ChartBlock; type: 'COLUMN' | 'BAR'; stacked: boolean; title: string; vAxis: string };

export function dashboardReport(
  d: Dashboard,
  m: Messages,
  refreshedAt: string,
  effect?: RotationEffect,
): { report: Report; charts: ChartSpec[] } {
  const t = m.admin.dashboard;
  const names = d.managers.map((x) => x.name);
  const count = (n: number) => n;
  const report: Report = {
    heading: [t.heading(d.asOf, refreshedAt), t.unassigned(d.unassigned)],
    blocks: [
      {
        id: 'clients',
        title: t.titles.clients,
        header: [t.manager, ...d.levels.map((l) => t.level(l))],
        rows: d.clients.map((c, i) => [names[i]!, ...d.levels.map((l) => (l === c.level ? count(c.count) : null))]),
        formats: [null, ...d.levels.map(() => '0')],
      },
      {
        id: 'attracted',
        title: t.titles.attracted,
        header: [t.month, ...names],
        rows: d.attracted.map((row) => [row.month, ...d.managers.map((x) => row.byManager[x.id] ?? 0)]),
        formats: [null, ...names.map(() => '0')],
      },
      {
        id: 'lostMarked',
        title: t.titles.lostMarked,
        header: [t.month, ...names],
        rows: d.lostMarked.map((row) => [row.month, ...d.managers.map((x) => row.byManager[x.id] ?? 0)]),
        formats: [null, ...names.map(() => '0')],
      },
      {
        id: 'moves',
        title: t.titles.moves,
        header: [t.month, t.rotation, t.offboarding],
        rows: d.moves.map((r) => [r.month, r.rotation, r.offboarding]),
        formats: [null, '0', '0'],
      },
      {
        id: 'bonuses',
        title: t.titles.bonuses,
        header: [t.month, ...t.bonusKinds],
        rows: d.bonuses.map((r) => [r.month, roublesCell(r.payable), roublesCell(r.pending), roublesCell(r.cancelled)]),
        formats: [null, moneyFormat, moneyFormat, moneyFormat],
      },
      {
        id: 'overdue',
        title: t.titles.overdue,
        header: [t.manager, t.overdueReports],
        rows: d.overdue.map((o, i) => [names[i]!, o.count]),
        formats: [null, '0'],
      },
    ],
  };
  const charts: ChartSpec[] = [
    { block: 'clients', type: 'COLUMN', stacked: true, title: t.titles.clients, vAxis: t.axes.clients },
    { block: 'attracted', type: 'COLUMN', stacked: true, title: t.titles.attracted, vAxis: t.axes.clients },
    { block: 'lostMarked', type: 'COLUMN', stacked: true, title: t.titles.lostMarked, vAxis: t.axes.clients },
    { block: 'moves', type: 'COLUMN', stacked: true, title: t.titles.moves, vAxis: t.axes.clients },
    { block: 'bonuses', type: 'COLUMN', stacked: false, title: t.titles.bonuses, vAxis: t.axes.roubles },
    { block: 'overdue', type: 'BAR', stacked: false, title: t.titles.overdue, vAxis: t.axes.reports },
  ];
  // Does rotation work: only once some run held clients out, there is something to compare.
  if (effect?.holdout) {
    report.blocks.push(effectChartBlock(effect, m));
    charts.push({ block: 'effect', type: 'COLUMN', stacked: false, title: m.admin.effect.chartTitle, vAxis: m.admin.effect.axis });
  }
  return { report, charts };
}
