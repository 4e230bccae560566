import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseOrThrow } from '../../errors.ts';
import { exportPayroll } from '../../operations/payroll.ts';
import { monthSchema } from '../../schema/common.ts';
import type { CommandContext } from '../command-context.ts';

/** `payroll.csv` → `payroll-lines.csv`: the lines file sits next to the managers' file. */
export const linesFileOf = (out: string) => (/\.csv$/i.test(out) ? out.replace(/\.csv$/i, '-lines.csv') : `${out}-lines.csv`);

export function registerPayroll(program: Command, ctx: CommandContext): void {
  program
    .command('payroll')
    .description("a closed month's payroll file: CSV in UTF-8 with a BOM, ';' separated, one row per manager; the export is audit-logged")
    .requiredOption('--month <month>', 'the closed month, YYYY-MM')
    .option('--out <file>', 'write to a file instead of standard output')
    .option('--lines', 'also every payable line: with --out, to <file>-lines.csv; else printed instead of the managers')
    .action(async (opts: { month: string; out?: string; lines?: boolean }) => {
      const month = parseOrThrow(monthSchema, opts.month, 'month', 'month');
      const actor = {
        by: process.env.CLIENTBASE_ACTOR ?? (process.env.USER ? `cli:${process.env.USER}` : 'cli'),
        at: ctx.now().toISOString(),
      };
      const wantLines = opts.lines === true;
      if (opts.out === undefined) {
        ctx.out((await exportPayroll(ctx.db(), { month, lines: wantLines }, actor)).csv);
        return;
      }
      const managers = await exportPayroll(ctx.db(), { month, lines: false }, actor);
      writeFileSync(opts.out, managers.csv);
      ctx.err(`Payroll of ${month}: ${managers.kind === 'managers' ? managers.rows.length : 0} manager(s) written to ${opts.out}.`);
      if (!wantLines) return;
      const lines = await exportPayroll(ctx.db(), { month, lines: true }, actor);
      writeFileSync(linesFileOf(opts.out), lines.csv);
      ctx.err(`Its ${lines.kind === 'lines' ? lines.lines.length : 0} payable line(s) written to ${linesFileOf(opts.out)}.`);
    });
}
