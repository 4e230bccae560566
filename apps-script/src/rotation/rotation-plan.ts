// A rotation or offboarding plan (the API's report) as the head of sales reads it: on a sheet,
// client by client with names, and as a summary for the dialog. Pure.
import type { RotationReport } from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import type { PlanView } from '../page-contract.ts';
import type { Report } from '../sheet/report-sheet.ts';

export type Names = { client: (id: string) => string; manager: (id: string | null) => string; level: (id: string) => number | null };

export type { PlanView };

export function planView(report: RotationReport, names: Names): PlanView {
  return {
    runId: report.runId,
    at: report.at,
    dryRun: report.dryRun,
    alreadyApplied: report.alreadyApplied === true,
    appliedAt: report.appliedAt ?? null,
    appliedBy: report.appliedBy ? names.manager(report.appliedBy) : null,
    moves: report.moves.length,
    skipped: report.skipped.length,
    balance: report.balance.map((b) => ({
      managerId: b.managerId,
      name: names.manager(b.managerId),
      level: names.level(b.managerId),
      given: b.given,
      received: b.received,
    })),
    unbalanced: report.unbalanced.map((u) => ({ name: names.manager(u.managerId), why: u.why })),
  };
}

/** Who was away and what their leave changed: a block only when someone's did. */
function awayBlocks(report: RotationReport, names: Names, m: Messages): Report['blocks'] {
  const r = m.admin.rotation;
  const away = report.away ?? [];
  if (away.length === 0) return [];
  return [
    {
      id: 'away',
      title: r.blocks.away(away.length),
      header: r.columns.away,
      rows: away.map((a) => [names.manager(a.managerId), a.awayUntil ?? r.present, a.kept, a.paused, a.deadlinesMoved]),
      formats: [null, null, '0', '0', '0'],
    },
  ];
}

/** The plan's sheet: moves, the balance per manager, who is left uneven and which clients stay, each with why. */
export function planReport(report: RotationReport, names: Names, m: Messages, heading: string[]): Report {
  const r = m.admin.rotation;
  const reasons = m.transferReasons as Record<string, string>;
  return {
    heading,
    blocks: [
      {
        id: 'moves',
        title: r.blocks.moves(report.moves.length),
        header: r.columns.moves,
        rows: report.moves.map((mv) => [
          names.client(mv.clientId),
          mv.clientId,
          mv.from === null ? r.newBase : names.manager(mv.from),
          names.manager(mv.to),
          reasons[mv.reason] ?? mv.reason,
          mv.reportDue,
        ]),
      },
      {
        id: 'balance',
        title: r.blocks.balance,
        header: r.columns.balance,
        rows: report.balance.map((b) => [names.manager(b.managerId), names.level(b.managerId), b.given, b.received, b.received - b.given]),
        formats: [null, '0', '0', '0', '+0;-0;0'],
      },
      {
        id: 'unbalanced',
        title: r.blocks.unbalanced(report.unbalanced.length),
        header: r.columns.unbalanced,
        rows: report.unbalanced.map((u) => [names.manager(u.managerId), u.level, u.given, u.received, u.why]),
        formats: [null, '0', '0', '0'],
      },
      {
        id: 'skipped',
        title: r.blocks.skipped(report.skipped.length),
        header: r.columns.skipped,
        rows: report.skipped.map((s) => [names.client(s.clientId), s.clientId, names.manager(s.managerId), s.why]),
      },
      ...((report.heldOut ?? []).length > 0
        ? [
            {
              id: 'heldOut',
              title: r.blocks.heldOut(report.heldOut!.length),
              header: r.columns.heldOut,
              rows: report.heldOut!.map((h) => [names.client(h.clientId), h.clientId, names.manager(h.managerId)]),
            },
          ]
        : []),
      ...awayBlocks(report, names, m),
    ],
  };
}
