// Menu: the Rotation effect sheet, from one call to the base, written in a constant number of calls.
import { fetchRotationEffect } from '../api/admin-api.ts';
import type { Messages } from '../messages.ts';
import { writeReport } from '../sheet/report-sheet.ts';
import { toast } from '../workspace/feedback.ts';
import { withDocumentLock } from '../workspace/lock.ts';
import type { ActionContext } from '../workspace/session.ts';
import { effectReport, effectSentence } from './effect-sheet.ts';

export const effectSheet = { id: 'rotation-effect', title: (m: Messages) => m.admin.effect.sheet };

export function showRotationEffect(session: ActionContext): void {
  const effect = fetchRotationEffect();
  withDocumentLock(session, () => {
    const { sheet } = writeReport(session, effectSheet, effectReport(effect, session.m, session.today));
    sheet.setColumnWidth(1, 160);
    sheet.activate();
  });
  toast(session, effectSentence(effect, session.m));
}
