import type { Rect } from './a1-notation.ts';
import { contains } from './a1-notation.ts';
import { dateToSerial, displayValue, type CellValue } from './cell-values.ts';
import { evaluateFormula, rewriteReferences } from './formula-engine.ts';
import { AppsScriptException, EnumValueDouble, enumName, enumOf, gas } from './gas-types.ts';
import { ownRange, type RangeDouble } from './range-double.ts';
import type { SheetDouble } from './sheet-double.ts';
import { describeDouble } from './vm-bridge.ts';

// Test doubles of the rules Sheets keeps on cells: data validations, conditional format rules, filter
// criteria and filters, protections. Each keeps its settings for real and answers the getters;
// validations refuse invalid input, filters hide rows, conditional formats can be evaluated.

type S = typeof GoogleAppsScript.Spreadsheet;

export const DataValidationCriteria = enumOf<S['DataValidationCriteria']>('DataValidationCriteria', [
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
]);
export const BooleanCriteria = enumOf<S['BooleanCriteria']>('BooleanCriteria', [
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'DATE_AFTER_RELATIVE',
  'DATE_BEFORE_RELATIVE',
  'DATE_EQUAL_TO_RELATIVE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
]);
export const RelativeDate = enumOf<S['RelativeDate']>('RelativeDate', [
  'TODAY',
  'TOMORROW',
  'YESTERDAY',
  'PAST_WEEK',
  'PAST_MONTH',
  'PAST_YEAR',
]);
export const ProtectionType = enumOf<S['ProtectionType']>('ProtectionType', ['RANGE', 'SHEET']);

const enumValue = (e: object, name: string) => (e as Record<string, EnumValueDouble>)[name]!;

/** A rectangle of a sheet that Sheets moves when rows or columns are inserted or deleted around it. */
export type Anchor = { sheet: SheetDouble; rect: Rect; gone?: boolean };

/** A criterion (shared by validations, conditional formats and filter criteria) and its arguments. */
type Criterion = { type: string; values: unknown[] };

function asNumber(v: CellValue, timeZone: string): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof Date) return dateToSerial(v, timeZone);
  return undefined;
}

function relativeDay(name: string, timeZone: string, today: Date): number {
  const t = Math.floor(dateToSerial(today, timeZone));
  return { TODAY: t, TOMORROW: t + 1, YESTERDAY: t - 1, PAST_WEEK: t - 7, PAST_MONTH: t - 30, PAST_YEAR: t - 365 }[name] ?? t;
}

/** A formula's relative references moved by `dr` rows and `dc` columns, as Sheets moves them for another cell of a range. */
export function shiftReferences(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  return rewriteReferences(formula, (ref) => ({
    ...ref,
    start: {
      ...ref.start,
      ...(ref.start.row !== undefined && !ref.start.rowAbsolute ? { row: ref.start.row + dr } : {}),
      ...(ref.start.column !== undefined && !ref.start.columnAbsolute ? { column: ref.start.column + dc } : {}),
    },
    ...(ref.end
      ? {
          end: {
            ...ref.end,
            ...(ref.end.row !== undefined && !ref.end.rowAbsolute ? { row: ref.end.row + dr } : {}),
            ...(ref.end.column !== undefined && !ref.end.columnAbsolute ? { column: ref.end.column + dc } : {}),
          },
        }
      : {}),
  }));
}

/** Whether a value meets a criterion (blank cells meet every validation, as in Sheets). */
function meets(
  c: Criterion,
  value: CellValue,
  sheet: SheetDouble,
  at: { row: number; column: number; origin: Rect; candidate?: CellValue },
): boolean {
  const tz = sheet._book._timeZone;
  const text = displayValue(value, undefined, sheet._book._where);
  const n = asNumber(value, tz);
  const arg = (i: number) => {
    const v = c.values[i];
    if (v instanceof EnumValueDouble) return relativeDay(v.name(), tz, sheet._book._today());
    return v instanceof Date ? dateToSerial(v, tz) : (v as number);
  };
  const day = (x: number | undefined) => (x === undefined ? undefined : Math.floor(x));
  switch (c.type) {
    case 'CELL_EMPTY':
      return value === '';
    case 'CELL_NOT_EMPTY':
      return value !== '';
    case 'VALUE_IN_LIST':
      return (c.values[0] as unknown[]).map(String).includes(text);
    case 'VALUE_IN_RANGE':
      return (c.values[0] as RangeDouble)._displayValues().flat().includes(text);
    case 'CHECKBOX':
      return c.values.length === 0 ? typeof value === 'boolean' : c.values.map(String).includes(text);
    case 'DATE_IS_VALID_DATE':
      return value instanceof Date;
    case 'DATE_AFTER':
    case 'DATE_AFTER_RELATIVE':
      return value instanceof Date && day(n)! > day(arg(0))!;
    case 'DATE_BEFORE':
    case 'DATE_BEFORE_RELATIVE':
      return value instanceof Date && day(n)! < day(arg(0))!;
    case 'DATE_EQUAL_TO':
    case 'DATE_EQUAL_TO_RELATIVE':
      return value instanceof Date && day(n) === day(arg(0));
    case 'DATE_ON_OR_AFTER':
      return value instanceof Date && day(n)! >= day(arg(0))!;
    case 'DATE_ON_OR_BEFORE':
      return value instanceof Date && day(n)! <= day(arg(0))!;
    case 'DATE_BETWEEN':
      return value instanceof Date && day(n)! >= day(arg(0))! && day(n)! <= day(arg(1))!;
    case 'DATE_NOT_BETWEEN':
      return value instanceof Date && !(day(n)! >= day(arg(0))! && day(n)! <= day(arg(1))!);
    case 'NUMBER_BETWEEN':
      return n !== undefined && n >= arg(0) && n <= arg(1);
    case 'NUMBER_NOT_BETWEEN':
      return n !== undefined && (n < arg(0) || n > arg(1));
    case 'NUMBER_EQUAL_TO':
      return n === arg(0);
    case 'NUMBER_NOT_EQUAL_TO':
      return n !== undefined && n !== arg(0);
    case 'NUMBER_GREATER_THAN':
      return n !== undefined && n > arg(0);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return n !== undefined && n >= arg(0);
    case 'NUMBER_LESS_THAN':
      return n !== undefined && n < arg(0);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return n !== undefined && n <= arg(0);
    case 'TEXT_CONTAINS':
      return text.toLowerCase().includes(String(c.values[0]).toLowerCase());
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.toLowerCase().includes(String(c.values[0]).toLowerCase());
    case 'TEXT_EQUAL_TO':
      return text.toLowerCase() === String(c.values[0]).toLowerCase();
    case 'TEXT_STARTS_WITH':
      return text.toLowerCase().startsWith(String(c.values[0]).toLowerCase());
    case 'TEXT_ENDS_WITH':
      return text.toLowerCase().endsWith(String(c.values[0]).toLowerCase());
    case 'TEXT_IS_VALID_EMAIL':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
    case 'TEXT_IS_VALID_URL':
      return /^https?:\/\/\S+$/.test(text);
    case 'CUSTOM_FORMULA': {
      // The formula is written for the top-left cell of the range: move its relative references.
      const moved = shiftReferences(String(c.values[0]), at.row - at.origin.row, at.column - at.origin.column);
      const scope = sheet._formulaScope();
      // A validation judges the value being entered: the cell itself reads as that value.
      const values: typeof scope.values = (sheetName, ref) =>
        at.candidate !== undefined &&
        (sheetName === undefined || sheetName === sheet._name) &&
        !ref.end &&
        ref.start.row === at.row &&
        ref.start.column === at.column
          ? [[at.candidate]]
          : scope.values(sheetName, ref);
      const result = evaluateFormula(moved, { ...scope, values });
      return result === true || (typeof result === 'number' && result !== 0);
    }
    default:
      return true;
  }
}

// ---------------------------------------------------------------- data validation

type ValidationState = { criterion: Criterion; allowInvalid: boolean; helpText: string | null };

export class DataValidationDouble
  implements
    Pick<GoogleAppsScript.Spreadsheet.DataValidation, 'copy' | 'getAllowInvalid' | 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText'>
{
  readonly _state: ValidationState;
  constructor(state: ValidationState) {
    this._state = state;
  }
  copy(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return gas(new DataValidationBuilderDouble({ ...this._state, criterion: { ...this._state.criterion } }));
  }
  getAllowInvalid(): boolean {
    return this._state.allowInvalid;
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return gas(enumValue(DataValidationCriteria, this._state.criterion.type));
  }
  getCriteriaValues(): any[] {
    return [...this._state.criterion.values];
  }
  getHelpText(): string {
    return gas(this._state.helpText);
  }
  /**
   * Whether the value may stand in the cell (blank always may). Each cell keeps its own copy of a
   * custom formula, written for that cell (see `_movedBy`), so the formula is read as it stands.
   */
  _accepts(value: CellValue, sheet: SheetDouble, row: number, column: number): boolean {
    if (value === '') return true;
    return meets(this._state.criterion, value, sheet, {
      row,
      column,
      origin: { row, column, numRows: 1, numColumns: 1 },
      candidate: value,
    });
  }
  /** The rule for a cell `dr` rows and `dc` columns from where it was written: a custom formula's references follow. */
  _movedBy(dr: number, dc: number): DataValidationDouble {
    if (this._state.criterion.type !== 'CUSTOM_FORMULA' || (dr === 0 && dc === 0)) return this;
    const formula = shiftReferences(String(this._state.criterion.values[0]), dr, dc);
    return new DataValidationDouble({ ...this._state, criterion: { ...this._state.criterion, values: [formula] } });
  }
}
describeDouble(DataValidationDouble, { type: 'DataValidation', service: 'SpreadsheetApp' });

type DataValidationBuilderApi = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
export class DataValidationBuilderDouble
  implements
    Pick<
      DataValidationBuilderApi,
      | 'build'
      | 'copy'
      | 'getAllowInvalid'
      | 'getCriteriaType'
      | 'getCriteriaValues'
      | 'getHelpText'
      | 'requireCheckbox'
      | 'requireDate'
      | 'requireDateAfter'
      | 'requireDateBefore'
      | 'requireDateBetween'
      | 'requireDateEqualTo'
      | 'requireDateNotBetween'
      | 'requireDateOnOrAfter'
      | 'requireDateOnOrBefore'
      | 'requireFormulaSatisfied'
      | 'requireNumberBetween'
      | 'requireNumberEqualTo'
      | 'requireNumberGreaterThan'
      | 'requireNumberGreaterThanOrEqualTo'
      | 'requireNumberLessThan'
      | 'requireNumberLessThanOrEqualTo'
      | 'requireNumberNotBetween'
      | 'requireNumberNotEqualTo'
      | 'requireTextContains'
      | 'requireTextDoesNotContain'
      | 'requireTextEqualTo'
      | 'requireTextIsEmail'
      | 'requireTextIsUrl'
      | 'requireValueInList'
      | 'requireValueInRange'
      | 'setAllowInvalid'
      | 'setHelpText'
      | 'withCriteria'
    >
{
  readonly #state: ValidationState;
  constructor(state?: ValidationState) {
    this.#state = state ?? { criterion: { type: '', values: [] }, allowInvalid: true, helpText: null };
  }
  #set(type: string, values: unknown[]): DataValidationBuilderApi {
    this.#state.criterion = { type, values };
    return gas(this);
  }
  build(): GoogleAppsScript.Spreadsheet.DataValidation {
    if (!this.#state.criterion.type)
      throw new AppsScriptException('You must specify a criteria type before building the data validation rule.');
    return gas(new DataValidationDouble({ ...this.#state, criterion: { ...this.#state.criterion } }));
  }
  copy(): DataValidationBuilderApi {
    return gas(new DataValidationBuilderDouble({ ...this.#state, criterion: { ...this.#state.criterion } }));
  }
  getAllowInvalid(): boolean {
    return this.#state.allowInvalid;
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return gas(enumValue(DataValidationCriteria, this.#state.criterion.type));
  }
  getCriteriaValues(): any[] {
    return [...this.#state.criterion.values];
  }
  getHelpText(): string | null {
    return this.#state.helpText;
  }
  requireCheckbox(...values: unknown[]): DataValidationBuilderApi {
    return this.#set('CHECKBOX', values);
  }
  requireDate(): DataValidationBuilderApi {
    return this.#set('DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(date: Date): DataValidationBuilderApi {
    return this.#set('DATE_AFTER', [date]);
  }
  requireDateBefore(date: Date): DataValidationBuilderApi {
    return this.#set('DATE_BEFORE', [date]);
  }
  requireDateBetween(start: Date, end: Date): DataValidationBuilderApi {
    return this.#set('DATE_BETWEEN', [start, end]);
  }
  requireDateEqualTo(date: Date): DataValidationBuilderApi {
    return this.#set('DATE_EQUAL_TO', [date]);
  }
  requireDateNotBetween(start: Date, end: Date): DataValidationBuilderApi {
    return this.#set('DATE_NOT_BETWEEN', [start, end]);
  }
  requireDateOnOrAfter(date: Date): DataValidationBuilderApi {
    return this.#set('DATE_ON_OR_AFTER', [date]);
  }
  requireDateOnOrBefore(date: Date): DataValidationBuilderApi {
    return this.#set('DATE_ON_OR_BEFORE', [date]);
  }
  requireFormulaSatisfied(formula: string): DataValidationBuilderApi {
    return this.#set('CUSTOM_FORMULA', [formula]);
  }
  requireNumberBetween(start: number, end: number): DataValidationBuilderApi {
    return this.#set('NUMBER_BETWEEN', [start, end]);
  }
  requireNumberEqualTo(number: number): DataValidationBuilderApi {
    return this.#set('NUMBER_EQUAL_TO', [number]);
  }
  requireNumberGreaterThan(number: number): DataValidationBuilderApi {
    return this.#set('NUMBER_GREATER_THAN', [number]);
  }
  requireNumberGreaterThanOrEqualTo(number: number): DataValidationBuilderApi {
    return this.#set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }
  requireNumberLessThan(number: number): DataValidationBuilderApi {
    return this.#set('NUMBER_LESS_THAN', [number]);
  }
  requireNumberLessThanOrEqualTo(number: number): DataValidationBuilderApi {
    return this.#set('NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }
  requireNumberNotBetween(start: number, end: number): DataValidationBuilderApi {
    return this.#set('NUMBER_NOT_BETWEEN', [start, end]);
  }
  requireNumberNotEqualTo(number: number): DataValidationBuilderApi {
    return this.#set('NUMBER_NOT_EQUAL_TO', [number]);
  }
  requireTextContains(text: string): DataValidationBuilderApi {
    return this.#set('TEXT_CONTAINS', [text]);
  }
  requireTextDoesNotContain(text: string): DataValidationBuilderApi {
    return this.#set('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  requireTextEqualTo(text: string): DataValidationBuilderApi {
    return this.#set('TEXT_EQUAL_TO', [text]);
  }
  requireTextIsEmail(): DataValidationBuilderApi {
    return this.#set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): DataValidationBuilderApi {
    return this.#set('TEXT_IS_VALID_URL', []);
  }
  requireValueInList(values: string[], showDropdown = true): DataValidationBuilderApi {
    if (!Array.isArray(values)) throw new AppsScriptException('Invalid argument: values');
    return this.#set('VALUE_IN_LIST', [values.map(String), showDropdown]);
  }
  requireValueInRange(range: GoogleAppsScript.Spreadsheet.Range, showDropdown = true): DataValidationBuilderApi {
    return this.#set('VALUE_IN_RANGE', [ownRange(range), showDropdown]);
  }
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilderApi {
    this.#state.allowInvalid = Boolean(allowInvalidData);
    return gas(this);
  }
  setHelpText(helpText: string): DataValidationBuilderApi {
    this.#state.helpText = String(helpText);
    return gas(this);
  }
  withCriteria(criteria: GoogleAppsScript.Spreadsheet.DataValidationCriteria, args: any[]): DataValidationBuilderApi {
    return this.#set(enumName(criteria, 'DataValidationCriteria'), [...args]);
  }
}
describeDouble(DataValidationBuilderDouble, { type: 'DataValidationBuilder', service: 'SpreadsheetApp' });

// ---------------------------------------------------------------- conditional formats

type ConditionalFormat = {
  background?: string | null;
  fontColor?: string | null;
  bold?: boolean | null;
  italic?: boolean | null;
  strikethrough?: boolean | null;
  underline?: boolean | null;
};
type RuleState = { criterion: Criterion | null; format: ConditionalFormat; ranges: { sheet: SheetDouble; rect: Rect }[] };

export class BooleanConditionDouble
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.BooleanCondition,
      | 'getBackground'
      | 'getBold'
      | 'getCriteriaType'
      | 'getCriteriaValues'
      | 'getFontColor'
      | 'getItalic'
      | 'getStrikethrough'
      | 'getUnderline'
    >
{
  readonly #criterion: Criterion;
  readonly #format: ConditionalFormat;
  constructor(criterion: Criterion, format: ConditionalFormat) {
    this.#criterion = criterion;
    this.#format = format;
  }
  getBackground(): string | null {
    return this.#format.background ?? null;
  }
  getBold(): boolean | null {
    return this.#format.bold ?? null;
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    return gas(enumValue(BooleanCriteria, this.#criterion.type));
  }
  getCriteriaValues(): any[] {
    return [...this.#criterion.values];
  }
  getFontColor(): string | null {
    return this.#format.fontColor ?? null;
  }
  getItalic(): boolean | null {
    return this.#format.italic ?? null;
  }
  getStrikethrough(): boolean | null {
    return this.#format.strikethrough ?? null;
  }
  getUnderline(): boolean | null {
    return this.#format.underline ?? null;
  }
}
describeDouble(BooleanConditionDouble, { type: 'BooleanCondition', service: 'SpreadsheetApp' });

export class ConditionalFormatRuleDouble
  implements Pick<GoogleAppsScript.Spreadsheet.ConditionalFormatRule, 'copy' | 'getBooleanCondition' | 'getGradientCondition' | 'getRanges'>
{
  readonly _state: RuleState;
  constructor(state: RuleState) {
    this._state = state;
  }
  copy(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return gas(new ConditionalFormatRuleBuilderDouble(cloneRule(this._state)));
  }
  getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition | null {
    return this._state.criterion ? gas(new BooleanConditionDouble(this._state.criterion, this._state.format)) : null;
  }
  getGradientCondition(): GoogleAppsScript.Spreadsheet.GradientCondition | null {
    return null;
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._state.ranges.map((r) => gas(r.sheet._range(r.rect)));
  }
  /** The format this rule gives the cell, when its condition holds there. */
  _formatAt(sheet: SheetDouble, row: number, column: number): ConditionalFormat | undefined {
    const anchor = this._state.ranges.find((r) => r.sheet === sheet && contains(r.rect, row, column));
    if (!anchor || !this._state.criterion) return undefined;
    const value = sheet._value(row, column);
    return meets(this._state.criterion, value, sheet, { row, column, origin: anchor.rect }) ? this._state.format : undefined;
  }
}
describeDouble(ConditionalFormatRuleDouble, { type: 'ConditionalFormatRule', service: 'SpreadsheetApp' });

function cloneRule(state: RuleState): RuleState {
  return {
    criterion: state.criterion ? { ...state.criterion } : null,
    format: { ...state.format },
    ranges: state.ranges.map((r) => ({ sheet: r.sheet, rect: { ...r.rect } })),
  };
}

type RuleBuilderApi = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
export class ConditionalFormatRuleBuilderDouble
  implements
    Pick<
      RuleBuilderApi,
      | 'build'
      | 'copy'
      | 'getBooleanCondition'
      | 'getGradientCondition'
      | 'getRanges'
      | 'setBackground'
      | 'setBold'
      | 'setFontColor'
      | 'setItalic'
      | 'setRanges'
      | 'setStrikethrough'
      | 'setUnderline'
      | 'whenCellEmpty'
      | 'whenCellNotEmpty'
      | 'whenDateAfter'
      | 'whenDateBefore'
      | 'whenDateEqualTo'
      | 'whenFormulaSatisfied'
      | 'whenNumberBetween'
      | 'whenNumberEqualTo'
      | 'whenNumberGreaterThan'
      | 'whenNumberGreaterThanOrEqualTo'
      | 'whenNumberLessThan'
      | 'whenNumberLessThanOrEqualTo'
      | 'whenNumberNotBetween'
      | 'whenNumberNotEqualTo'
      | 'whenTextContains'
      | 'whenTextDoesNotContain'
      | 'whenTextEndsWith'
      | 'whenTextEqualTo'
      | 'whenTextStartsWith'
      | 'withCriteria'
    >
{
  readonly #state: RuleState;
  constructor(state?: RuleState) {
    this.#state = state ?? { criterion: null, format: {}, ranges: [] };
  }
  #when(type: string, values: unknown[]): RuleBuilderApi {
    this.#state.criterion = { type, values };
    return gas(this);
  }
  #format(patch: ConditionalFormat): RuleBuilderApi {
    Object.assign(this.#state.format, patch);
    return gas(this);
  }
  build(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule {
    if (!this.#state.criterion) throw new AppsScriptException('You must specify a condition before building the conditional format rule.');
    return gas(new ConditionalFormatRuleDouble(cloneRule(this.#state)));
  }
  copy(): RuleBuilderApi {
    return gas(new ConditionalFormatRuleBuilderDouble(cloneRule(this.#state)));
  }
  getBooleanCondition(): GoogleAppsScript.Spreadsheet.BooleanCondition | null {
    return this.#state.criterion ? gas(new BooleanConditionDouble(this.#state.criterion, this.#state.format)) : null;
  }
  getGradientCondition(): GoogleAppsScript.Spreadsheet.GradientCondition | null {
    return null;
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.#state.ranges.map((r) => gas(r.sheet._range(r.rect)));
  }
  setBackground(color: string | null): RuleBuilderApi {
    return this.#format({ background: color });
  }
  setBold(bold: boolean | null): RuleBuilderApi {
    return this.#format({ bold });
  }
  setFontColor(color: string | null): RuleBuilderApi {
    return this.#format({ fontColor: color });
  }
  setItalic(italic: boolean | null): RuleBuilderApi {
    return this.#format({ italic });
  }
  setStrikethrough(strikethrough: boolean | null): RuleBuilderApi {
    return this.#format({ strikethrough });
  }
  setUnderline(underline: boolean | null): RuleBuilderApi {
    return this.#format({ underline });
  }
  setRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): RuleBuilderApi {
    this.#state.ranges = ranges.map((r) => {
      const range = ownRange(r);
      return { sheet: range._sheet, rect: { ...range._rect } };
    });
    return gas(this);
  }
  whenCellEmpty(): RuleBuilderApi {
    return this.#when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): RuleBuilderApi {
    return this.#when('CELL_NOT_EMPTY', []);
  }
  whenDateAfter(date: unknown): RuleBuilderApi {
    return this.#when(date instanceof EnumValueDouble ? 'DATE_AFTER_RELATIVE' : 'DATE_AFTER', [date]);
  }
  whenDateBefore(date: unknown): RuleBuilderApi {
    return this.#when(date instanceof EnumValueDouble ? 'DATE_BEFORE_RELATIVE' : 'DATE_BEFORE', [date]);
  }
  whenDateEqualTo(date: unknown): RuleBuilderApi {
    return this.#when(date instanceof EnumValueDouble ? 'DATE_EQUAL_TO_RELATIVE' : 'DATE_EQUAL_TO', [date]);
  }
  whenFormulaSatisfied(formula: string): RuleBuilderApi {
    return this.#when('CUSTOM_FORMULA', [formula]);
  }
  whenNumberBetween(start: number, end: number): RuleBuilderApi {
    return this.#when('NUMBER_BETWEEN', [start, end]);
  }
  whenNumberEqualTo(number: number): RuleBuilderApi {
    return this.#when('NUMBER_EQUAL_TO', [number]);
  }
  whenNumberGreaterThan(number: number): RuleBuilderApi {
    return this.#when('NUMBER_GREATER_THAN', [number]);
  }
  whenNumberGreaterThanOrEqualTo(number: number): RuleBuilderApi {
    return this.#when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }
  whenNumberLessThan(number: number): RuleBuilderApi {
    return this.#when('NUMBER_LESS_THAN', [number]);
  }
  whenNumberLessThanOrEqualTo(number: number): RuleBuilderApi {
    return this.#when('NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }
  whenNumberNotBetween(start: number, end: number): RuleBuilderApi {
    return this.#when('NUMBER_NOT_BETWEEN', [start, end]);
  }
  whenNumberNotEqualTo(number: number): RuleBuilderApi {
    return this.#when('NUMBER_NOT_EQUAL_TO', [number]);
  }
  whenTextContains(text: string): RuleBuilderApi {
    return this.#when('TEXT_CONTAINS', [text]);
  }
  whenTextDoesNotContain(text: string): RuleBuilderApi {
    return this.#when('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  whenTextEndsWith(text: string): RuleBuilderApi {
    return this.#when('TEXT_ENDS_WITH', [text]);
  }
  whenTextEqualTo(text: string): RuleBuilderApi {
    return this.#when('TEXT_EQUAL_TO', [text]);
  }
  whenTextStartsWith(text: string): RuleBuilderApi {
    return this.#when('TEXT_STARTS_WITH', [text]);
  }
  withCriteria(criteria: GoogleAppsScript.Spreadsheet.BooleanCriteria, args: any[]): RuleBuilderApi {
    return this.#when(enumName(criteria, 'BooleanCriteria'), [...args]);
  }
}
describeDouble(ConditionalFormatRuleBuilderDouble, { type: 'ConditionalFormatRuleBuilder', service: 'SpreadsheetApp' });

// ---------------------------------------------------------------- filters

type FilterCriteriaState = { hidden: string[] | null; visible: string[] | null; criterion: Criterion | null };

export class FilterCriteriaDouble
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.FilterCriteria,
      'copy' | 'getCriteriaType' | 'getCriteriaValues' | 'getHiddenValues' | 'getVisibleValues'
    >
{
  readonly _state: FilterCriteriaState;
  constructor(state: FilterCriteriaState) {
    this._state = state;
  }
  copy(): GoogleAppsScript.Spreadsheet.FilterCriteriaBuilder {
    return gas(new FilterCriteriaBuilderDouble(cloneCriteria(this._state)));
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    return gas(this._state.criterion ? enumValue(BooleanCriteria, this._state.criterion.type) : null);
  }
  getCriteriaValues(): any[] {
    return this._state.criterion ? [...this._state.criterion.values] : [];
  }
  getHiddenValues(): string[] {
    return gas(this._state.hidden ? [...this._state.hidden] : null);
  }
  getVisibleValues(): string[] {
    return gas(this._state.visible ? [...this._state.visible] : null);
  }
  /** Whether a row with this value in the filtered column is hidden. */
  _hides(value: CellValue, sheet: SheetDouble, row: number, column: number): boolean {
    const text = displayValue(value, undefined, sheet._book._where);
    if (this._state.hidden?.includes(text)) return true;
    if (this._state.visible && !this._state.visible.includes(text)) return true;
    const c = this._state.criterion;
    return c !== null && !meets(c, value, sheet, { row, column, origin: { row, column, numRows: 1, numColumns: 1 } });
  }
}
describeDouble(FilterCriteriaDouble, { type: 'FilterCriteria', service: 'SpreadsheetApp' });

function cloneCriteria(s: FilterCriteriaState): FilterCriteriaState {
  return {
    hidden: s.hidden ? [...s.hidden] : null,
    visible: s.visible ? [...s.visible] : null,
    criterion: s.criterion ? { ...s.criterion } : null,
  };
}

type CriteriaBuilderApi = GoogleAppsScript.Spreadsheet.FilterCriteriaBuilder;
export class FilterCriteriaBuilderDouble
  implements
    Pick<
      CriteriaBuilderApi,
      | 'build'
      | 'copy'
      | 'getCriteriaType'
      | 'getCriteriaValues'
      | 'getHiddenValues'
      | 'getVisibleValues'
      | 'setHiddenValues'
      | 'setVisibleValues'
      | 'whenCellEmpty'
      | 'whenCellNotEmpty'
      | 'whenNumberGreaterThan'
      | 'whenNumberLessThan'
      | 'whenTextContains'
      | 'whenTextDoesNotContain'
      | 'whenTextEqualTo'
      | 'whenTextStartsWith'
      | 'whenFormulaSatisfied'
    >
{
  readonly #state: FilterCriteriaState;
  constructor(state?: FilterCriteriaState) {
    this.#state = state ?? { hidden: null, visible: null, criterion: null };
  }
  #when(type: string, values: unknown[]): CriteriaBuilderApi {
    this.#state.criterion = { type, values };
    return gas(this);
  }
  build(): GoogleAppsScript.Spreadsheet.FilterCriteria {
    return gas(new FilterCriteriaDouble(cloneCriteria(this.#state)));
  }
  copy(): CriteriaBuilderApi {
    return gas(new FilterCriteriaBuilderDouble(cloneCriteria(this.#state)));
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    return gas(this.#state.criterion ? enumValue(BooleanCriteria, this.#state.criterion.type) : null);
  }
  getCriteriaValues(): any[] {
    return this.#state.criterion ? [...this.#state.criterion.values] : [];
  }
  getHiddenValues(): string[] {
    return gas(this.#state.hidden ? [...this.#state.hidden] : null);
  }
  getVisibleValues(): string[] {
    return gas(this.#state.visible ? [...this.#state.visible] : null);
  }
  setHiddenValues(values: string[]): CriteriaBuilderApi {
    this.#state.hidden = values.map(String);
    return gas(this);
  }
  setVisibleValues(values: string[]): CriteriaBuilderApi {
    this.#state.visible = values.map(String);
    return gas(this);
  }
  whenCellEmpty(): CriteriaBuilderApi {
    return this.#when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): CriteriaBuilderApi {
    return this.#when('CELL_NOT_EMPTY', []);
  }
  whenNumberGreaterThan(number: number): CriteriaBuilderApi {
    return this.#when('NUMBER_GREATER_THAN', [number]);
  }
  whenNumberLessThan(number: number): CriteriaBuilderApi {
    return this.#when('NUMBER_LESS_THAN', [number]);
  }
  whenTextContains(text: string): CriteriaBuilderApi {
    return this.#when('TEXT_CONTAINS', [text]);
  }
  whenTextDoesNotContain(text: string): CriteriaBuilderApi {
    return this.#when('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  whenTextEqualTo(text: string): CriteriaBuilderApi {
    return this.#when('TEXT_EQUAL_TO', [text]);
  }
  whenTextStartsWith(text: string): CriteriaBuilderApi {
    return this.#when('TEXT_STARTS_WITH', [text]);
  }
  whenFormulaSatisfied(formula: string): CriteriaBuilderApi {
    return this.#when('CUSTOM_FORMULA', [formula]);
  }
}
describeDouble(FilterCriteriaBuilderDouble, { type: 'FilterCriteriaBuilder', service: 'SpreadsheetApp' });

/** The sheet's filter: its range (header row first) and per-column criteria; rows failing them are hidden. */
export class FilterDouble
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.Filter,
      'getColumnFilterCriteria' | 'getRange' | 'remove' | 'removeColumnFilterCriteria' | 'setColumnFilterCriteria' | 'sort'
    >
{
  readonly _anchor: Anchor;
  readonly _criteria = new Map<number, FilterCriteriaDouble>();
  constructor(anchor: Anchor) {
    this._anchor = anchor;
  }
  #column(columnPosition: number): number {
    const r = this._anchor.rect;
    if (columnPosition < r.column || columnPosition >= r.column + r.numColumns) {
      throw new AppsScriptException(`The column position ${columnPosition} is outside the range of the filter.`);
    }
    return columnPosition;
  }
  getColumnFilterCriteria(columnPosition: number): GoogleAppsScript.Spreadsheet.FilterCriteria | null {
    return gas(this._criteria.get(this.#column(columnPosition)) ?? null);
  }
  getRange(): GoogleAppsScript.Spreadsheet.Range {
    return gas(this._anchor.sheet._range(this._anchor.rect));
  }
  remove(): void {
    this._criteria.clear();
    this._apply();
    this._anchor.gone = true;
    this._anchor.sheet._removeFilter(this);
  }
  removeColumnFilterCriteria(columnPosition: number): GoogleAppsScript.Spreadsheet.Filter {
    this._criteria.delete(this.#column(columnPosition));
    this._apply();
    return gas(this);
  }
  setColumnFilterCriteria(
    columnPosition: number,
    filterCriteria: GoogleAppsScript.Spreadsheet.FilterCriteria | null,
  ): GoogleAppsScript.Spreadsheet.Filter {
    const column = this.#column(columnPosition);
    if (filterCriteria === null) this._criteria.delete(column);
    else if (filterCriteria instanceof FilterCriteriaDouble) this._criteria.set(column, filterCriteria);
    else throw new AppsScriptException('Invalid argument: filterCriteria');
    this._apply();
    return gas(this);
  }
  sort(columnPosition: number, ascending: boolean): GoogleAppsScript.Spreadsheet.Filter {
    const r = this._anchor.rect;
    if (r.numRows > 1)
      this._anchor.sheet._sortRows({ ...r, row: r.row + 1, numRows: r.numRows - 1 }, [{ column: this.#column(columnPosition), ascending }]);
    return gas(this);
  }
  /** Hides the rows (below the header) that some column's criteria reject; shows the others. */
  _apply(): void {
    const { sheet, rect } = this._anchor;
    for (let row = rect.row + 1; row < rect.row + rect.numRows; row++) {
      let hidden = false;
      for (const [column, criteria] of this._criteria) if (criteria._hides(sheet._value(row, column), sheet, row, column)) hidden = true;
      sheet._rowState(row, hidden).hiddenByFilter = hidden;
    }
  }
}
describeDouble(FilterDouble, { type: 'Filter', service: 'SpreadsheetApp' });

// ---------------------------------------------------------------- protections

export class ProtectionDouble
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.Protection,
      | 'addEditor'
      | 'addEditors'
      | 'canDomainEdit'
      | 'canEdit'
      | 'getDescription'
      | 'getEditors'
      | 'getProtectionType'
      | 'getRange'
      | 'getUnprotectedRanges'
      | 'isWarningOnly'
      | 'remove'
      | 'removeEditor'
      | 'removeEditors'
      | 'setDescription'
      | 'setDomainEdit'
      | 'setRange'
      | 'setUnprotectedRanges'
      | 'setWarningOnly'
    >
{
  readonly _anchor: Anchor;
  readonly _type: 'RANGE' | 'SHEET';
  _description = '';
  _warningOnly = false;
  _editors: string[];
  _domainEdit = true;
  _unprotected: Anchor[] = [];
  constructor(anchor: Anchor, type: 'RANGE' | 'SHEET', owner: string) {
    this._anchor = anchor;
    this._type = type;
    this._editors = [owner];
  }
  addEditor(emailAddressOrUser: string | GoogleAppsScript.Base.User): GoogleAppsScript.Spreadsheet.Protection {
    this.#warningOnlyForbids('addEditor');
    const email = typeof emailAddressOrUser === 'string' ? emailAddressOrUser : emailAddressOrUser.getEmail();
    if (!this._editors.includes(email)) this._editors.push(email);
    return gas(this);
  }
  addEditors(emailAddresses: (string | GoogleAppsScript.Base.User)[]): GoogleAppsScript.Spreadsheet.Protection {
    for (const e of emailAddresses) this.addEditor(e);
    return gas(this);
  }
  canDomainEdit(): boolean {
    return this._domainEdit;
  }
  canEdit(): boolean {
    return true;
  }
  getDescription(): string {
    return this._description;
  }
  getEditors(): GoogleAppsScript.Base.User[] {
    return this._editors.map((e) => gas(new ProtectionEditorDouble(e)));
  }
  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return gas(enumValue(ProtectionType, this._type));
  }
  getRange(): GoogleAppsScript.Spreadsheet.Range {
    return gas(this._anchor.sheet._range(this._anchor.rect));
  }
  getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._unprotected.filter((a) => !a.gone).map((a) => gas(a.sheet._range(a.rect)));
  }
  isWarningOnly(): boolean {
    return this._warningOnly;
  }
  remove(): void {
    this._anchor.gone = true;
    this._anchor.sheet._removeProtection(this);
  }
  removeEditor(emailAddressOrUser: string | GoogleAppsScript.Base.User): GoogleAppsScript.Spreadsheet.Protection {
    const email = typeof emailAddressOrUser === 'string' ? emailAddressOrUser : emailAddressOrUser.getEmail();
    this._editors = this._editors.filter((e) => e !== email);
    return gas(this);
  }
  removeEditors(emailAddresses: (string | GoogleAppsScript.Base.User)[]): GoogleAppsScript.Spreadsheet.Protection {
    for (const e of emailAddresses) this.removeEditor(e);
    return gas(this);
  }
  setDescription(description: string): GoogleAppsScript.Spreadsheet.Protection {
    this._description = String(description);
    return gas(this);
  }
  setDomainEdit(editable: boolean): GoogleAppsScript.Spreadsheet.Protection {
    this.#warningOnlyForbids('setDomainEdit');
    this._domainEdit = Boolean(editable);
    return gas(this);
  }
  setRange(range: GoogleAppsScript.Spreadsheet.Range): GoogleAppsScript.Spreadsheet.Protection {
    const r = ownRange(range);
    if (r._sheet !== this._anchor.sheet) throw new AppsScriptException('The range must be on the same sheet as the protection.');
    this._anchor.rect = { ...r._rect };
    return gas(this);
  }
  setUnprotectedRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): GoogleAppsScript.Spreadsheet.Protection {
    if (this._type !== 'SHEET') throw new AppsScriptException('Unprotected ranges can only be set on a sheet protection.');
    for (const a of this._unprotected) a.gone = true;
    this._unprotected = ranges.map((r) => this._anchor.sheet._anchor(ownRange(r)._rect));
    return gas(this);
  }
  setWarningOnly(warningOnly: boolean): GoogleAppsScript.Spreadsheet.Protection {
    this._warningOnly = Boolean(warningOnly);
    return gas(this);
  }
  #warningOnlyForbids(method: string): void {
    if (this._warningOnly) throw new AppsScriptException(`You can't call ${method} on a warning-only protection.`);
  }
  /** Whether a cell falls under this protection (a sheet protection minus its unprotected ranges). */
  _covers(row: number, column: number): boolean {
    if (this._anchor.gone || !contains(this._anchor.rect, row, column)) return false;
    return !this._unprotected.some((a) => !a.gone && contains(a.rect, row, column));
  }
}
describeDouble(ProtectionDouble, { type: 'Protection', service: 'SpreadsheetApp' });

/** A user listed as a protection's editor. */
export class ProtectionEditorDouble implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  readonly #email: string;
  constructor(email: string) {
    this.#email = email;
  }
  getEmail(): string {
    return this.#email;
  }
}
describeDouble(ProtectionEditorDouble, { type: 'User', service: 'SpreadsheetApp' });
