import type { Router } from 'express';
import { isAppError, issuesFromZod, type AppError, type FieldIssue } from '../../errors.ts';
import { foreignClient, type ChangedBy, type ClientView, type EditOutcome } from '../../store/client-edit-store.ts';
import { editAnswer, editByCaller } from '../client-edit-answer.ts';
import { withHoldingFacts } from '../../store/client-list-store.ts';
import { mapConcurrently } from '../../worker-pool.ts';
import { auditAs, parseBody, route, type Ctx } from '../context.ts';
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
  const { clientId } = parsed.data;
  let outcome: EditOutcome;
  try {
    outcome = await editByCaller(ctx, parsed.data);
  } catch (e) {
    if (!isAppError(e) || e.code !== 'not-found') throw e;
    if (e.cause === foreignClient) await auditRefusal(ctx, clientId, "another manager's client");
    return { index, clientId, status: 'invalid', errors: [{ path: 'clientId', message: 'no such client among yours' }] };
  }
  try {
    return { index, clientId, status: 'applied', client: editAnswer(outcome) };
  } catch (e) {
    return refusedRow(ctx, index, clientId, e as AppError);
  }
}

/** A refused edit as its row's answer: the problem a single edit would answer, told in the row. */
async function refusedRow(ctx: Ctx, index: number, clientId: string, e: AppError): Promise<RowResult> {
  if (e.code === 'conflict') {
    const { current, changedBy } = e.details as { current: ClientView; changedBy?: ChangedBy };
    return { index, clientId, status: 'conflict', current, ...(changedBy ? { changedBy } : {}) };
  }
  if (e.code === 'forbidden') await auditRefusal(ctx, clientId, e.issues[0]!.message);
  return { index, clientId, status: 'invalid', errors: e.issues };
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
