import { sidebarStrings } from '../messages.ts';
import type { PageBoot } from '../page-contract.ts';
import type { ActionContext } from './session.ts';

/**
 * The page built into the bundle (dist/<name>.html) with its start-up data: JSON escaped so no
 * value can close the script element; never a token.
 */
function page(session: ActionContext, name: string, data: Record<string, unknown>): GoogleAppsScript.HTML.HtmlOutput {
  const boot: PageBoot = { locale: session.locale, strings: sidebarStrings(session.m), today: session.today, ...data };
  const template = HtmlService.createTemplateFromFile(name);
  (template as unknown as { boot: string }).boot = JSON.stringify(boot)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return template.evaluate();
}

/** Opens a sidebar page. */
export function showSidebar(session: ActionContext, name: string, title: string, data: Record<string, unknown>): void {
  SpreadsheetApp.getUi().showSidebar(page(session, name, data).setTitle(title));
}

/** Opens a page as a modal dialog: for work the person watches to its end (a rotation, an offboarding). */
export function showDialog(
  session: ActionContext,
  name: string,
  title: string,
  data: Record<string, unknown>,
  size: { width: number; height: number },
): void {
  SpreadsheetApp.getUi().showModalDialog(page(session, name, data).setWidth(size.width).setHeight(size.height), title);
}
