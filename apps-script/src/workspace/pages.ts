import { sidebarStrings } from '../messages.ts';
import type { PageBoot } from '../page-contract.ts';
import type { ActionContext } from './session.ts';

/**
 * Opens a sidebar page built into the bundle (dist/<name>.html). Its start-up data goes in through
 * a template variable as JSON, escaped so no value can close the script element; never a token.
 */
export function showSidebar(session: ActionContext, name: string, title: string, data: Record<string, unknown>): void {
  const boot: PageBoot = { locale: session.locale, strings: sidebarStrings(session.m), today: session.today, ...data };
  const template = HtmlService.createTemplateFromFile(name);
  (template as unknown as { boot: string }).boot = JSON.stringify(boot).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  SpreadsheetApp.getUi().showSidebar(template.evaluate().setTitle(title));
}
