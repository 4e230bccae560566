import type { Command } from 'commander';
import { parseOrThrow } from '../../errors.ts';
import type { ContactChange } from '../../core/destructive-edit.ts';
import { recentChangeDays } from '../../operations/offboarding-changes.ts';
import { offboardOnDay } from '../../operations/runs-on-day.ts';
import { daySchema, idSchema } from '../../schema/common.ts';
import type { CommandContext } from '../command-context.ts';
import { formatRotation } from './rotate.ts';

/** The leaver's clients whose contacts changed in their last week: to check, and restore if wiped. */
function recentChangeLines(changes: ContactChange[]): string[] {
  if (changes.length === 0) return [];
  return [
    `Contacts changed in the last ${recentChangeDays} days (check them; \`clientbase restore-client\` puts a client back):`,
    ...changes.map((c) => `  ${c.clientId}: ${c.fields.join(', ')} by ${c.by} at ${c.at}`),
  ];
}

export function registerOffboard(program: Command, ctx: CommandContext): void {
  program
    .command('offboard')
    .description('deactivate a leaving manager and hand all their clients on at once (MISSION §2.7)')
    .argument('<MANAGER_ID>', 'the leaving manager')
    .option('--at <YYYY-MM-DD>', 'the day (default: today in the company time zone)')
    .option('--dry-run', 'show the plan, write nothing')
    .option('--json', 'print { runId, at, dryRun, moves, balance, unbalanced, skipped, recentContactChanges }')
    .action(async (managerIdArg: string, opts: { at?: string; dryRun?: boolean; json?: boolean }) => {
      const managerId = parseOrThrow(idSchema, managerIdArg, 'MANAGER_ID', 'MANAGER_ID');
      const at = opts.at === undefined ? undefined : parseOrThrow(daySchema, opts.at, '--at', '--at');
      const by = process.env.CLIENTBASE_ACTOR ?? 'cli';
      const run = { managerId, now: ctx.now(), by, dryRun: opts.dryRun === true, field: 'MANAGER_ID' };
      // Without --at, or with today's date, the offboarding happens now (history sorts by the instant).
      const outcome = await offboardOnDay(ctx.db(), { ...run, ...(at !== undefined ? { day: at } : {}) });
      ctx.out(opts.json ? JSON.stringify(outcome.report, null, 2) : formatRotation(outcome, 'Offboarding', outcome.timeZone));
      if (!opts.json) for (const line of recentChangeLines(outcome.report.recentContactChanges)) ctx.out(line);
    });
}
