import type { Router } from 'express';
import { verifyAuditTrail } from '../../operations/audit-verify.ts';
import { restoreClient } from '../../operations/restore-client.ts';
import { idSchema } from '../../schema/common.ts';
import { withHoldingFacts } from '../../store/client-list-store.ts';
import { editAnswer } from '../client-edit-answer.ts';
import { actorOf, adminRoute, parseBody, parseParam, parseQuery } from '../context.ts';
import type { AuditVerifyAnswer, RestoreClientAnswer } from '../contract.ts';
import { emptyQuery, restoreClientBody } from '../schemas.ts';

/** The head of sales' oversight of the audit trail itself, and the undoing of a wipe. */
export function adminAuditRoutes(router: Router): void {
  router.get(
    '/admin/audit/verify',
    adminRoute('verify audit trail', async (req, ctx) => {
      parseQuery(req, emptyQuery);
      const report = await verifyAuditTrail(ctx.db);
      return { body: report satisfies AuditVerifyAnswer, details: { ok: report.ok, problems: report.problems.length } };
    }),
  );

  router.post(
    '/admin/clients/:id/restore',
    adminRoute('restore client', async (req, ctx) => {
      const clientId = parseParam(req.params.id, idSchema, 'id');
      const body = parseBody(req, restoreClientBody);
      const point = body.historyEntryId !== undefined ? { historyEntryId: body.historyEntryId } : { at: body.at! };
      const restored = await restoreClient(ctx.db, { clientId, point, actor: actorOf(ctx) });
      const client = restored.outcome === undefined ? undefined : editAnswer(restored.outcome);
      const [listed] = client === undefined ? [undefined] : await withHoldingFacts(ctx.db, [client], ctx.at);
      const answer = { client: listed ?? null, changed: restored.changed, undone: restored.undone };
      return { body: answer satisfies RestoreClientAnswer, target: `clients/${clientId}`, details: { point, changed: restored.changed } };
    }),
  );
}
