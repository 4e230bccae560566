import type { Command } from 'commander';
import { AppError, parseOrThrow } from '../../errors.ts';
import { nowIfToday } from '../../core/calendar.ts';
import { offboardManager } from '../../operations/rotation-job.ts';
import { daySchema, idSchema } from '../../schema/common.ts';
import { readManager } from '../../store/roster-store.ts';
import { readRules } from '../../store/rules-store.ts';
import type { CommandContext } from '../command-context.ts';
import { formatRotation } from './rotate.ts';

export function registerOffboard(program: Command, ctx: CommandContext): void {
  program
    .command('offboard')
    .description('deactivate a leaving manager and hand all their clients on at once (MISSION §2.7)')
    .argument('<MANAGER_ID>', 'the leaving manager')
    .option('--at <YYYY-MM-DD>', 'the day (default: today in the company time zone)')
    .option('--dry-run', 'show the plan, write nothing')
    .option('--json', 'print { runId, at, dryRun, moves, balance, unbalanced, skipped }')
    .action(async (managerIdArg: string, opts: { at?: string; dryRun?: boolean; json?: boolean }) => {
      const managerId = parseOrThrow(idSchema, managerIdArg, 'MANAGER_ID', 'MANAGER_ID');
      const at = opts.at === undefined ? undefined : parseOrThrow(daySchema, opts.at, '--at', '--at');
      const db = ctx.db();
      // A mistyped id is the user's to fix: exit status 2, like any bad argument.
      if ((await readManager(db, managerId)) === undefined) {
        throw new AppError('invalid-input', `no manager ${managerId}`, {
          issues: [{ path: 'MANAGER_ID', message: 'no such manager on the roster' }],
        });
      }
      // Without --at, or with today's date, the offboarding happens now (history sorts by the instant).
      const { timeZone } = (await readRules(db)).rules;
      const when = at === undefined ? ctx.now().toISOString() : nowIfToday(at, timeZone, ctx.now());
      const by = process.env.CLIENTBASE_ACTOR ?? 'cli';
      const outcome = await offboardManager(db, { managerId, at: when, by, dryRun: opts.dryRun === true });
      ctx.out(opts.json ? JSON.stringify(outcome.report, null, 2) : formatRotation(outcome, 'Offboarding', timeZone));
    });
}
