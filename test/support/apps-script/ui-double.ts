import { AppsScriptException, EnumValueDouble, enumName, enumOf, gas } from './gas-types.ts';
import { HtmlOutputDouble } from './html-double.ts';
import { describeDouble } from './vm-bridge.ts';

// Test double of the spreadsheet's Ui: it records menus, alerts, prompts, toasts, sidebars and
// dialogs, and answers alerts and prompts from queues the test fills (as the person clicking).

type B = typeof GoogleAppsScript.Base;
export const Button = enumOf<B['Button']>('Button', ['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
export const ButtonSet = enumOf<B['ButtonSet']>('ButtonSet', ['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);
const buttonsOf: Record<string, string[]> = {
  OK: ['OK', 'CLOSE'],
  OK_CANCEL: ['OK', 'CANCEL', 'CLOSE'],
  YES_NO: ['YES', 'NO', 'CLOSE'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL', 'CLOSE'],
};

export type MenuItemRecord =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; menu: MenuRecord };
export type MenuRecord = { caption: string; addon: boolean; items: MenuItemRecord[] };
export type AlertRecord = { title: string; prompt: string; buttons: string; answer: string };
export type PromptRecord = { title: string; prompt: string; buttons: string; answer: { text: string; button: string } };
export type ToastRecord = { message: string; title: string; seconds: number };
export type HtmlShownRecord = { kind: 'sidebar' | 'modal' | 'modeless'; title: string; content: string; width: number; height: number };
export type ButtonName = 'OK' | 'CANCEL' | 'YES' | 'NO' | 'CLOSE';

type MenuApi = GoogleAppsScript.Base.Menu;
export class MenuDouble implements Pick<MenuApi, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  readonly _record: MenuRecord;
  readonly #ui: UiDouble;
  constructor(ui: UiDouble, caption: string, addon: boolean) {
    this.#ui = ui;
    this._record = { caption, addon, items: [] };
  }
  addItem(caption: string, functionName: string): MenuApi {
    if (typeof functionName !== 'string' || functionName === '') throw new AppsScriptException('Invalid argument: functionName');
    this._record.items.push({ kind: 'item', caption: String(caption), functionName });
    return gas(this);
  }
  addSeparator(): MenuApi {
    this._record.items.push({ kind: 'separator' });
    return gas(this);
  }
  addSubMenu(menu: MenuApi): MenuApi {
    if (!(menu instanceof MenuDouble)) throw new AppsScriptException('Invalid argument: menu');
    this._record.items.push({ kind: 'submenu', menu: menu._record });
    return gas(this);
  }
  addToUi(): void {
    this.#ui._addMenu(this._record);
  }
}
describeDouble(MenuDouble, { type: 'Menu', service: 'Ui' });

export class PromptResponseDouble implements Pick<GoogleAppsScript.Base.PromptResponse, 'getResponseText' | 'getSelectedButton'> {
  readonly #text: string;
  readonly #button: string;
  constructor(text: string, button: string) {
    this.#text = text;
    this.#button = button;
  }
  getResponseText(): string {
    return this.#text;
  }
  getSelectedButton(): GoogleAppsScript.Base.Button {
    return gas((Button as unknown as Record<string, EnumValueDouble>)[this.#button]);
  }
}
describeDouble(PromptResponseDouble, { type: 'PromptResponse', service: 'Ui' });

const hostOnly = new Set([
  'menus',
  'alerts',
  'prompts',
  'toasts',
  'shown',
  'sidebars',
  'dialogs',
  'nextButton',
  'nextPrompt',
  'menuFunctions',
  'lastSidebar',
]);

export class UiDouble
  implements
    Pick<
      GoogleAppsScript.Base.Ui,
      | 'Button'
      | 'ButtonSet'
      | 'alert'
      | 'createAddonMenu'
      | 'createMenu'
      | 'prompt'
      | 'showModalDialog'
      | 'showModelessDialog'
      | 'showSidebar'
    >
{
  Button = Button;
  ButtonSet = ButtonSet;
  /** Menus added with addToUi (an add-on menu replaces the previous add-on menu). */
  readonly menus: MenuRecord[] = [];
  readonly alerts: AlertRecord[] = [];
  readonly prompts: PromptRecord[] = [];
  readonly toasts: ToastRecord[] = [];
  /** Sidebars and dialogs in the order they were shown. */
  readonly shown: HtmlShownRecord[] = [];
  /** The buttons the person will click in the next alerts, in order ('YES', 'NO', 'OK', 'CANCEL', 'CLOSE'). */
  readonly nextButton: ButtonName[] = [];
  /** What the person will type and click in the next prompts. */
  readonly nextPrompt: { text: string; button?: ButtonName }[] = [];
  readonly #inspect: (html: string) => void;
  readonly #addonName: string;

  constructor(options: { addonName?: string; inspectHtml?: (html: string) => void } = {}) {
    this.#addonName = options.addonName ?? 'Add-on';
    this.#inspect = options.inspectHtml ?? (() => {});
  }

  get sidebars(): HtmlShownRecord[] {
    return this.shown.filter((s) => s.kind === 'sidebar');
  }
  get dialogs(): HtmlShownRecord[] {
    return this.shown.filter((s) => s.kind !== 'sidebar');
  }
  get lastSidebar(): HtmlShownRecord | undefined {
    return this.sidebars.at(-1);
  }
  /** Every function name the menus point at, submenus included. */
  menuFunctions(): string[] {
    const walk = (items: MenuItemRecord[]): string[] =>
      items.flatMap((i) => (i.kind === 'item' ? [i.functionName] : i.kind === 'submenu' ? walk(i.menu.items) : []));
    return this.menus.flatMap((m) => walk(m.items));
  }

  _addMenu(menu: MenuRecord): void {
    const same = this.menus.findIndex((m) => (menu.addon ? m.addon : m.caption === menu.caption && !m.addon));
    if (same >= 0) this.menus.splice(same, 1, structuredClone(menu));
    else this.menus.push(structuredClone(menu));
  }

  _toast(message: string, title: string, seconds: number): void {
    this.toasts.push({ message, title, seconds });
  }

  #dialogArgs(args: unknown[]): { title: string; prompt: string; buttons: string } {
    const isSet = (v: unknown) => v instanceof EnumValueDouble || (typeof v === 'string' && v in buttonsOf);
    if (args.length >= 3) return { title: String(args[0]), prompt: String(args[1]), buttons: enumName(args[2], 'ButtonSet') };
    if (args.length === 2 && isSet(args[1])) return { title: '', prompt: String(args[0]), buttons: enumName(args[1], 'ButtonSet') };
    return { title: args.length === 2 ? String(args[0]) : '', prompt: String(args[args.length - 1] ?? ''), buttons: 'OK' };
  }

  alert(...args: unknown[]): GoogleAppsScript.Base.Button {
    const { title, prompt, buttons } = this.#dialogArgs(args);
    let answer = this.nextButton.shift();
    if (answer === undefined) {
      if (buttons !== 'OK')
        throw new Error(
          `the test did not say which button the person clicks in the alert "${prompt}" (${buttons}): push one to ui.nextButton`,
        );
      answer = 'OK';
    }
    if (!buttonsOf[buttons]!.includes(answer)) throw new Error(`the alert "${prompt}" offers ${buttons}, not ${answer}`);
    this.alerts.push({ title, prompt, buttons, answer });
    return gas((Button as unknown as Record<string, EnumValueDouble>)[answer]);
  }

  createAddonMenu(): MenuApi {
    return gas(new MenuDouble(this, this.#addonName, true));
  }

  createMenu(caption: string): MenuApi {
    return gas(new MenuDouble(this, String(caption), false));
  }

  prompt(...args: unknown[]): GoogleAppsScript.Base.PromptResponse {
    const { title, prompt, buttons } = this.#dialogArgs(args);
    const next = this.nextPrompt.shift();
    if (!next) throw new Error(`the test did not say what the person types in the prompt "${prompt}": push one to ui.nextPrompt`);
    const button = next.button ?? (buttons.startsWith('YES') ? 'YES' : 'OK');
    if (!buttonsOf[buttons]!.includes(button)) throw new Error(`the prompt "${prompt}" offers ${buttons}, not ${button}`);
    this.prompts.push({ title, prompt, buttons, answer: { text: next.text, button } });
    return gas(new PromptResponseDouble(next.text, button));
  }

  #show(kind: HtmlShownRecord['kind'], output: unknown, title?: string): void {
    if (!(output instanceof HtmlOutputDouble)) throw new AppsScriptException('Invalid argument: userInterface');
    this.#inspect(output._content);
    this.shown.push({
      kind,
      title: title ?? output._title,
      content: output._content,
      width: kind === 'sidebar' ? 300 : output._width,
      height: output._height,
    });
  }

  showModalDialog(userInterface: object, title: string): void {
    this.#show('modal', userInterface, String(title));
  }

  showModelessDialog(userInterface: object, title: string): void {
    this.#show('modeless', userInterface, String(title));
  }

  showSidebar(userInterface: object): void {
    this.#show('sidebar', userInterface);
  }
}
describeDouble(UiDouble, { type: 'Ui', service: 'Ui', hostOnly });
