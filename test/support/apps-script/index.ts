// The offline harness for the Google Sheets add-on: test doubles of the Apps Script services that
// keep real state, the built bundle loaded in a vm context, the real API in a child process, and
// sidebar HTML in headless Chromium. See bundle-loader.ts for what one execution does.
export {
  loadAddon,
  declaredFunctions,
  checkTransportable,
  transported,
  type AddonHarness,
  type LoadAddonOptions,
  type Manifest,
} from './bundle-loader.ts';
export { startApiProcess, type ApiProcess, type ApiProcessOptions } from './api-process.ts';
export { openSidebar, closeSidebarBrowser, chromiumPath, type SidebarPage, type SidebarCall } from './sidebar-browser.ts';
export { CallCounts } from './call-counts.ts';
export {
  SpreadsheetDouble,
  SpreadsheetAppDouble,
  type CellRecord,
  type ProtectionWarning,
  type ValidationWarning,
} from './spreadsheet-double.ts';
export { SheetDouble } from './sheet-double.ts';
export { RangeDouble, RangeListDouble } from './range-double.ts';
export {
  UiDouble,
  type MenuRecord,
  type MenuItemRecord,
  type AlertRecord,
  type PromptRecord,
  type ToastRecord,
  type HtmlShownRecord,
  type ButtonName,
} from './ui-double.ts';
export type { FetchLog, FetchRecord } from './url-fetch-double.ts';
export type { ChartRecord } from './chart-double.ts';
export { scopes, type AuthModeName, type ExecutionRecord, type LockKind } from './runtime-double.ts';
export { AppsScriptException, NotImplementedInDouble } from './gas-types.ts';
