import type { Router } from 'express';
import { departuresOf } from '../../store/client-list-store.ts';
import { parseBody, route } from '../context.ts';
import { departuresBody } from '../schemas.ts';

/** What the manager's spreadsheet needs beyond the client routes. */
export function staffSheetRoutes(router: Router): void {
  // A refresh that no longer finds some rows' clients asks why, to tell the manager.
  router.post(
    '/clients/departures',
    route(async (req, ctx) => {
      const { ids } = parseBody(req, departuresBody);
      return { body: { departures: await departuresOf(ctx.db, ctx.caller.manager.id, ids) } };
    }),
  );
}
