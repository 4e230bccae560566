import type { Router } from 'express';
import { z } from 'zod';
import { fileHandoverReport, foreignTask, listOpenTasks } from '../../store/handover-store.ts';
import { isAppError } from '../../errors.ts';
import { documentIdSchema, idSchema } from '../../schema/common.ts';
import { readStatement } from '../../store/bonus-statement-store.ts';
import { readClientInScope } from '../../store/client-edit-store.ts';
import { heldClientNames } from '../../store/client-list-store.ts';
import { recordConsent } from '../../store/consent-store.ts';
import { actorOf, auditAs, isAdmin, notFound, parseBody, parseParam, parseQuery, route, scopeOf } from '../context.ts';
import { consentBody, emptyQuery, monthParam, reportBody } from '../schemas.ts';

const taskIdParam = documentIdSchema.pipe(z.string().max(300, 'must be at most 300 characters'));

const statementQuery = z.object({ managerId: idSchema.optional() }).strict();

/** A manager's own work outside the client card: consents, bonus statements, handover reports. */
export function staffWorkRoutes(router: Router): void {
  router.get(
    '/tasks',
    route(async (req, ctx) => {
      parseQuery(req, emptyQuery);
      const tasks = await listOpenTasks(ctx.db, ctx.caller.manager.id);
      const names = await heldClientNames(
        ctx.db,
        ctx.caller.manager.id,
        tasks.map((t) => t.clientId),
      );
      return { body: { tasks: tasks.map((t) => ({ ...t, clientName: names.get(t.clientId) ?? null })) } };
    }),
  );

  router.post(
    '/tasks/:taskId/report',
    route(async (req, ctx) => {
      const taskId = parseParam(req.params.taskId, taskIdParam, 'taskId');
      const body = parseBody(req, reportBody);
      // Only the task's holder reports; another's task answers not found (the store checks it) and is audited.
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
            details: { reason: "another manager's task" },
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
      await readClientInScope(ctx.db, clientId, scopeOf(ctx));
      const consent = await recordConsent(
        ctx.db,
        { clientId, ...body, ...actorOf(ctx) },
        isAdmin(ctx) ? {} : { holderId: ctx.caller.manager.id },
      );
      return { status: 201, body: { consent } };
    }),
  );

  router.get(
    '/statements/:month',
    route(async (req, ctx) => {
      const month = parseParam(req.params.month, monthParam, 'month');
      const query = parseQuery(req, statementQuery);
      // An admin may read anyone's statement; a manager only their own, whatever they ask for.
      const managerId = isAdmin(ctx) && query.managerId !== undefined ? query.managerId : ctx.caller.manager.id;
      if (!isAdmin(ctx) && query.managerId !== undefined && query.managerId !== managerId) throw notFound(`statement for ${month}`);
      const statement = await readStatement(ctx.db, { month, managerId });
      if (!statement) throw notFound(`statement for ${month}`);
      return { body: { statement } };
    }),
  );
}
