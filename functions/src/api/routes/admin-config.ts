import type { Router } from 'express';
import { publishRulesVersion } from '../../operations/publish-rules.ts';
import { changeStaffMember } from '../../operations/staff-changes.ts';
import { idSchema } from '../../schema/common.ts';
import { listAudit } from '../../store/audit-store.ts';
import { releaseContact, setPinned } from '../../store/client-edit-store.ts';
import { addManager, readVersionedRoster } from '../../store/manager-store.ts';
import { readRules } from '../../store/rules-store.ts';
import { requireAdmin } from '../auth.ts';
import { actorOf, adminRoute, notFound, parseBody, parseParam, parseQuery, route } from '../context.ts';
import { readJob } from '../job-runs.ts';
import {
  addManagerBody,
  auditQuery,
  changeManagerBody,
  emptyQuery,
  pinBody,
  publishRulesBody,
  releaseContactBody,
  whatIfBody,
} from '../schemas.ts';
import type { WhatIfAnswer } from '../contract.ts';
import { rulesWhatIf } from '../../operations/rules-what-if.ts';

export function adminConfigRoutes(router: Router): void {
  router.get(
    '/admin/rules',
    adminRoute('read rules', async (req, ctx) => {
      parseQuery(req, emptyQuery);
      return { body: await readRules(ctx.db) };
    }),
  );

  router.put(
    '/admin/rules',
    adminRoute('publish rules', async (req, ctx) => {
      const { rules, expectedVersion } = parseBody(req, publishRulesBody);
      const published = await publishRulesVersion(ctx.db, {
        rules,
        actor: actorOf(ctx),
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      });
      return { body: published, target: 'config/rules', details: { version: published.version } };
    }),
  );

  // A preview: nothing is stored or published, so the audit line is the only write.
  router.post(
    '/admin/rules/what-if',
    adminRoute('preview rules', async (req, ctx) => {
      const { rules, months } = parseBody(req, whatIfBody);
      return { body: (await rulesWhatIf(ctx.db, { rules, months })) satisfies WhatIfAnswer, target: 'config/rules', details: { months } };
    }),
  );

  router.get(
    '/admin/managers',
    adminRoute('read roster', async (req, ctx) => {
      parseQuery(req, emptyQuery);
      const roster = await readVersionedRoster(ctx.db);
      roster.sort((a, b) => a.id.localeCompare(b.id));
      return { body: { managers: roster } };
    }),
  );

  router.post(
    '/admin/managers',
    adminRoute('add manager', async (req, ctx) => {
      const body = parseBody(req, addManagerBody);
      const manager = await addManager(ctx.db, body, actorOf(ctx));
      return { status: 201, body: { manager }, target: `managers/${manager.id}`, details: { level: manager.level, role: manager.role } };
    }),
  );

  router.patch(
    '/admin/managers/:id',
    adminRoute('change manager', async (req, ctx) => {
      const id = parseParam(req.params.id, idSchema, 'id');
      const body = parseBody(req, changeManagerBody);
      const { expectedVersion, ...changes } = body;
      const manager = await changeStaffMember(
        ctx.db,
        { managerId: id, changes, ...(expectedVersion !== undefined ? { expectedVersion } : {}) },
        actorOf(ctx),
      );
      return { body: { manager }, target: `managers/${id}`, details: { changes } };
    }),
  );

  router.put(
    '/admin/clients/:id/pin',
    adminRoute('pin client', async (req, ctx) => {
      const id = parseParam(req.params.id, idSchema, 'id');
      const body = parseBody(req, pinBody);
      return {
        body: { client: await setPinned(ctx.db, { clientId: id, pinned: body.pinned, actor: actorOf(ctx) }) },
        target: `clients/${id}`,
        details: { pinned: body.pinned },
      };
    }),
  );

  // Audited by the store in the release's own transaction, so the CLI's releases are audited alike.
  router.post(
    '/admin/clients/:id/contacts/release',
    route(async (req, ctx) => {
      requireAdmin(ctx.caller);
      const id = parseParam(req.params.id, idSchema, 'id');
      const body = parseBody(req, releaseContactBody);
      return { body: await releaseContact(ctx.db, { clientId: id, contact: body.contact, actor: actorOf(ctx) }) };
    }),
  );

  router.get(
    '/admin/audit',
    adminRoute('read audit log', async (req, ctx) => {
      const query = parseQuery(req, auditQuery);
      return { body: await listAudit(ctx.db, query) };
    }),
  );

  // Polled every few seconds while a job runs: admin only, but not an action worth an audit line.
  router.get(
    '/admin/jobs/:id',
    route(async (req, ctx) => {
      requireAdmin(ctx.caller);
      const id = parseParam(req.params.id, idSchema, 'id');
      const job = await readJob(ctx.db, id, ctx.now());
      if (!job) throw notFound(`job ${id}`);
      return { body: job };
    }),
  );
}
