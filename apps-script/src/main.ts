// Entry points: the functions Apps Script calls by name (triggers, menu items, google.script.run
// from the sidebars). Declarations only; the work lives in the modules. The build adds a top-level
// stub for each `global.x = …` so Apps Script can see it.
import { bonusClose, bonusCompute, bonusShow, openBonuses, showStatementLines } from './bonus/bonus-admin.ts';
import { showMyBonus } from './bonus/my-bonus.ts';
import { bonusPayroll, loadDisputes, sendDisputeDecisions } from './bonus/disputes-admin.ts';
import { acknowledgeShownMonth, disputeSelectedLine } from './bonus/my-disputes.ts';
import {
  cardAddNote,
  cardEstimate,
  cardFileReport,
  cardLoad,
  cardLogContact,
  cardLogDeal,
  cardMarkLost,
  cardRecordConsent,
  cardSetNextContact,
  cardVerifyContact,
  openCardOf,
  openClientCard,
} from './card/client-card.ts';
import { refreshMyClients, resolveSelected, saveMyClients } from './clients/my-clients.ts';
import { saveErrorsGoTo } from './clients/save-errors.ts';
import { configGoTo, configPublishAgain, loadConfig, publishConfigFromMenu } from './config/config-sheet.ts';
import { showRulesHistory } from './config/rules-history.ts';
import { previewRulesFromMenu } from './config/rules-preview.ts';
import { checkConnection } from './connection.ts';
import { refreshDashboard } from './dashboard/dashboard-sheet.ts';
import { loadDealsToConfirm, sendDealDecisions } from './deals/deals-sheet.ts';
import { adminJob } from './jobs/admin-job.ts';
import { mailingExport, openMailing } from './mailing/mailing-admin.ts';
import { buildMenu } from './menu.ts';
import { showAuditLog, showOlderAudit, showOverdueReports } from './oversight/oversight-sheets.ts';
import { restoreClientFromMenu } from './oversight/restore-client.ts';
import {
  offboardingApply,
  offboardingPreview,
  openOffboarding,
  openRotation,
  rotationApply,
  rotationPreview,
} from './rotation/rotation-admin.ts';
import { showRotationEffect } from './rotation/rotation-effect.ts';
import { showRotationFairness } from './rotation/fairness-sheet.ts';
import { openMyTasks, tasksFileReport, tasksLoad } from './tasks/my-tasks.ts';
import { loadTeam, saveTeam } from './team/team-sheet.ts';
import { showToday } from './today/today-sheet.ts';
import { runMenuAction } from './workspace/feedback.ts';

declare const global: Record<string, unknown>;

global.onOpen = (_e?: GoogleAppsScript.Events.SheetsOnOpen) => buildMenu();
global.onInstall = (_e?: GoogleAppsScript.Events.AddonOnInstall) => buildMenu();

global.menuToday = () => runMenuAction(showToday);
global.menuRefreshMyClients = () => runMenuAction(refreshMyClients);
global.menuSaveMyClients = () => runMenuAction(saveMyClients);
global.menuOpenClientCard = () => runMenuAction(openClientCard);
global.menuOpenMyTasks = () => runMenuAction(openMyTasks);
global.menuShowMyBonus = () => runMenuAction(showMyBonus);
global.menuDisputeLine = () => runMenuAction(disputeSelectedLine);
global.menuAcknowledgeStatement = () => runMenuAction(acknowledgeShownMonth);
global.menuDisputesLoad = () => runMenuAction(loadDisputes);
global.menuDisputesSend = () => runMenuAction(sendDisputeDecisions);
global.menuKeepMine = () => runMenuAction((s) => resolveSelected(s, 'mine'));
global.menuTakeTheirs = () => runMenuAction((s) => resolveSelected(s, 'theirs'));
global.menuCheckConnection = () => runMenuAction(checkConnection);

global.cardLoad = cardLoad;
global.cardLogDeal = cardLogDeal;
global.cardEstimate = cardEstimate;
global.cardLogContact = cardLogContact;
global.cardAddNote = cardAddNote;
global.cardRecordConsent = cardRecordConsent;
global.cardVerifyContact = cardVerifyContact;
global.cardMarkLost = cardMarkLost;
global.cardFileReport = cardFileReport;
global.cardSetNextContact = cardSetNextContact;
global.tasksLoad = tasksLoad;
global.tasksFileReport = tasksFileReport;
global.saveErrorsGoTo = saveErrorsGoTo;
global.tasksOpenCard = (clientId: string, name: string) => runMenuAction((s) => openCardOf(s, String(clientId), String(name)));

// The head of sales' items: each reaches an admin route first, so a manager is refused by the base.
global.menuConfigLoad = () => runMenuAction(loadConfig);
global.menuRulesPreview = () => runMenuAction(previewRulesFromMenu);
global.menuConfigPublish = () => runMenuAction(publishConfigFromMenu);
global.menuRulesHistory = () => runMenuAction(showRulesHistory);
global.menuTeamLoad = () => runMenuAction(loadTeam);
global.menuTeamSave = () => runMenuAction(saveTeam);
global.menuOffboard = () => runMenuAction(openOffboarding);
global.menuRotation = () => runMenuAction(openRotation);
global.menuRotationEffect = () => runMenuAction(showRotationEffect);
global.menuRotationFairness = () => runMenuAction(showRotationFairness);
global.menuBonuses = () => runMenuAction(openBonuses);
global.menuStatementLines = () => runMenuAction(showStatementLines);
global.menuDealsLoad = () => runMenuAction(loadDealsToConfirm);
global.menuDealsSend = () => runMenuAction(sendDealDecisions);
global.menuMailing = () => runMenuAction(openMailing);
global.menuOverdueReports = () => runMenuAction(showOverdueReports);
global.menuAuditLog = () => runMenuAction(showAuditLog);
global.menuAuditOlder = () => runMenuAction(showOlderAudit);
global.menuRestoreClient = () => runMenuAction(restoreClientFromMenu);
global.menuDashboard = () => runMenuAction(refreshDashboard);

global.configGoTo = configGoTo;
global.configPublishAgain = configPublishAgain;
global.rotationPreview = rotationPreview;
global.rotationApply = rotationApply;
global.offboardingPreview = offboardingPreview;
global.offboardingApply = offboardingApply;
global.adminJob = adminJob;
global.bonusCompute = bonusCompute;
global.bonusShow = bonusShow;
global.bonusClose = bonusClose;
global.bonusPayroll = bonusPayroll;
global.mailingExport = mailingExport;
