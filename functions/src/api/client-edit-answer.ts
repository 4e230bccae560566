import { AppError } from '../errors.ts';
import type { ClientChanges } from '../schema/client-changes.ts';
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
    case 'invalid':
      if (outcome.existingClientId === undefined) throw new AppError('invalid-input', 'invalid client changes', { issues: outcome.errors });
      throw new AppError('duplicate', `already in the base as client ${outcome.existingClientId}`, {
        issues: outcome.errors,
        details: { existingClientId: outcome.existingClientId },
      });
  }
}

export type CallerEdit = { clientId: string; version: number; changes: ClientChanges };

/** The caller's edit of one client: within their scope, reinstating only if an admin. */
export async function editByCaller(ctx: Ctx, edit: CallerEdit): Promise<EditOutcome> {
  const { timeZone } = await ctx.asOf();
  return editClient(ctx.db, { ...edit, scope: scopeOf(ctx), actor: actorOf(ctx), mayReinstate: isAdmin(ctx), timeZone });
}
