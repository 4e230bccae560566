import type { Command } from 'commander';
import { companyTime } from '../../core/calendar.ts';
import { parseOrThrow } from '../../errors.ts';
import type { RunOutcome } from '../../operations/rotation-job.ts';
import { rotateOnDay } from '../../operations/runs-on-day.ts';
import { daySchema } from '../../schema/common.ts';
import type { CommandContext } from '../command-context.ts';

export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map(
    (r) =>
      `  ${r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}`,
  );
}

/** The readable form of a rotation or offboarding: moves, balance, what could not balance, what stayed; times in `timeZone`. */
export function formatRotation(outcome: RunOutcome, title: string, timeZone: string): string {
  const { report, notes, status } = outcome;
  const appliedAt = report.appliedAt === undefined ? '' : `${companyTime(report.appliedAt, timeZone)} (${timeZone})`;
  const already = report.alreadyApplied ? `already applied on ${appliedAt} by ${report.appliedBy}; nothing moved now` : undefined;
  const state =
    status === 'dry-run' ? ' (dry run: nothing written)' : status === 'running' ? ' (stopped before the end: run again to finish)' : '';
  const out = [`${title} ${report.runId} for ${report.at}${state}${already ? `: ${already}` : ''}`];
  const movesTitle = already ? 'Moves made then' : 'Moves';
  if (report.moves.length === 0) out.push('', 'No client moves.');
  else {
    const rows = report.moves.map((m) => [m.clientId, m.from ?? '(new base)', m.to, m.reason, m.reportDue]);
    out.push('', `${movesTitle} (${report.moves.length}):`, ...table([['client', 'from', 'to', 'reason', 'report due'], ...rows]));
  }
  if (report.balance.length > 0)
    out.push(
      '',
      'Balance per manager:',
      ...table([['manager', 'given', 'received'], ...report.balance.map((b) => [b.managerId, String(b.given), String(b.received)])]),
    );
  if (report.unbalanced.length > 0)
    out.push(
      '',
      `Could not balance (${report.unbalanced.length}):`,
      ...table([
        ['manager', 'level', 'given', 'received', 'why'],
        ...report.unbalanced.map((u) => [u.managerId, String(u.level), String(u.given), String(u.received), u.why]),
      ]),
    );
  if (report.skipped.length > 0)
    out.push(
      '',
      `Stayed where they are (${report.skipped.length}):`,
      ...table([['client', 'manager', 'why'], ...report.skipped.map((s) => [s.clientId, s.managerId ?? '', s.why])]),
    );
  const heldOut = report.heldOut ?? [];
  if (heldOut.length > 0)
    out.push(
      '',
      `Held out to measure the effect (${heldOut.length}):`,
      ...table([['client', 'manager'], ...heldOut.map((h) => [h.clientId, h.managerId])]),
    );
  const away = report.away ?? [];
  if (away.length > 0)
    out.push(
      '',
      `Away, and what their leave changed (${away.length}):`,
      ...table([
        ['manager', 'away until', 'kept', 'clock paused', 'deadlines moved'],
        ...away.map((a) => [a.managerId, a.awayUntil ?? '(present)', String(a.kept), String(a.paused), String(a.deadlinesMoved)]),
      ]),
    );
  for (const n of notes) out.push(`Note: ${n}`);
  const counts = `${report.moves.length} moved, ${report.unbalanced.length} unbalanced, ${report.skipped.length} skipped`;
  out.push('', already ? `Summary: ${already} (the run then: ${counts}).` : `Summary: ${counts}.`);
  return out.join('\n');
}

export function registerRotate(program: Command, ctx: CommandContext): void {
  program
    .command('rotate')
    .description('hand stale clients to colleagues of the same level (MISSION §2); a second run for the same day moves nothing')
    .requiredOption('--at <YYYY-MM-DD>', 'the rotation day')
    .option('--dry-run', 'show the plan, write nothing')
    .option(
      '--json',
      'print { runId, at, dryRun, moves, balance, unbalanced, skipped, heldOut } (and away if a leave changed anything; ' +
        'alreadyApplied, appliedAt, appliedBy if applied before)',
    )
    .action(async (opts: { at: string; dryRun?: boolean; json?: boolean }) => {
      const day = parseOrThrow(daySchema, opts.at, '--at', '--at');
      const by = process.env.CLIENTBASE_ACTOR ?? 'cli';
      const outcome = await rotateOnDay(ctx.db(), { day, now: ctx.now(), by, dryRun: opts.dryRun === true });
      ctx.out(opts.json ? JSON.stringify(outcome.report, null, 2) : formatRotation(outcome, 'Rotation', outcome.timeZone));
    });
}
