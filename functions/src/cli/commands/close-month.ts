import type { Command } from 'commander';
import { parseOrThrow } from '../../errors.ts';
import { closeBonusMonth } from '../../operations/bonus-job.ts';
import { monthSchema } from '../../schema/common.ts';
import type { CommandContext } from '../command-context.ts';

export function registerCloseMonth(program: Command, ctx: CommandContext): void {
  program
    .command('close-month')
    .description("close a month's bonus statements: they never change again; later corrections land as adjustments in the next open month")
    .argument('<month>', 'the month, YYYY-MM')
    .action(async (raw: string) => {
      const month = parseOrThrow(monthSchema, raw, 'month', 'month');
      await closeBonusMonth(ctx.db(), { month, by: process.env.CLIENTBASE_ACTOR ?? 'cli', at: ctx.now().toISOString() });
      ctx.out(`Closed ${month}: its statements will not change; corrections go to the next open month as adjustment lines.`);
    });
}
