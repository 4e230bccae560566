import { AppError } from '../errors.ts';
import type { ClientChanges } from '../schema/client-changes.ts';
import { readRules } from '../store/rules-store.ts';
import { editClient, type ClientView, type EditOutcome } from '../store/client-edit-store.ts';
import { actorOf, isAdmin, scopeOf, type Ctx } from './context.ts';

/**
 * What an edit's outcome answers, for a single edit and a batch row alike: the saved client, or the
 * problem (403 for a change the caller may not make, 409 for a stale version or a duplicate, 400 for bad fields).
 */
export function editAnswer(outcome: EditOutcome): ClientView {
  switch (outcome.status) {
    case 'applied':
      return outcome.client;
    case 'forbidden':
      throw new AppError('forbidden', outcome.errors.map((e) => e.message).join('; '), { issues: outcome.errors });
    case 'conflict':
      throw new AppError('conflict', 'the client was changed since you read it; here are the current values', {
        details: { current: outcome.current, ...(outcome.changedBy ? { changedBy: outcome.changedBy } : {}) },
      });
    case 'limited':
      throw new AppError('rate-limited', outcome.errors[0]?.message ?? 'too many destructive edits today', {
        issues: outcome.errors,
        details: { rule: 'protection.maxDestructiveEditsPerDay' },
      });
    case 'invalid':
      if (outcome.existingClientId === undefined) throw new AppError('invalid-input', 'invalid client changes', { issues: outcome.errors });
      throw new AppError('duplicate', `already in the base as client ${outcome.existingClientId}`, {
        issues: outcome.errors,
        details: { existingClientId: outcome.existingClientId },
      });
  }
}

export type CallerEdit = { clientId: string; version: number; changes: ClientChanges };

const protectionOf = new WeakMap<Ctx, Promise<{ day: string; max: number }>>();

/** A manager's destructive-edit limit for the request's company day, read once per request (a batch has many rows). */
function destructiveLimit(ctx: Ctx): Promise<{ day: string; max: number }> {
  let limit = protectionOf.get(ctx);
  if (limit === undefined) {
    limit = Promise.all([ctx.asOf(), readRules(ctx.db)]).then(([asOf, { rules }]) => ({
      day: asOf.today,
      max: rules.protection.maxDestructiveEditsPerDay,
    }));
    protectionOf.set(ctx, limit);
  }
  return limit;
}

/**
 * The caller's edit of one client: within their scope, reinstating only if an admin; a manager's
 * destructive edits within the day's limit (the admin's are audited instead, as every write to another's client).
 */
export async function editByCaller(ctx: Ctx, edit: CallerEdit): Promise<EditOutcome> {
  const { timeZone } = await ctx.asOf();
  const limit = isAdmin(ctx) ? undefined : await destructiveLimit(ctx);
  return editClient(ctx.db, { ...edit, scope: scopeOf(ctx), actor: actorOf(ctx), mayReinstate: isAdmin(ctx), limit, timeZone });
}
