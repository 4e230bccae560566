// "Preview effect": the rules as edited on the Config sheet, recomputed by the base on the last
// closed months beside what was paid, per manager and month, on a read-only "Rules preview" sheet.
// The rules are read and checked as Publish reads them; nothing is stored or published.
import type { WhatIfAnswer } from '../../../functions/src/api/contract.ts';
import { previewRulesEffect } from '../api/admin-api.ts';
import type { Messages } from '../messages.ts';
import { moneyFormat, roublesCell } from '../money.ts';
import { columnLetter, safeText } from '../sheet/cell-values.ts';
import { writeReport, type Report, type ReportCell } from '../sheet/report-sheet.ts';
import { alert, toast } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import type { ActionContext } from '../workspace/session.ts';
import { readEditedRules } from './config-sheet.ts';

/** Closed months recomputed: a year, the most the base recomputes at once. */
export const previewMonths = 12;

export const rulesPreviewSheet = { id: 'rules-preview', title: (m: Messages) => m.admin.rulesPreview.sheet };

/** One row per manager and closed month, then the total line: money as roubles in the add-on's one money format. */
export function rulesPreviewReport(answer: WhatIfAnswer, m: Messages): Report {
  const p = m.admin.rulesPreview;
  const rows: ReportCell[][] = [];
  let paid = 0;
  let wouldBe = 0;
  for (const manager of answer.managers)
    for (const month of manager.months) {
      paid += month.paid;
      wouldBe += month.wouldBe;
      rows.push([
        safeText(manager.name ?? manager.managerId),
        safeText(manager.managerId),
        month.month,
        roublesCell(month.paid),
        roublesCell(month.wouldBe),
        roublesCell(month.wouldBe - month.paid),
      ]);
    }
  if (rows.length === 0) rows.push([p.none]);
  rows.push([p.total, '', '', roublesCell(paid), roublesCell(wouldBe), roublesCell(answer.totalDifference)]);
  return {
    heading: [p.heading(answer.months.length), p.nothingStored],
    blocks: [{ id: 'effect', header: p.columns, rows, formats: [null, null, null, moneyFormat, moneyFormat, moneyFormat] }],
  };
}

/** Menu: check the edited rules, ask the base what they would have paid, and write the Rules preview sheet. */
export function previewRulesFromMenu(session: ActionContext): void {
  const { m } = session;
  const edited = withDocumentLock(session, () => readEditedRules(session));
  if (edited.status === 'invalid') {
    const lines = edited.problems.map((x) => m.admin.rulesPreview.problem(x.label, x.cell, x.message)).join('\n');
    alert(session, m.admin.rulesPreview.invalid(lines), m.admin.rulesPreview.invalidTitle);
    return;
  }
  const answer = previewRulesEffect(edited.read.rules, previewMonths);
  withDocumentLock(session, () => {
    const { sheet, placed } = writeReport(session, rulesPreviewSheet, rulesPreviewReport(answer, m), { freezeHeader: true });
    const effect = placed.effect!;
    sheet.getRange(`A${effect.lastRow}:${columnLetter(effect.width)}${effect.lastRow}`).setFontWeight('bold');
    sheet.setColumnWidth(1, 200);
    sheet.activate();
  });
  toast(session, m.admin.rulesPreview.shown(answer.months.length));
}
