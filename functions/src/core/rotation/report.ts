import type { HeldOut } from './holdout.ts';
import type { AbsenceEffect, ManagerBalance, MoveReason, PlannedMove, RotationPlan, SkippedClient, Unbalanced } from './types.ts';

/** The `--json` shape shared by the CLI, the scheduler answer and the staff API. */
export type RotationReport = {
  runId: string;
  at: string;
  dryRun: boolean;
  moves: Array<{ clientId: string; from: string | null; to: string; reason: MoveReason; reportDue: string }>;
  balance: ManagerBalance[];
  unbalanced: Unbalanced[];
  skipped: SkippedClient[];
  /** Candidates kept with their holder on purpose (`rotation.holdoutShare`): the comparison group of the effect report. */
  heldOut?: HeldOut[];
  /** Who was away on the run day, or had clients' clocks paused or deadlines moved by a leave (absent: nobody). */
  away?: AbsenceEffect[];
  /** Present when the run had already been applied (when it finished, by whom): the moves listed were made then, nothing now. */
  alreadyApplied?: true;
  appliedAt?: string;
  appliedBy?: string;
};

/** A planned move that was not made when applied, and why. */
export type SkippedMove = PlannedMove & { why: string };

export type ReportInput = {
  runId: string;
  at: string;
  dryRun: boolean;
  /** The moves made (or, on a dry run, to be made). */
  moves: ReadonlyArray<PlannedMove>;
  plan: Pick<RotationPlan, 'unbalanced' | 'skipped' | 'levels' | 'away'>;
  /** Moves of the plan skipped when applied (an edit won, the client left, the receiver left). */
  skippedMoves?: ReadonlyArray<SkippedMove>;
  applied?: { at: string; by: string };
  heldOut?: ReadonlyArray<HeldOut>;
};

const byClient = <T extends { clientId: string }>(a: T, b: T) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0);

/**
 * The report of a run: balance counted from the moves actually made. A manager left uneven is
 * explained by the plan's reason, by the moves skipped when applied that touched them, or both.
 */
export function rotationReport(input: ReportInput): RotationReport {
  const { plan } = input;
  const skippedMoves = input.skippedMoves ?? [];
  const counts = new Map<string, ManagerBalance>();
  const bump = (id: string, key: 'given' | 'received') => {
    let b = counts.get(id);
    if (!b) counts.set(id, (b = { managerId: id, given: 0, received: 0 }));
    b[key]++;
  };
  for (const m of input.moves) {
    if (m.from !== null) bump(m.from, 'given');
    bump(m.to, 'received');
  }
  const balance = [...counts.values()].sort((a, b) => (a.managerId < b.managerId ? -1 : 1));
  const planned = new Map(plan.unbalanced.map((u) => [u.managerId, u]));
  const unbalanced: Unbalanced[] = [];
  for (const b of balance) {
    if (b.given === b.received) continue;
    const touched = skippedMoves.filter((s) => s.from === b.managerId || s.to === b.managerId).map((s) => s.clientId);
    const reasons = [
      ...(planned.has(b.managerId) ? [planned.get(b.managerId)!.why] : []),
      ...(touched.length > 0
        ? [
            `${touched.length} planned move(s) skipped when applied` +
              ` (${touched.slice(0, 5).join(', ')}${touched.length > 5 ? ', …' : ''}; see skipped)`,
          ]
        : []),
    ];
    unbalanced.push({
      ...b,
      level: planned.get(b.managerId)?.level ?? plan.levels[b.managerId] ?? 0,
      why: reasons.join('; ') || 'given and received differ',
    });
  }
  const skipped = [...plan.skipped, ...skippedMoves.map((s) => ({ clientId: s.clientId, managerId: s.from, why: s.why }))].sort(byClient);
  const moves = [...input.moves]
    .sort(byClient)
    .map(({ clientId, from, to, reason, reportDue }) => ({ clientId, from, to, reason, reportDue }));
  const heldOut = [...(input.heldOut ?? [])].sort(byClient);
  const report: RotationReport = { runId: input.runId, at: input.at, dryRun: input.dryRun, moves, balance, unbalanced, skipped, heldOut };
  if (plan.away !== undefined && plan.away.length > 0) report.away = plan.away;
  if (input.applied) Object.assign(report, { alreadyApplied: true, appliedAt: input.applied.at, appliedBy: input.applied.by });
  return report;
}
