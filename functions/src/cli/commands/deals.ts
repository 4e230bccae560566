import type { Command } from 'commander';
import type { DealReviewAnswer, DealToConfirm } from '../../api/contract.ts';
import { dealReviewStatusSchema } from '../../api/schemas.ts';
import { formatMoney } from '../../core/bonus/money.ts';
import { AppError, parseOrThrow } from '../../errors.ts';
import { dealsToConfirm, reviewDealsByIds } from '../../operations/deal-review.ts';
import { idSchema } from '../../schema/common.ts';
import type { CommandContext } from '../command-context.ts';

function formatDeals(deals: ReadonlyArray<DealToConfirm>, status: string): string {
  if (deals.length === 0) return `No ${status} deals.`;
  const rows = [['deal', 'client', 'manager', 'date', 'amount', 'profit', 'via', 'status', 'version', 'reason']];
  for (const d of deals)
    rows.push([
      d.dealId,
      `${d.clientId} ${d.clientName}`.trim(),
      d.managerId,
      d.date,
      formatMoney(d.amount),
      formatMoney(d.profit),
      d.recordedVia,
      d.status,
      String(d.version),
      d.reason ?? '',
    ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function formatAnswer(answer: DealReviewAnswer): string {
  const lines = answer.rows.map((r) =>
    r.status === 'applied'
      ? `${r.dealId}: ${r.deal.status}`
      : r.status === 'conflict'
        ? `${r.dealId}: reviewed meanwhile${r.changedBy ? ` by ${r.changedBy.name}` : ''}, now ${r.current.status}; nothing changed`
        : `${r.dealId ?? '?'}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
  );
  return [...lines, `Applied ${answer.applied}, conflicts ${answer.conflicts}, invalid ${answer.invalid}.`].join('\n');
}

/** A review that left rows unapplied fails the command, after printing what happened to each. */
function finish(ctx: CommandContext, answer: DealReviewAnswer, json: boolean | undefined): void {
  ctx.out(json ? JSON.stringify(answer, null, 2) : formatAnswer(answer));
  if (answer.conflicts > 0) throw new AppError('conflict', `${answer.conflicts} deal(s) were reviewed meanwhile; list them and try again`);
}

export function registerDeals(program: Command, ctx: CommandContext): void {
  const deals = program.command('deals').description('deals of record: list the deals by review status, confirm or reject them');
  const by = () => ({ by: process.env.CLIENTBASE_ACTOR ?? 'cli', at: ctx.now().toISOString() });
  deals
    .command('list')
    .description('the deals in one review status, oldest recorded first')
    .option('--status <status>', 'unconfirmed, confirmed or rejected', 'unconfirmed')
    .option('--manager <MANAGER_ID>', 'only this manager’s deals')
    .option('--limit <n>', 'at most this many', '500')
    .option('--json', 'print { deals, nextCursor }')
    .action(async (opts: { status: string; manager?: string; limit: string; json?: boolean }) => {
      const status = parseOrThrow(dealReviewStatusSchema, opts.status, '--status', '--status');
      const managerId = opts.manager === undefined ? undefined : parseOrThrow(idSchema, opts.manager, '--manager', '--manager');
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw new AppError('invalid-input', 'invalid --limit', {
          issues: [{ path: '--limit', message: 'must be a whole number from 1 to 500' }],
        });
      const page = await dealsToConfirm(ctx.db(), { status, managerId, limit });
      ctx.out(opts.json ? JSON.stringify(page, null, 2) : formatDeals(page.deals, status));
    });
  deals
    .command('confirm')
    .description('confirm deals: they count for pay, rotation and new clients from now on (a closed month is adjusted)')
    .argument('<dealId...>', 'the deals')
    .option('--json', 'print the review answer')
    .action(async (ids: string[], opts: { json?: boolean }) => {
      const dealIds = ids.map((id, i) => parseOrThrow(idSchema, id, `dealIds[${i}]`, `dealIds[${i}]`));
      finish(ctx, await reviewDealsByIds(ctx.db(), { dealIds, decision: 'confirm' }, by()), opts.json);
    });
  deals
    .command('reject')
    .description('reject a deal: it earns nothing, and the statement says why')
    .argument('<dealId>', 'the deal')
    .requiredOption('--reason <text>', 'why, in words the manager will read on their statement')
    .option('--json', 'print the review answer')
    .action(async (id: string, opts: { reason: string; json?: boolean }) => {
      const dealId = parseOrThrow(idSchema, id, 'dealId', 'dealId');
      finish(ctx, await reviewDealsByIds(ctx.db(), { dealIds: [dealId], decision: 'reject', reason: opts.reason }, by()), opts.json);
    });
}
