// The add-on menu. onOpen runs before the person has authorised anything (AuthMode NONE or
// LIMITED): it builds the menu and does nothing else — no properties, no network.
import { menuMessages } from './workspace/session.ts';

export function buildMenu(): void {
  const m = menuMessages().menu;
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(m.refresh, 'menuRefreshMyClients')
    .addItem(m.save, 'menuSaveMyClients')
    .addSeparator()
    .addItem(m.card, 'menuOpenClientCard')
    .addItem(m.tasks, 'menuOpenMyTasks')
    .addItem(m.bonus, 'menuShowMyBonus')
    .addSeparator()
    .addItem(m.keepMine, 'menuKeepMine')
    .addItem(m.takeTheirs, 'menuTakeTheirs')
    .addSeparator()
    .addItem(m.connection, 'menuCheckConnection')
    .addToUi();
}
