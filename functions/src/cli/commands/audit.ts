import type { Command } from 'commander';
import { AppError } from '../../errors.ts';
import { verifyAuditTrail } from '../../operations/audit-verify.ts';
import type { CommandContext } from '../command-context.ts';

export function registerAudit(program: Command, ctx: CommandContext): void {
  const audit = program.command('audit').description('the audit trail: who did what to which data');
  audit
    .command('verify')
    .description('check the audit hash chains: an edited entry, a missing one or one outside any chain is named; exit 1 if any')
    .option('--json', 'print { ok, entries, shards, problems, lines }')
    .action(async (opts: { json?: boolean }) => {
      const report = await verifyAuditTrail(ctx.db());
      if (opts.json) ctx.out(JSON.stringify(report, null, 2));
      else if (report.ok) ctx.out(`The audit trail holds: ${report.entries} entries in ${report.shards} chains, none changed or missing.`);
      else ctx.out([`The audit trail has ${report.problems.length} problem(s):`, ...report.lines.map((l) => `  ${l}`)].join('\n'));
      // Exit 1 with the count on stderr, so a script or a scheduled check notices.
      if (!report.ok) throw new AppError('precondition-failed', `the audit trail has ${report.problems.length} problem(s)`);
    });
}
