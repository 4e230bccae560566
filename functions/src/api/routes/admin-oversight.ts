import type { Router } from 'express';
import {
  bonusStatementsOf,
  dashboardOn,
  overdueReportsOn,
  rulesHistory,
  rulesVersionAgainstCurrent,
} from '../../operations/oversight-reads.ts';
import { rotationEffectOn } from '../../operations/rotation-effect.ts';
import { readClientNames } from '../../store/oversight-store.ts';
import { adminRoute, parseBody, parseParam, parseQuery } from '../context.ts';
import { clientNamesBody, dashboardQuery, emptyQuery, monthParam, rulesVersionParam, rulesVersionsQuery } from '../schemas.ts';
import type { RotationEffect, RulesHistoryPage } from '../contract.ts';

/** What the head of sales reads to run the department: rules history, overdue reports, statements, names, the dashboard. */
export function adminOversightRoutes(router: Router): void {
  router.get(
    '/admin/rules/versions',
    adminRoute('read rules history', async (req, ctx) => {
      const query = parseQuery(req, rulesVersionsQuery);
      return { body: (await rulesHistory(ctx.db, query)) satisfies RulesHistoryPage };
    }),
  );

  router.get(
    '/admin/rules/versions/:version',
    adminRoute('read rules version', async (req, ctx) => {
      const version = parseParam(req.params.version, rulesVersionParam, 'version');
      parseQuery(req, emptyQuery);
      return { body: await rulesVersionAgainstCurrent(ctx.db, version), target: `config/rules/versions/${version}` };
    }),
  );

  router.get(
    '/admin/overdue-reports',
    adminRoute('read overdue reports', async (req, ctx) => {
      parseQuery(req, emptyQuery);
      const report = await overdueReportsOn(ctx.db, (await ctx.asOf()).today);
      return { body: report, details: { overdue: report.tasks.length } };
    }),
  );

  router.get(
    '/admin/bonus/:month/statements',
    adminRoute('read bonus statements', async (req, ctx) => {
      const month = parseParam(req.params.month, monthParam, 'month');
      parseQuery(req, emptyQuery);
      return { body: await bonusStatementsOf(ctx.db, month), target: `bonusMonths/${month}` };
    }),
  );

  // Plans and statements name clients by id; the admin's sheets show their names.
  router.post(
    '/admin/clients/names',
    adminRoute('read client names', async (req, ctx) => {
      const { ids } = parseBody(req, clientNamesBody);
      const found = await readClientNames(ctx.db, ids);
      return { body: { clients: [...found].map(([id, c]) => ({ id, ...c })) }, details: { asked: ids.length, found: found.size } };
    }),
  );

  router.get(
    '/admin/dashboard',
    adminRoute('read dashboard', async (req, ctx) => {
      const query = parseQuery(req, dashboardQuery);
      const { today, timeZone } = await ctx.asOf();
      return { body: await dashboardOn(ctx.db, { today, timeZone, months: query.months }) };
    }),
  );

  router.get(
    '/admin/rotation/effect',
    adminRoute('read rotation effect', async (req, ctx) => {
      parseQuery(req, emptyQuery);
      return { body: (await rotationEffectOn(ctx.db, await ctx.asOf())) satisfies RotationEffect };
    }),
  );
}
