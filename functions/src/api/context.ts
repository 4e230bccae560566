import type { Request, RequestHandler, Response } from 'express';
import type { Firestore } from 'firebase-admin/firestore';
import type { z } from 'zod';
import { AppError, formatPath, humanMessage, parseOrThrow } from '../errors.ts';
import type { AsOf } from '../schema/as-of.ts';
import type { AuditEntry } from '../schema/audit.ts';
import { writeAudit } from '../store/audit-store.ts';
import type { Access } from '../operations/client-work.ts';
import type { ClientScope } from '../store/client-edit-store.ts';
import { requireAdmin, type Caller } from './auth.ts';

/**
 * What every route gets: the database, who is calling, the time the request is stamped with, and
 * the company's today (read from the rules' time zone on first use) for "when it happened" dates.
 */
export type Ctx = { db: Firestore; caller: Caller; at: string; now: () => Date; asOf: () => Promise<AsOf> };
export type Reply = { status?: number; body: unknown };
export type AuditedReply = Reply & { target?: string; details?: Record<string, unknown> };

export function ctxOf(res: Response): Ctx {
  return res.locals.ctx as Ctx;
}

/** The actor id written to history, audit and jobs. */
export function actorOf(ctx: Ctx): { by: string; at: string } {
  return { by: ctx.caller.manager.id, at: ctx.at };
}

export function scopeOf(ctx: Ctx): ClientScope {
  return ctx.caller.manager.role === 'admin' ? 'any' : { managerId: ctx.caller.manager.id };
}

/** What the caller may touch: their scope for reads, and for writes a guard that a manager still holds the client. */
export function accessOf(ctx: Ctx): Access {
  return { actor: ctx.caller.manager, scope: scopeOf(ctx), guard: isAdmin(ctx) ? {} : { holderId: ctx.caller.manager.id } };
}

export function isAdmin(ctx: Ctx): boolean {
  return ctx.caller.manager.role === 'admin';
}

export function parseBody<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return parseOrThrow(schema, req.body === undefined ? {} : req.body, 'request body');
}

/** The query, parsed; each bad or unknown parameter is named at its own path, as the caller wrote it. */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const query = { ...(req.query as Record<string, unknown>) };
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath('', [...issue.path, key]), message: 'unknown query parameter' }))
      : [{ path: formatPath('', issue.path) || '(query)', message: humanMessage(issue, query) }],
  );
  throw new AppError('invalid-input', 'invalid query', { issues });
}

export function parseParam<S extends z.ZodType>(value: unknown, schema: S, name: string): z.infer<S> {
  return parseOrThrow(schema, value, name, name);
}

function send(res: Response, reply: Reply): void {
  // The deadline may have answered 503 while the work went on; its late outcome has no one to go to.
  if (res.headersSent) return;
  res.status(reply.status ?? 200).json(reply.body);
}

export function route(fn: (req: Request, ctx: Ctx) => Promise<Reply>): RequestHandler {
  return async (req, res) => send(res, await fn(req, ctxOf(res)));
}

/**
 * An admin action: refused to managers (403, audited by the error handler), and audited itself
 * whether it succeeds or fails, before the answer goes out.
 */
export function adminRoute(action: string, fn: (req: Request, ctx: Ctx) => Promise<AuditedReply>): RequestHandler {
  return async (req, res) => {
    const ctx = ctxOf(res);
    requireAdmin(ctx.caller);
    let reply: AuditedReply;
    try {
      reply = await fn(req, ctx);
    } catch (e) {
      await auditAs(ctx, {
        action,
        outcome: 'failed',
        ...(typeof req.params.id === 'string' ? { target: req.params.id } : {}),
        details: { error: (e as Error).message?.slice(0, 300) ?? String(e) },
      });
      throw e;
    }
    await auditAs(ctx, {
      action,
      outcome: 'ok',
      ...(reply.target !== undefined ? { target: reply.target } : {}),
      ...(reply.details !== undefined ? { details: reply.details } : {}),
    });
    send(res, reply);
  };
}

/** An audit entry by the caller, stamped with the request's time. */
export function auditAs(ctx: Ctx, entry: Omit<AuditEntry, 'at' | 'actor'>): Promise<string> {
  return writeAudit(ctx.db, { at: ctx.at, actor: ctx.caller.manager.id, ...entry });
}

export function notFound(what: string): AppError {
  return new AppError('not-found', `${what} not found`);
}
