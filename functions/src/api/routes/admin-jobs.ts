import type { Router } from 'express';
import { closeBonusMonth, computeBonusMonth, type MonthReport } from '../../operations/bonus-job.ts';
import { exportContactList } from '../../operations/contact-list-export.ts';
import type { RotationReport } from '../../core/rotation/report.ts';
import { runRotation } from '../../operations/rotation-job.ts';
import { beginOffboarding } from '../../operations/staff-changes.ts';
import { idSchema } from '../../schema/common.ts';
import { actorOf, adminRoute, parseBody, parseParam } from '../context.ts';
import { startJob } from '../job-runs.ts';
import { emptyBody, mailingExportBody, monthParam, offboardBody, rotationApplyBody, rotationPreviewBody } from '../schemas.ts';

/** What the caller polls: 202 and where to look. */
function started(job: { id: string; kind: string }) {
  return { status: 202, body: { jobId: job.id, status: 'running', poll: `/admin/jobs/${job.id}` }, target: `jobRuns/${job.id}` };
}

/** A whole-base report can outgrow a job document; its full plan stays in rotationRuns/{runId}. */
function rotationSummary(r: unknown) {
  const report = r as RotationReport;
  const { moves, skipped, heldOut, ...rest } = report;
  return {
    ...rest,
    moved: moves.length,
    skipped: skipped.length,
    heldOut: heldOut?.length ?? 0,
    note: `the moves are listed in rotationRuns/${report.runId}`,
  };
}

/** Admin work on the whole base: long runs become jobs; short ones answer at once. */
export function adminJobRoutes(router: Router): void {
  router.post(
    '/admin/rotation/preview',
    adminRoute('preview rotation', async (req, ctx) => {
      const body = parseBody(req, rotationPreviewBody);
      const { report } = await runRotation(ctx.db, { at: body.at ?? ctx.at, dryRun: true, by: ctx.caller.manager.id });
      return { body: report, details: { at: report.at, moves: report.moves.length } };
    }),
  );

  router.post(
    '/admin/rotation/apply',
    adminRoute('apply rotation', async (req, ctx) => {
      parseBody(req, rotationApplyBody);
      // Applied for today only: a rotation is keyed by its day, so a repeat changes nothing.
      const apply = async () => (await runRotation(ctx.db, { at: ctx.at, dryRun: false, by: ctx.caller.manager.id })).report;
      const job = await startJob(ctx.db, { kind: 'rotation', by: ctx.caller.manager.id, at: ctx.at, params: {} }, apply, rotationSummary);
      return started(job);
    }),
  );

  router.post(
    '/admin/managers/:id/offboard',
    adminRoute('offboard manager', async (req, ctx) => {
      const managerId = parseParam(req.params.id, idSchema, 'id');
      const body = parseBody(req, offboardBody);
      const start = await beginOffboarding(
        ctx.db,
        { managerId, day: (await ctx.asOf()).today, dryRun: body.dryRun === true },
        actorOf(ctx),
      );
      if (start.dryRun) {
        return { body: start.plan, target: `managers/${managerId}`, details: { dryRun: true, moves: start.plan.moves.length } };
      }
      // Access has ended, before the answer; handing the clients on continues as a job.
      const record = { kind: 'offboarding', by: ctx.caller.manager.id, at: ctx.at, params: { managerId } };
      const job = await startJob(ctx.db, record, start.handOn, rotationSummary);
      return { ...started(job), target: `managers/${managerId}` };
    }),
  );

  router.post(
    '/admin/bonus/:month/compute',
    adminRoute('compute bonus month', async (req, ctx) => {
      const month = parseParam(req.params.month, monthParam, 'month');
      parseBody(req, emptyBody);
      const job = await startJob(
        ctx.db,
        { kind: 'bonus-compute', by: ctx.caller.manager.id, at: ctx.at, params: { month } },
        () => computeBonusMonth(ctx.db, { month, ...actorOf(ctx) }),
        (r) => {
          const report = r as MonthReport;
          return {
            month: report.month,
            closed: report.closed,
            statements: report.statements.map((s) => ({ managerId: s.managerId, lines: s.lines.length, totals: s.totals })),
            note: 'lines omitted (too many to keep here); read each statement',
          };
        },
      );
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
      const { channel, confirmations } = parseBody(req, mailingExportBody);
      const kind = confirmations ? 'confirmation' : 'mailing';
      const result = await exportContactList(ctx.db, { kind, channel, ...actorOf(ctx) });
      const { exportId, rows, csv, cadenceDays } = result;
      const body = { exportId, kind, count: rows.length, cadenceDays, rows, csv };
      return {
        status: 201,
        body,
        target: `mailingExports/${result.exportId}`,
        details: { channel, confirmations, count: result.rows.length },
      };
    }),
  );
}
