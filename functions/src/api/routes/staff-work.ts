import type { Router } from 'express';
import { z } from 'zod';
import { readStatement } from '../../jobs/bonus-job.ts';
import { idSchema } from '../../schema/common.ts';
import { readClientInScope } from '../../store/client-edit-store.ts';
import { recordConsent } from '../../store/consent-store.ts';
import { actorOf, isAdmin, notFound, parseBody, parseParam, parseQuery, route, scopeOf } from '../context.ts';
import { consentBody, monthParam } from '../schemas.ts';

const statementQuery = z.object({ managerId: idSchema.optional() }).strict();

/** A manager's own work outside the client card: consents, bonus statements. */
export function staffWorkRoutes(router: Router): void {
  router.post(
    '/clients/:id/consents',
    route(async (req, ctx) => {
      const clientId = parseParam(req.params.id, idSchema, 'id');
      const body = parseBody(req, consentBody);
      await readClientInScope(ctx.db, clientId, scopeOf(ctx));
      const consent = await recordConsent(ctx.db, { clientId, ...body, ...actorOf(ctx) });
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
