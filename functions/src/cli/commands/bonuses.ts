import type { Command } from 'commander';
import { parseOrThrow } from '../../errors.ts';
import { formatMoney } from '../../core/bonus/money.ts';
import { computeBonusMonth, type MonthReport } from '../../operations/bonus-job.ts';
import { monthSchema } from '../../schema/common.ts';
import type { CommandContext } from '../command-context.ts';

const formatRate = (rate: number | null) => (rate === null ? '' : `${+(rate * 100).toFixed(4)} %`);

export function formatReport(report: MonthReport): string {
  const out = [`Bonus statements for ${report.month}${report.closed ? ' (closed: shown as stored)' : ''}`];
  if (report.statements.length === 0) out.push('No lines: no deals, releases or bonuses this month.');
  for (const s of report.statements) {
    out.push(
      '',
      `Manager ${s.managerId}: payable ${formatMoney(s.totals.payable)}, pending ${formatMoney(s.totals.pending)}, ` +
        `cancelled ${formatMoney(s.totals.cancelled)}`,
    );
    const rows = [['kind', 'client', 'deal', 'rate', 'amount', 'status', 'due', 'why']];
    for (const l of s.lines)
      rows.push([l.kind, l.clientId ?? '', l.dealId ?? '', formatRate(l.rate), formatMoney(l.amount), l.status, l.dueDate ?? '', l.note]);
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows)
      out.push(
        `  ${r
          .map((cell, i) => (i === 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
          .join('  ')
          .trimEnd()}`,
      );
  }
  return out.join('\n');
}

export function registerBonuses(program: Command, ctx: CommandContext): void {
  program
    .command('bonuses')
    .description('compute and store the bonus statements of a month (MISSION §3) and print them; amounts in minor units in --json')
    .requiredOption('--month <YYYY-MM>', 'the month')
    .option('--json', 'print { month, statements: [{ managerId, lines, totals }] }')
    .action(async (opts: { month: string; json?: boolean }) => {
      const month = parseOrThrow(monthSchema, opts.month, '--month', '--month');
      const report = await computeBonusMonth(ctx.db(), { month, by: process.env.CLIENTBASE_ACTOR ?? 'cli', at: ctx.now().toISOString() });
      ctx.out(opts.json ? JSON.stringify(report, null, 2) : formatReport(report));
    });
}
