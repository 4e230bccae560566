import type { Router } from 'express';
import { readStatements } from '../../store/bonus-store.ts';
import { dashboardMonths, dashboardStaff, shapeDashboard } from '../../core/dashboard.ts';
import { monthStatements, overdueReport } from '../../core/oversight.ts';
import { rulesChanges } from '../../core/rules-diff.ts';
import { readDashboardCounts } from '../../store/dashboard-store.ts';
import { readBonusMonthRecord, readClientNames, readOverdueTasks } from '../../store/oversight-store.ts';
import { readRoster } from '../../store/roster-store.ts';
import { listRulesVersions, readRules, readRulesVersion } from '../../store/rules-store.ts';
import { adminRoute, notFound, parseBody, parseParam, parseQuery } from '../context.ts';
import { clientNamesBody, dashboardQuery, emptyQuery, monthParam, rulesVersionParam, rulesVersionsQuery } from '../schemas.ts';
import type { RulesHistoryPage } from '../contract.ts';

const namesOf = (roster: ReadonlyArray<{ id: string; name: string }>) => new Map(roster.map((m) => [m.id, m.name]));

/** What the head of sales reads to run the department: rules history, overdue reports, statements, names, the dashboard. */
export function adminOversightRoutes(router: Router): void {
  // Every version with who published it and what differs from the rules in force: "who changed my rate".
  router.get(
    '/admin/rules/versions',
    adminRoute('read rules history', async (req, ctx) => {
      const query = parseQuery(req, rulesVersionsQuery);
      const [current, page, roster] = await Promise.all([
        readRules(ctx.db),
        listRulesVersions(ctx.db, { limit: query.limit, ...(query.cursor !== undefined ? { before: Number(query.cursor) } : {}) }),
        readRoster(ctx.db),
      ]);
      const names = namesOf(roster);
      const versions = page.versions.map((v) => ({
        ...v,
        publishedByName: v.publishedBy === null ? null : (names.get(v.publishedBy) ?? v.publishedBy),
        changes: rulesChanges(v.rules, current.rules),
      }));
      const last = page.versions.at(-1);
      return {
        body: {
          currentVersion: current.version,
          versions,
          nextCursor: page.more && last ? String(last.version) : null,
        } satisfies RulesHistoryPage,
      };
    }),
  );

  router.get(
    '/admin/rules/versions/:version',
    adminRoute('read rules version', async (req, ctx) => {
      const version = parseParam(req.params.version, rulesVersionParam, 'version');
      parseQuery(req, emptyQuery);
      const [found, current] = await Promise.all([readRulesVersion(ctx.db, version), readRules(ctx.db)]);
      if (!found) throw notFound(`rules version ${version}`);
      return {
        body: { rules: found, current, changes: rulesChanges(found.rules, current.rules) },
        target: `config/rules/versions/${version}`,
      };
    }),
  );

  router.get(
    '/admin/overdue-reports',
    adminRoute('read overdue reports', async (req, ctx) => {
      parseQuery(req, emptyQuery);
      const { today } = await ctx.asOf();
      const [tasks, roster] = await Promise.all([readOverdueTasks(ctx.db, today), readRoster(ctx.db)]);
      const clients = await readClientNames(
        ctx.db,
        tasks.map((t) => t.clientId),
      );
      const report = overdueReport({
        today,
        tasks,
        clientNames: new Map([...clients].map(([id, c]) => [id, c.name])),
        managerNames: namesOf(roster),
      });
      return { body: report, details: { overdue: report.tasks.length } };
    }),
  );

  router.get(
    '/admin/bonus/:month/statements',
    adminRoute('read bonus statements', async (req, ctx) => {
      const month = parseParam(req.params.month, monthParam, 'month');
      parseQuery(req, emptyQuery);
      const [record, statements, roster] = await Promise.all([
        readBonusMonthRecord(ctx.db, month),
        readStatements(ctx.db, month),
        readRoster(ctx.db),
      ]);
      if (!record?.computedAt && statements.length === 0) throw notFound(`statements for ${month} (not computed yet)`);
      const managers = new Map(roster.map((m) => [m.id, { name: m.name, level: m.level }]));
      return { body: monthStatements({ month, record, statements, managers }), target: `bonusMonths/${month}` };
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
      const [{ today, timeZone }, roster] = await Promise.all([ctx.asOf(), readRoster(ctx.db)]);
      const months = dashboardMonths(today, query.months);
      const counts = await readDashboardCounts(ctx.db, { managerIds: dashboardStaff(roster).map((m) => m.id), months, timeZone, today });
      return { body: shapeDashboard({ asOf: today, timeZone, months, roster, counts }) };
    }),
  );
}
