import type { Router } from 'express';
import { isAppError, issuesFromZod, type FieldIssue } from '../../errors.ts';
import { editClient, foreignClient, type ChangedBy, type ClientView } from '../../store/client-edit-store.ts';
import { withHoldingFacts } from '../../store/client-list-store.ts';
import { mapConcurrently } from '../../worker-pool.ts';
import { actorOf, auditAs, isAdmin, parseBody, route, scopeOf, type Ctx } from '../context.ts';
import { batchRowSchemaAsOf, batchSaveBody } from '../schemas.ts';
import type { BatchAnswer, BatchRowResult } from '../contract.ts';

export type RowResult =
  | { index: number; clientId: string; status: 'applied'; client: ClientView }
  | { index: number; clientId: string; status: 'conflict'; current: ClientView; changedBy?: ChangedBy }
  | { index: number; clientId: string | null; status: 'invalid'; errors: FieldIssue[] };

/** Rows are independent transactions; a few at a time keeps the call short without a write storm. */
const rowConcurrency = 8;

/**
 * A spreadsheet saves many rows at once. Each row carries the version it was read at and is
 * answered on its own: applied, conflict (someone saved first: here is what they saved) or invalid
 * (field errors). One bad or stale row never blocks the others, and nothing is overwritten blindly.
 */
function auditRefusal(ctx: Ctx, clientId: string, reason: string): Promise<string> {
  return auditAs(ctx, { action: 'POST /clients/batch', outcome: 'refused', target: `clients/${clientId}`, details: { reason } });
}

async function saveRow(ctx: Ctx, raw: unknown, index: number): Promise<RowResult> {
  const parsed = batchRowSchemaAsOf(await ctx.asOf()).safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { clientId?: unknown } | null)?.clientId;
    return { index, clientId: typeof id === 'string' ? id : null, status: 'invalid', errors: issuesFromZod(parsed.error) };
  }
  const row = parsed.data;
  try {
    const outcome = await editClient(ctx.db, {
      clientId: row.clientId,
      version: row.version,
      changes: row.changes,
      scope: scopeOf(ctx),
      actor: actorOf(ctx),
      mayReinstate: isAdmin(ctx),
    });
    if (outcome.status === 'applied') return { index, clientId: row.clientId, status: 'applied', client: outcome.client };
    if (outcome.status === 'conflict')
      return {
        index,
        clientId: row.clientId,
        status: 'conflict',
        current: outcome.current,
        ...(outcome.changedBy ? { changedBy: outcome.changedBy } : {}),
      };
    if (outcome.status === 'forbidden') {
      await auditRefusal(ctx, row.clientId, outcome.errors[0]!.message);
    }
    return { index, clientId: row.clientId, status: 'invalid', errors: outcome.errors };
  } catch (e) {
    if (isAppError(e) && e.code === 'not-found') {
      if (e.cause === foreignClient) {
        await auditRefusal(ctx, row.clientId, "another manager's client");
      }
      return { index, clientId: row.clientId, status: 'invalid', errors: [{ path: 'clientId', message: 'no such client among yours' }] };
    }
    throw e;
  }
}

export function batchSaveRoutes(router: Router): void {
  router.post(
    '/clients/batch',
    route(async (req, ctx) => {
      const { rows } = parseBody(req, batchSaveBody);
      const results = await mapConcurrently(rows, rowConcurrency, (row, i) => saveRow(ctx, row, i));
      // Saved and conflicting rows come back as the sheet shows them, derived columns included.
      const answered = results.filter((r) => r.status !== 'invalid');
      const withFacts = await withHoldingFacts(
        ctx.db,
        answered.map((r) => (r.status === 'applied' ? r.client : r.current)),
        ctx.at,
      );
      answered.forEach((r, i) => (r.status === 'applied' ? (r.client = withFacts[i]!) : (r.current = withFacts[i]!)));
      const count = (s: RowResult['status']) => results.filter((r) => r.status === s).length;
      // The rows now carry their holding facts (filled in above), as the contract says.
      const answer = {
        applied: count('applied'),
        conflicts: count('conflict'),
        invalid: count('invalid'),
        rows: results as BatchRowResult[],
      };
      return { body: answer satisfies BatchAnswer };
    }),
  );
}
