import { randomUUID } from 'node:crypto';
import type { Router } from 'express';
import { AppError } from '../../errors.ts';
import type { Client } from '../../schema/client.ts';
import { idSchema } from '../../schema/common.ts';
import { editClient, logClientHistory, readClientInScope, clientView } from '../../store/client-edit-store.ts';
import { listClients, withHoldingFacts } from '../../store/client-list-store.ts';
import { createClient, readHistory, recordDeal } from '../../store/client-store.ts';
import { readManager } from '../../store/roster-store.ts';
import { actorOf, auditAs, isAdmin, parseBody, parseParam, parseQuery, route, scopeOf, type Ctx } from '../context.ts';
import {
  adminCreateClientBody,
  adminDealBodyAsOf,
  contactBody,
  createClientBody,
  dealBodyAsOf,
  emptyQuery,
  listClientsQuery,
  noteBody,
  updateClientBodyAsOf,
} from '../schemas.ts';
import type { ClientCardAnswer, ClientPage, Me } from '../contract.ts';

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
      let managerId: string | undefined = ctx.caller.manager.id;
      if (isAdmin(ctx)) managerId = query.managerId;
      else if (query.managerId !== undefined && query.managerId !== managerId)
        throw new AppError('forbidden', 'managers see only their own clients');
      const page = await listClients(ctx.db, { ...query, ...(managerId !== undefined ? { managerId } : {}) } as Parameters<
        typeof listClients
      >[1]);
      await auditAdminRead(ctx, 'list clients', managerId ?? 'all', { count: page.clients.length });
      return { body: { ...page, clients: await withHoldingFacts(ctx.db, page.clients, ctx.at) } satisfies ClientPage };
    }),
  );

  router.get(
    '/clients/:id',
    route(async (req, ctx) => {
      parseQuery(req, emptyQuery);
      const id = parseParam(req.params.id, idSchema, 'id');
      const client = await readClientInScope(ctx.db, id, scopeOf(ctx));
      const history = await readHistory(ctx.db, id);
      await auditAdminRead(ctx, 'read client', `clients/${id}`);
      return { body: { client: (await withHoldingFacts(ctx.db, [client], ctx.at))[0]!, history } satisfies ClientCardAnswer };
    }),
  );

  router.post(
    '/clients',
    route(async (req, ctx) => {
      const actor = actorOf(ctx);
      let client: Client;
      if (isAdmin(ctx)) {
        const { managerId: given, ...body } = parseBody(req, adminCreateClientBody);
        const managerId = given ?? null;
        if (managerId !== null) {
          if ((await readManager(ctx.db, managerId))?.active !== true)
            throw new AppError('invalid-input', 'clients go only to active managers', {
              issues: [{ path: 'managerId', message: 'no active manager with this id' }],
            });
        }
        client = { ...body, id: body.id ?? `c-${randomUUID()}`, managerId, ...(managerId !== null ? { assignedAt: ctx.at } : {}) };
      } else {
        const body = parseBody(req, createClientBody);
        client = {
          ...body,
          id: body.id ?? `c-${randomUUID()}`,
          managerId: ctx.caller.manager.id,
          assignedAt: ctx.at,
          attractedBy: ctx.caller.manager.id,
        };
      }
      const doc = await createClient(ctx.db, client, actor);
      if (isAdmin(ctx)) await auditAs(ctx, { action: 'create client', outcome: 'ok', target: `clients/${doc.id}` });
      return { status: 201, body: { client: (await withHoldingFacts(ctx.db, [clientView(doc)], ctx.at))[0] } };
    }),
  );

  router.patch(
    '/clients/:id',
    route(async (req, ctx) => {
      const id = parseParam(req.params.id, idSchema, 'id');
      const body = parseBody(req, updateClientBodyAsOf(await ctx.asOf()));
      const outcome = await editClient(ctx.db, {
        clientId: id,
        version: body.version,
        changes: body.changes,
        scope: scopeOf(ctx),
        actor: actorOf(ctx),
        mayReinstate: isAdmin(ctx),
      });
      if (outcome.status === 'forbidden')
        throw new AppError('forbidden', outcome.errors.map((e) => e.message).join('; '), { issues: outcome.errors });
      if (outcome.status === 'conflict') {
        throw new AppError('conflict', 'the client was changed since you read it; here are the current values', {
          details: { current: outcome.current, ...(outcome.changedBy ? { changedBy: outcome.changedBy } : {}) },
        });
      }
      if (outcome.status === 'invalid') {
        throw new AppError(
          outcome.existingClientId ? 'duplicate' : 'invalid-input',
          outcome.existingClientId ? `already in the base as client ${outcome.existingClientId}` : 'invalid client changes',
          {
            issues: outcome.errors,
            ...(outcome.existingClientId ? { details: { existingClientId: outcome.existingClientId } } : {}),
          },
        );
      }
      return { body: { client: outcome.client } };
    }),
  );

  router.post(
    '/clients/:id/deals',
    route(async (req, ctx) => {
      const clientId = parseParam(req.params.id, idSchema, 'id');
      const scope = scopeOf(ctx);
      const asOf = await ctx.asOf();
      const body = isAdmin(ctx) ? parseBody(req, adminDealBodyAsOf(asOf)) : parseBody(req, dealBodyAsOf(asOf));
      const client = await readClientInScope(ctx.db, clientId, scope);
      // A manager records only their own deals; an admin on behalf of the holder unless told otherwise.
      const managerId = isAdmin(ctx) ? ((body as { managerId?: string }).managerId ?? client.managerId) : ctx.caller.manager.id;
      if (managerId === null)
        throw new AppError('invalid-input', 'the client has no manager: say who made the deal', {
          issues: [{ path: 'managerId', message: 'is required for a client without a manager' }],
        });
      const { managerId: _m, ...deal } = body as typeof body & { managerId?: string };
      const doc = await recordDeal(
        ctx.db,
        { ...deal, id: deal.id ?? `d-${randomUUID()}`, clientId, managerId },
        actorOf(ctx),
        isAdmin(ctx) ? {} : { holderId: ctx.caller.manager.id },
      );
      if (isAdmin(ctx)) await auditAs(ctx, { action: 'record deal', outcome: 'ok', target: `deals/${doc.id}` });
      return { status: 201, body: { deal: doc } };
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
