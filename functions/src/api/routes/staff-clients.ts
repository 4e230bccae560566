import type { Router } from 'express';
import { idSchema } from '../../schema/common.ts';
import { logClientHistory } from '../../store/client-edit-store.ts';
import { editAnswer, editByCaller } from '../client-edit-answer.ts';
import { clientCard, clientListing, createClientByCaller, recordClientDeal } from '../../operations/client-work.ts';
import { accessOf, actorOf, auditAs, isAdmin, parseBody, parseParam, parseQuery, route, scopeOf, type Ctx } from '../context.ts';
import {
  adminCreateClientBody,
  adminDealBodyAsOf,
  contactBody,
  createClientBody,
  dealBodyAsOf,
  emptyQuery,
  estimateBody,
  listClientsQuery,
  noteBody,
  updateClientBodyAsOf,
} from '../schemas.ts';
import type { ClientCardAnswer, ClientPage, DealEstimate, Me } from '../contract.ts';
import { estimateDeal } from '../../operations/deal-estimate.ts';

/** An admin reading someone's clients is a bulk read of the base: logged (MISSION §5). */
async function auditAdminRead(ctx: Ctx, action: string, target: string, details?: Record<string, unknown>): Promise<void> {
  if (isAdmin(ctx)) await auditAs(ctx, { action, outcome: 'ok', target, ...(details ? { details } : {}) });
}

export function staffClientRoutes(router: Router): void {
  router.get(
    '/me',
    route(async (req, ctx) => {
      parseQuery(req, emptyQuery);
      const { id, name, email, level, role } = ctx.caller.manager;
      return { body: { id, name, email, level, role } satisfies Me };
    }),
  );

  router.get(
    '/clients',
    route(async (req, ctx) => {
      const query = parseQuery(req, listClientsQuery);
      const { holder, page } = await clientListing(ctx.db, { actor: ctx.caller.manager, query, at: ctx.at });
      await auditAdminRead(ctx, 'list clients', holder ?? 'all', { count: page.clients.length });
      return { body: page satisfies ClientPage };
    }),
  );

  router.get(
    '/clients/:id',
    route(async (req, ctx) => {
      parseQuery(req, emptyQuery);
      const id = parseParam(req.params.id, idSchema, 'id');
      const card = await clientCard(ctx.db, { clientId: id, scope: scopeOf(ctx), at: ctx.at });
      await auditAdminRead(ctx, 'read client', `clients/${id}`);
      return { body: card satisfies ClientCardAnswer };
    }),
  );

  router.post(
    '/clients',
    route(async (req, ctx) => {
      const { managerId, ...client } = isAdmin(ctx)
        ? parseBody(req, adminCreateClientBody)
        : { ...parseBody(req, createClientBody), managerId: undefined };
      const when = { day: (await ctx.asOf()).today, at: ctx.at };
      const created = await createClientByCaller(ctx.db, { client, managerId }, ctx.caller.manager, when);
      if (isAdmin(ctx)) await auditAs(ctx, { action: 'create client', outcome: 'ok', target: `clients/${created?.id}` });
      return { status: 201, body: { client: created } };
    }),
  );

  router.patch(
    '/clients/:id',
    route(async (req, ctx) => {
      const id = parseParam(req.params.id, idSchema, 'id');
      const body = parseBody(req, updateClientBodyAsOf(await ctx.asOf()));
      return { body: { client: editAnswer(await editByCaller(ctx, { clientId: id, version: body.version, changes: body.changes })) } };
    }),
  );

  router.post(
    '/clients/:id/deals',
    route(async (req, ctx) => {
      const clientId = parseParam(req.params.id, idSchema, 'id');
      const asOf = await ctx.asOf();
      const deal = isAdmin(ctx) ? parseBody(req, adminDealBodyAsOf(asOf)) : parseBody(req, dealBodyAsOf(asOf));
      const doc = await recordClientDeal(ctx.db, { clientId, deal, timeZone: asOf.timeZone }, accessOf(ctx), actorOf(ctx));
      return { status: 201, body: { deal: doc } };
    }),
  );

  router.post(
    '/clients/:id/estimate',
    route(async (req, ctx) => {
      const clientId = parseParam(req.params.id, idSchema, 'id');
      const { amount, profit } = parseBody(req, estimateBody);
      const managerId = ctx.caller.manager.id;
      return { body: (await estimateDeal(ctx.db, { clientId, managerId, amount, profit, at: ctx.at })) satisfies DealEstimate };
    }),
  );

  router.post(
    '/clients/:id/contacts',
    route(async (req, ctx) => {
      const clientId = parseParam(req.params.id, idSchema, 'id');
      const body = parseBody(req, contactBody);
      const entry = await logClientHistory(ctx.db, {
        clientId,
        scope: scopeOf(ctx),
        refuseLost: !isAdmin(ctx),
        entry: { type: 'contact', clientId, at: ctx.at, by: ctx.caller.manager.id, channel: body.channel, text: body.text },
      });
      return { status: 201, body: { entry } };
    }),
  );

  router.post(
    '/clients/:id/notes',
    route(async (req, ctx) => {
      const clientId = parseParam(req.params.id, idSchema, 'id');
      const body = parseBody(req, noteBody);
      const entry = await logClientHistory(ctx.db, {
        clientId,
        scope: scopeOf(ctx),
        entry: { type: 'note', clientId, at: ctx.at, by: ctx.caller.manager.id, text: body.text },
      });
      return { status: 201, body: { entry } };
    }),
  );
}
