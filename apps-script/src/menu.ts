// The add-on menu. onOpen runs before the person has authorised anything (AuthMode NONE or
// LIMITED): it builds the menu and does nothing else — no properties, no network. The head of
// sales' items are shown to everyone: the base decides who may use them, and a manager who tries
// one is told it is for the head of sales.
import { menuMessages } from './workspace/session.ts';

export function buildMenu(): void {
  const m = menuMessages();
  const ui = SpreadsheetApp.getUi();
  const a = m.admin.menu;
  const admin = ui
    .createMenu(a.title)
    .addItem(a.configLoad, 'menuConfigLoad')
    .addItem(m.admin.rulesPreview.menu, 'menuRulesPreview')
    .addItem(a.configPublish, 'menuConfigPublish')
    .addItem(a.rulesHistory, 'menuRulesHistory')
    .addSeparator()
    .addItem(a.teamLoad, 'menuTeamLoad')
    .addItem(a.teamSave, 'menuTeamSave')
    .addItem(a.offboard, 'menuOffboard')
    .addSeparator()
    .addItem(a.rotation, 'menuRotation')
    .addItem(m.admin.effect.menu, 'menuRotationEffect')
    .addItem(m.admin.fairness.menu, 'menuRotationFairness')
    .addSeparator()
    .addItem(a.bonuses, 'menuBonuses')
    .addItem(a.statementLines, 'menuStatementLines')
    .addItem(m.disputes.menu.load, 'menuDisputesLoad')
    .addItem(m.disputes.menu.send, 'menuDisputesSend')
    .addItem(m.admin.deals.menu.load, 'menuDealsLoad')
    .addItem(m.admin.deals.menu.send, 'menuDealsSend')
    .addSeparator()
    .addItem(a.mailing, 'menuMailing')
    .addSeparator()
    .addItem(a.overdue, 'menuOverdueReports')
    .addItem(a.audit, 'menuAuditLog')
    .addItem(a.auditOlder, 'menuAuditOlder')
    .addItem(a.restoreClient, 'menuRestoreClient')
    .addItem(a.dashboard, 'menuDashboard');
  ui.createAddonMenu()
    .addItem(m.today.menu, 'menuToday')
    .addItem(m.menu.refresh, 'menuRefreshMyClients')
    .addItem(m.menu.save, 'menuSaveMyClients')
    .addSeparator()
    .addItem(m.menu.card, 'menuOpenClientCard')
    .addItem(m.menu.tasks, 'menuOpenMyTasks')
    .addItem(m.menu.bonus, 'menuShowMyBonus')
    .addItem(m.disputes.menu.dispute, 'menuDisputeLine')
    .addItem(m.disputes.menu.acknowledge, 'menuAcknowledgeStatement')
    .addSeparator()
    .addItem(m.menu.keepMine, 'menuKeepMine')
    .addItem(m.menu.takeTheirs, 'menuTakeTheirs')
    .addSeparator()
    .addItem(m.menu.connection, 'menuCheckConnection')
    .addSeparator()
    .addSubMenu(admin)
    .addToUi();
}
