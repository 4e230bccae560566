import type { Router } from 'express';
import { z } from 'zod';
import { fileHandoverReport, foreignTask } from '../../store/handover-store.ts';
import { isAppError } from '../../errors.ts';
import { documentIdSchema, idSchema } from '../../schema/common.ts';
import { recordClientConsent } from '../../operations/client-work.ts';
import { decideContactToVerify, myTasks } from '../../operations/contact-verification.ts';
import { statementFor } from '../../operations/staff-work.ts';
import { accessOf, actorOf, auditAs, notFound, parseBody, parseParam, parseQuery, route } from '../context.ts';
import { consentBody, emptyQuery, monthParam, reportBody, verifyContactBody } from '../schemas.ts';
import type { MyTasksAnswer, StatementAnswer, VerifyContactAnswer } from '../contract.ts';

const taskIdParam = documentIdSchema.pipe(z.string().max(300, 'must be at most 300 characters'));

const statementQuery = z.object({ managerId: idSchema.optional() }).strict();

/** A manager's own work outside the client card: consents, bonus statements, handover reports. */
export function staffWorkRoutes(router: Router): void {
  router.get(
    '/tasks',
    route(async (req, ctx) => {
      parseQuery(req, emptyQuery);
      return { body: (await myTasks(ctx.db, ctx.caller.manager.id)) satisfies MyTasksAnswer };
    }),
  );

  router.post(
    '/tasks/:taskId/report',
    route(async (req, ctx) => {
      const taskId = parseParam(req.params.taskId, taskIdParam, 'taskId');
      const body = parseBody(req, reportBody);
      // Only the task's manager, holding its client, reports; another's task answers not found, a handed-on one 409; both audited.
      try {
        const filed = await fileHandoverReport(ctx.db, {
          taskId,
          managerId: ctx.caller.manager.id,
          text: body.text,
          outcome: body.outcome,
          at: ctx.at,
        });
        return { status: 201, body: filed };
      } catch (e) {
        if (isAppError(e) && e.cause === foreignTask) {
          await auditAs(ctx, {
            action: `POST ${req.path}`,
            outcome: 'refused',
            target: `tasks/${taskId}`,
            details: { reason: e.code === 'handed-on' ? 'a task on a client since handed on' : "another manager's task" },
          });
        }
        throw e;
      }
    }),
  );

  router.post(
    '/clients/:id/consents',
    route(async (req, ctx) => {
      const clientId = parseParam(req.params.id, idSchema, 'id');
      const body = parseBody(req, consentBody);
      const consent = await recordClientConsent(ctx.db, { clientId, consent: body }, accessOf(ctx), actorOf(ctx));
      return { status: 201, body: { consent } };
    }),
  );

  router.post(
    '/clients/:id/contacts/verify',
    route(async (req, ctx) => {
      const clientId = parseParam(req.params.id, idSchema, 'id');
      const body = parseBody(req, verifyContactBody);
      const decided = await decideContactToVerify(ctx.db, { clientId, ...body }, accessOf(ctx), actorOf(ctx));
      return { body: decided satisfies VerifyContactAnswer };
    }),
  );

  router.get(
    '/statements/:month',
    route(async (req, ctx) => {
      const month = parseParam(req.params.month, monthParam, 'month');
      const query = parseQuery(req, statementQuery);
      const found = await statementFor(ctx.db, { month, actor: ctx.caller.manager, asked: query.managerId, at: ctx.at });
      if (!found) throw notFound(`statement for ${month}`);
      return { body: found satisfies StatementAnswer };
    }),
  );
}
