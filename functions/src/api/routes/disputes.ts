import type { Router } from 'express';
import { z } from 'zod';
import { acknowledgeMonth, decideDispute, disputesOn, openDispute } from '../../operations/disputes.ts';
import { payrollOf } from '../../operations/payroll.ts';
import { documentIdSchema } from '../../schema/common.ts';
import { disputeBody, disputesQuery, resolveDisputeBody } from '../../schema/dispute.ts';
import type { DisputesAnswer, PayrollAnswer } from '../contract.ts';
import { actorOf, adminRoute, parseBody, parseParam, parseQuery, route } from '../context.ts';
import { emptyBody, emptyQuery, monthParam } from '../schemas.ts';

const disputeIdParam = documentIdSchema.pipe(z.string().max(100, 'must be at most 100 characters'));
const payrollQuery = z.object({ lines: z.enum(['true', 'false']).optional() }).strict();

/** Questioning a statement, signing it off, the head of sales' answers, and the payroll file of a closed month. */
export function disputeRoutes(router: Router): void {
  router.post(
    '/statements/:month/disputes',
    route(async (req, ctx) => {
      const month = parseParam(req.params.month, monthParam, 'month');
      const body = parseBody(req, disputeBody);
      const dispute = await openDispute(
        ctx.db,
        { month, ...body },
        { managerId: ctx.caller.manager.id, at: ctx.at, today: (await ctx.asOf()).today },
      );
      return { status: 201, body: { dispute } };
    }),
  );

  router.get(
    '/disputes',
    route(async (req, ctx) => {
      parseQuery(req, emptyQuery);
      const answer = await disputesOn(ctx.db, { managerId: ctx.caller.manager.id, today: (await ctx.asOf()).today });
      return { body: answer satisfies DisputesAnswer };
    }),
  );

  router.post(
    '/statements/:month/acknowledge',
    route(async (req, ctx) => {
      const month = parseParam(req.params.month, monthParam, 'month');
      parseBody(req, emptyBody);
      return { body: await acknowledgeMonth(ctx.db, { month }, { managerId: ctx.caller.manager.id, at: ctx.at }) };
    }),
  );

  router.get(
    '/admin/disputes',
    adminRoute('read disputes', async (req, ctx) => {
      const { status } = parseQuery(req, disputesQuery);
      const answer = await disputesOn(ctx.db, { status, today: (await ctx.asOf()).today });
      return { body: answer satisfies DisputesAnswer, details: { status: status ?? 'all', count: answer.disputes.length } };
    }),
  );

  router.post(
    '/admin/disputes/:id/resolve',
    adminRoute('resolve dispute', async (req, ctx) => {
      const id = parseParam(req.params.id, disputeIdParam, 'id');
      const body = parseBody(req, resolveDisputeBody);
      const dispute = await decideDispute(ctx.db, { id, ...body }, actorOf(ctx));
      return {
        body: { dispute },
        target: `disputes/${id}`,
        details: { decision: body.decision, managerId: dispute.managerId, month: dispute.month, amount: dispute.amount },
      };
    }),
  );

  router.get(
    '/admin/bonus/:month/payroll',
    adminRoute('export payroll', async (req, ctx) => {
      const month = parseParam(req.params.month, monthParam, 'month');
      const query = parseQuery(req, payrollQuery);
      const file = await payrollOf(ctx.db, { month, lines: query.lines === 'true' });
      const count = file.kind === 'lines' ? file.lines.length : file.rows.length;
      return { body: file satisfies PayrollAnswer, target: `bonusMonths/${month}`, details: { lines: file.kind === 'lines', count } };
    }),
  );
}
