import type { Router } from 'express';
import { closeBonusMonth, computeBonusMonth, type MonthReport } from '../../jobs/bonus-job.ts';
import { exportMailingList } from '../../jobs/mailing-export.ts';
import { actorOf, adminRoute, parseBody, parseParam } from '../context.ts';
import { startJob } from '../job-runs.ts';
import { emptyBody, mailingExportBody, monthParam } from '../schemas.ts';

/** What the caller polls: 202 and where to look. */
function started(job: { id: string; kind: string }) {
  return { status: 202, body: { jobId: job.id, status: 'running', poll: `/admin/jobs/${job.id}` }, target: `jobRuns/${job.id}` };
}

/** Admin work on the whole base: long runs become jobs; short ones answer at once. */
export function adminJobRoutes(router: Router): void {
  router.post(
    '/admin/bonus/:month/compute',
    adminRoute('compute bonus month', async (req, ctx) => {
      const month = parseParam(req.params.month, monthParam, 'month');
      parseBody(req, emptyBody);
      const job = await startJob(ctx.db, { kind: 'bonus-compute', by: ctx.caller.manager.id, at: ctx.at, params: { month } }, () => computeBonusMonth(ctx.db, { month, ...actorOf(ctx) }), (r) => {
        const report = r as MonthReport;
        return { month: report.month, closed: report.closed, statements: report.statements.map((s) => ({ managerId: s.managerId, lines: s.lines.length, totals: s.totals })), note: 'lines omitted (too many to keep here); read each statement' };
      });
      return { ...started(job), details: { month } };
    }),
  );

  router.post(
    '/admin/bonus/:month/close',
    adminRoute('close bonus month', async (req, ctx) => {
      const month = parseParam(req.params.month, monthParam, 'month');
      parseBody(req, emptyBody);
      return { body: await closeBonusMonth(ctx.db, { month, ...actorOf(ctx) }), target: `bonusMonths/${month}` };
    }),
  );

  router.post(
    '/admin/mailing-exports',
    adminRoute('export mailing list', async (req, ctx) => {
      const { channel } = parseBody(req, mailingExportBody);
      const result = await exportMailingList(ctx.db, { channel, ...actorOf(ctx) });
      return { status: 201, body: { exportId: result.exportId, count: result.rows.length, rows: result.rows, csv: result.csv }, target: `mailingExports/${result.exportId}`, details: { channel, count: result.rows.length } };
    }),
  );
}
