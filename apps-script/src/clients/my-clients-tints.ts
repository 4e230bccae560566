// My clients' tints: rotation due soon orange, a report past due red, a lost client grey. "Soon" is
// the rules' `rotation.warnDays`, the same horizon the Today sheet lists, so the two never disagree.
import { columnLetter } from '../sheet/cell-values.ts';
import type { ColumnMap } from '../sheet/managed-sheet.ts';
import { editableClientKeys, type ClientColumnKey } from './client-columns.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

/** The horizon when the base cannot say (an older API without Today): the rules' default. */
export const defaultWarnDays = 30;

const soonMark = '-TODAY()<=';

function soonFormula(columns: ColumnMap<ClientColumnKey>, warnDays: number): string {
  const due = `$${columnLetter(columns.rotationDueOn)}2`;
  return `=AND(${due}<>"",${due}${soonMark}${warnDays})`;
}

function soonRule(sheet: Sheet, columns: ColumnMap<ClientColumnKey>, rows: number, warnDays: number): Rule {
  return SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(soonFormula(columns, warnDays))
    .setBackground('#fde7c8')
    .setRanges([sheet.getRange(2, columns.rotationDueOn, rows, 1)])
    .build();
}

const tableRows = (sheet: Sheet) => Math.max(sheet.getMaxRows() - 1, 1);

/** A new sheet's three tints. */
export function decorateMyClients(sheet: Sheet, columns: ColumnMap<ClientColumnKey>, warnDays: number): void {
  const rows = tableRows(sheet);
  const cell = (key: ClientColumnKey) => `$${columnLetter(columns[key])}2`;
  const lastEditable = Math.max(...editableClientKeys.map((k) => columns[k]), columns.reportDueOn);
  const rules = sheet.getConditionalFormatRules();
  rules.push(
    soonRule(sheet, columns, rows, warnDays),
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=AND(${cell('reportDueOn')}<>"",${cell('reportDueOn')}<TODAY())`)
      .setBackground('#f4c7c3')
      .setFontColor('#a50e0e')
      .setRanges([sheet.getRange(2, columns.reportDueOn, rows, 1)])
      .build(),
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(`=${cell('lostAt')}<>""`)
      .setFontColor('#9aa0a6')
      .setRanges([sheet.getRange(2, 1, rows, lastEditable)])
      .build(),
  );
  sheet.setConditionalFormatRules(rules);
}

/** After the head of sales changed `warnDays`: the orange tint follows; the person's own rules stay. */
export function retintRotationSoon(sheet: Sheet, columns: ColumnMap<ClientColumnKey>, warnDays: number): void {
  const due = `$${columnLetter(columns.rotationDueOn)}2`;
  const ours = (rule: Rule) => {
    const values = rule.getBooleanCondition()?.getCriteriaValues() ?? [];
    const formula = String(values[0] ?? '');
    return formula.startsWith(`=AND(${due}<>"",${due}${soonMark}`);
  };
  const kept = sheet.getConditionalFormatRules().filter((rule) => !ours(rule));
  sheet.setConditionalFormatRules([...kept, soonRule(sheet, columns, tableRows(sheet), warnDays)]);
}
