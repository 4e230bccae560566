// Rotation and offboarding for the head of sales: a dialog that previews the plan (written to a
// sheet, client by client with names), then starts the job and follows it to its end. Each
// google.script.run call is one short execution; the job itself runs on the server.
import { applyRotation, fetchClientNames, fetchTeam, offboard, previewOffboarding, previewRotation } from '../api/admin-api.ts';
import type { RotationReport, TeamMember } from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import type { JobStartAnswer, PlanAnswer } from '../page-contract.ts';
import { writeReport } from '../sheet/report-sheet.ts';
import { runSidebarCall, UserError, withBaseRefusal } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import { showDialog } from '../workspace/pages.ts';
import type { ActionContext } from '../workspace/session.ts';
import { planReport, planView, type Names, type PlanView } from './rotation-plan.ts';

export const rotationSheet = { id: 'rotation-preview', title: (m: Messages) => m.admin.sheets.rotationPreview };
export const offboardingSheet = { id: 'offboarding-preview', title: (m: Messages) => m.admin.sheets.offboardingPreview };

const dialogSize = { width: 560, height: 600 };

function namesFor(report: RotationReport, team: readonly TeamMember[]): Names {
  const clients = fetchClientNames([
    ...report.moves.map((mv) => mv.clientId),
    ...report.skipped.map((s) => s.clientId),
    ...(report.heldOut ?? []).map((h) => h.clientId),
  ]);
  const byId = new Map(team.map((t) => [t.id, t]));
  return {
    client: (id) => clients.get(id)?.name ?? id,
    manager: (id) => (id === null ? '' : (byId.get(id)?.name ?? id)),
    level: (id) => byId.get(id)?.level ?? null,
  };
}

function whenOf(session: ActionContext): (iso: string | null) => string {
  return (iso) => (iso ? Utilities.formatDate(new Date(iso), session.timeZone, 'yyyy-MM-dd HH:mm') : '');
}

/** Menu: the rotation dialog (the roster is read first: a manager is refused here, before any page opens). */
export function openRotation(session: ActionContext): void {
  const team = fetchTeam();
  showDialog(
    session,
    'Rotation',
    session.m.admin.rotation.title(session.today),
    { admin: session.m.admin.pages, managers: team.length },
    dialogSize,
  );
}

/** Writes a plan to its sheet and answers the dialog's summary. */
function showPlan(
  session: ActionContext,
  report: RotationReport,
  sheetSpec: typeof rotationSheet,
  heading: (view: PlanView) => string[],
): { plan: PlanView; sheet: string; summary: string[] } {
  const team = fetchTeam();
  const names = namesFor(report, team);
  const view = planView(report, names);
  const summary = heading(view);
  const sheet = withDocumentLock(session, () => {
    const { sheet } = writeReport(session, sheetSpec, planReport(report, names, session.m, summary));
    sheet.setColumnWidth(1, 200);
    sheet.activate();
    return sheet.getName();
  });
  return { plan: view, sheet, summary };
}

/** google.script.run: today's rotation plan, without moving anything. */
export function rotationPreview(): PlanAnswer {
  return runSidebarCall((session) => {
    const r = session.m.admin.rotation;
    return showPlan(session, withBaseRefusal(session, previewRotation), rotationSheet, (v) => [
      v.alreadyApplied ? r.headingApplied(v.at, whenOf(session)(v.appliedAt), v.appliedBy ?? '') : r.headingPlan(v.at),
      r.summary(v.moves, v.unbalanced.length, v.skipped),
    ]);
  });
}

/** google.script.run: applies today's rotation as a job (a day already applied moves nothing and says so). */
export function rotationApply(): JobStartAnswer {
  return runSidebarCall((session) => ({ jobId: withBaseRefusal(session, applyRotation).jobId }));
}

/** Menu: the offboarding dialog, the person chosen from the roster (or the Team sheet's selected row). */
export function openOffboarding(session: ActionContext): void {
  const team = fetchTeam();
  const leavers = team.filter((t) => t.active && t.role === 'manager').map((t) => ({ id: t.id, name: t.name, level: t.level }));
  showDialog(
    session,
    'Offboarding',
    session.m.admin.offboarding.title,
    { admin: session.m.admin.pages, managers: leavers, selected: selectedTeamId(session) },
    dialogSize,
  );
}

/** The manager id on the Team sheet's selected row, if that is where the person is. */
function selectedTeamId(session: ActionContext): string {
  const range = session.spreadsheet.getActiveRange();
  const sheet = session.spreadsheet.getActiveSheet();
  if (!range || range.getRow() < 2) return '';
  const header = sheet.getRange(1, 1, 1, Math.max(sheet.getLastColumn(), 1)).getValues()[0]!.map(String);
  const at = header.indexOf(session.m.admin.team.columns.id);
  return at < 0 ? '' : String(sheet.getRange(range.getRow(), at + 1).getValue() ?? '').trim();
}

function checkLeaver(session: ActionContext, managerId: string): string {
  const id = String(managerId ?? '').trim();
  if (id === '') throw new UserError(session.m.admin.offboarding.choose);
  return id;
}

/** google.script.run: where each of the leaver's clients would go, written to a sheet; nothing changes. */
export function offboardingPreview(managerId: string): PlanAnswer {
  return runSidebarCall((session) => {
    const id = checkLeaver(session, managerId);
    const o = session.m.admin.offboarding;
    return showPlan(
      session,
      withBaseRefusal(session, () => previewOffboarding(id)),
      offboardingSheet,
      (v) => [o.heading(v.balance.find((b) => b.managerId === id)?.name ?? id, v.at), o.summary(v.moves, v.skipped)],
    );
  });
}

/** google.script.run: the leaver's access ends now; their clients are handed on by a job. */
export function offboardingApply(managerId: string): JobStartAnswer {
  return runSidebarCall((session) => ({ jobId: withBaseRefusal(session, () => offboard(checkLeaver(session, managerId))).jobId }));
}
