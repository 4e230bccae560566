import type { Command } from 'commander';
import { formatMoney } from '../../core/bonus/money.ts';
import { fairnessPeriodProblem, type RotationFairness } from '../../core/rotation/fairness.ts';
import { AppError, parseOrThrow } from '../../errors.ts';
import { fairnessReport } from '../../operations/rotation-fairness.ts';
import { daySchema } from '../../schema/common.ts';
import type { CommandContext } from '../command-context.ts';
import { table } from './rotate.ts';

const percent = (share: number | null) => (share === null ? '' : `${Math.round(share * 100)} %`);

/** The readable form: one line per manager, what they gave and received, what came of it, how soon they touched it. */
export function formatFairness(report: RotationFairness): string {
  const runs = report.runs.map((r) => `${r.at} (${r.moves})`).join(', ');
  const out = [`Rotation fairness ${report.from} to ${report.to}: ${report.runs.length} rotation(s)${runs ? `: ${runs}` : ''}`];
  if (report.managers.length === 0) return [...out, '', 'No client was moved by rotation in the period.'].join('\n');
  const header = ['manager', 'given', 'large', 'received', 'large', 'top-ups', 'deals recv', 'profit recv', 'deals given', 'profit given'];
  const rows = report.managers.map((m) => [
    m.managerId,
    String(m.given.regular),
    String(m.given.large),
    String(m.received.regular),
    String(m.received.large),
    String(m.received.topUps),
    `${m.dealsAfter.received.withDeal}/${m.dealsAfter.received.clients} (${m.dealsAfter.received.deals})`,
    formatMoney(m.dealsAfter.received.profit),
    `${m.dealsAfter.given.withDeal}/${m.dealsAfter.given.clients} (${m.dealsAfter.given.deals})`,
    formatMoney(m.dealsAfter.given.profit),
  ]);
  const touch = report.managers.map((m) => [
    m.managerId,
    `${m.firstTouch.touched}/${m.firstTouch.clients}`,
    m.firstTouch.medianDays === null ? '' : String(m.firstTouch.medianDays),
    `${m.firstTouch.byDeadline} ${percent(m.firstTouch.shareByDeadline)}`.trim(),
  ]);
  const open = report.managers.reduce((n, m) => n + m.dealsAfter.received.open, 0);
  return [
    ...out,
    '',
    `Given and received, and confirmed deals in the ${report.months} months after` +
      ' (clients with a deal/clients (deals), profit in roubles):',
    ...table([header, ...rows]),
    '',
    'First touch (contact, note or deal by the receiver):',
    ...table([['manager', 'touched', 'median days', 'by the report deadline'], ...touch]),
    ...(open > 0 ? ['', `Note: ${open} received client(s) are still inside their ${report.months} months: their deals may yet grow.`] : []),
  ].join('\n');
}

export function registerRotationFairness(program: Command, ctx: CommandContext): void {
  program
    .command('rotation-fairness')
    .description('is rotation fair: per manager, clients given and received, their deals after, and the first touch')
    .requiredOption('--from <YYYY-MM-DD>', 'the first rotation day of the period')
    .requiredOption('--to <YYYY-MM-DD>', 'the last rotation day of the period (at most a year after --from)')
    .option('--json', 'print { from, to, months, runs, managers }')
    .action(async (opts: { from: string; to: string; json?: boolean }) => {
      const from = parseOrThrow(daySchema, opts.from, '--from', '--from');
      const to = parseOrThrow(daySchema, opts.to, '--to', '--to');
      const problem = fairnessPeriodProblem(from, to);
      if (problem !== undefined)
        throw new AppError('invalid-input', `invalid --${problem.field}`, {
          issues: [{ path: `--${problem.field}`, message: problem.message }],
        });
      const report = await fairnessReport(ctx.db(), { from, to, now: ctx.now() });
      ctx.out(opts.json ? JSON.stringify(report, null, 2) : formatFairness(report));
    });
}
