// The "Dashboard" sheet: the tables of one dashboard call, and a chart over each, refreshed on
// demand. Charts the add-on drew before are updated in place (found by the ids it keeps), so a
// refresh never piles up copies and keeps where the person moved them.
import { fetchDashboard, fetchRotationEffect } from '../api/admin-api.ts';
import type { Messages } from '../messages.ts';
import { writeReport } from '../sheet/report-sheet.ts';
import { toast } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import type { ActionContext } from '../workspace/session.ts';
import { dashboardReport, type ChartBlock } from './dashboard-tables.ts';

export const dashboardSheet = { id: 'dashboard', title: (m: Messages) => m.admin.sheets.dashboard };
const chartsProperty = 'clientbase.dashboard.charts';
const months = 12;
/** A chart is 300 px high, about 15 rows: the next one starts no higher than this below it. */
const chartRows = 16;

/** Menu: refresh the Dashboard sheet and its charts. */
export function refreshDashboard(session: ActionContext): void {
  const data = fetchDashboard(months);
  const refreshedAt = Utilities.formatDate(new Date(), session.timeZone, 'yyyy-MM-dd HH:mm');
  const { report, charts } = dashboardReport(data, session.m, refreshedAt, fetchRotationEffect());
  withDocumentLock(session, () => {
    const { sheet, placed } = writeReport(session, dashboardSheet, report);
    const width = Math.max(...Object.values(placed).map((p) => p.width));
    const props = PropertiesService.getDocumentProperties();
    const known = JSON.parse(props.getProperty(chartsProperty) ?? '{}') as Partial<Record<ChartBlock, number>>;
    const existing = sheet.getCharts();
    const ids: Partial<Record<ChartBlock, number>> = {};
    let nextFree = 1;
    for (const spec of charts) {
      const p = placed[spec.block]!;
      // Beside its own table, but never over the chart above it.
      const anchorRow = Math.max(p.headerRow - 1, nextFree);
      nextFree = anchorRow + chartRows;
      const range = sheet.getRange(p.headerRow, 1, p.lastRow - p.headerRow + 1, p.width);
      const found = existing.find((c) => c.getChartId() !== null && c.getChartId() === known[spec.block]);
      const builder = (found ? found.modify() : sheet.newChart().setPosition(anchorRow, width + 2, 0, 0))
        .setChartType(spec.type === 'BAR' ? Charts.ChartType.BAR : Charts.ChartType.COLUMN)
        .clearRanges()
        .addRange(range)
        .setNumHeaders(1)
        .setOption('title', spec.title)
        .setOption('isStacked', spec.stacked)
        .setOption('vAxis.title', spec.vAxis)
        .setOption('width', 560)
        .setOption('height', 300);
      const chart = builder.build();
      if (found) sheet.updateChart(chart);
      else sheet.insertChart(chart);
    }
    // New charts get their ids once inserted: read back by title.
    for (const chart of sheet.getCharts()) {
      const title = String(chart.getOptions().get('title') ?? '');
      const spec = charts.find((c) => c.title === title);
      const id = chart.getChartId();
      if (spec && id !== null) ids[spec.block] = id;
    }
    props.setProperty(chartsProperty, JSON.stringify(ids));
    sheet.setColumnWidth(1, 180);
    sheet.activate();
  });
  toast(session, session.m.admin.dashboard.shown(data.managers.length, data.months.length));
}
