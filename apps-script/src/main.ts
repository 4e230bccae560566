// Entry points: the functions Apps Script calls by name (triggers, menu items, google.script.run
// from the sidebars). Declarations only; the work lives in the modules. The build adds a top-level
// stub for each `global.x = …` so Apps Script can see it.
import { showMyBonus } from './bonus/my-bonus.ts';
import { cardAddNote, cardFileReport, cardLoad, cardLogContact, cardLogDeal, cardMarkLost, cardRecordConsent, openCardOf, openClientCard } from './card/client-card.ts';
import { refreshMyClients, resolveSelected, saveMyClients } from './clients/my-clients.ts';
import { checkConnection } from './connection.ts';
import { buildMenu } from './menu.ts';
import { openMyTasks, tasksFileReport, tasksLoad } from './tasks/my-tasks.ts';
import { runMenuAction } from './workspace/feedback.ts';

declare const global: Record<string, unknown>;

global.onOpen = (_e?: GoogleAppsScript.Events.SheetsOnOpen) => buildMenu();
global.onInstall = (_e?: GoogleAppsScript.Events.AddonOnInstall) => buildMenu();

global.menuRefreshMyClients = () => runMenuAction(refreshMyClients);
global.menuSaveMyClients = () => runMenuAction(saveMyClients);
global.menuOpenClientCard = () => runMenuAction(openClientCard);
global.menuOpenMyTasks = () => runMenuAction(openMyTasks);
global.menuShowMyBonus = () => runMenuAction(showMyBonus);
global.menuKeepMine = () => runMenuAction((s) => resolveSelected(s, 'mine'));
global.menuTakeTheirs = () => runMenuAction((s) => resolveSelected(s, 'theirs'));
global.menuCheckConnection = () => runMenuAction(checkConnection);

global.cardLoad = cardLoad;
global.cardLogDeal = cardLogDeal;
global.cardLogContact = cardLogContact;
global.cardAddNote = cardAddNote;
global.cardRecordConsent = cardRecordConsent;
global.cardMarkLost = cardMarkLost;
global.cardFileReport = cardFileReport;
global.tasksLoad = tasksLoad;
global.tasksFileReport = tasksFileReport;
global.tasksOpenCard = (clientId: string, name: string) => runMenuAction((s) => openCardOf(s, String(clientId), String(name)));
