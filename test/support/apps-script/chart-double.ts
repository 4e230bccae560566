import { a1Of, type Rect } from './a1-notation.ts';
import { AppsScriptException, enumName, enumOf, gas } from './gas-types.ts';
import { ownRange } from './range-double.ts';
import type { Anchor } from './sheet-rules-double.ts';
import type { SheetDouble } from './sheet-double.ts';
import { describeDouble } from './vm-bridge.ts';

// Test doubles of embedded charts: the builder records the chart type, data ranges, options (title,
// stacking, axis titles…) and position, so tests can assert what the add-on asked Sheets to draw.
// Nothing is drawn.

type C = typeof GoogleAppsScript.Charts;
export const ChartType = enumOf<C['ChartType']>('ChartType', [
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
]);
export const ChartMergeStrategy = enumOf<C['ChartMergeStrategy']>('ChartMergeStrategy', ['MERGE_COLUMNS', 'MERGE_ROWS']);
export const ChartHiddenDimensionStrategy = enumOf<C['ChartHiddenDimensionStrategy']>('ChartHiddenDimensionStrategy', [
  'IGNORE_BOTH',
  'IGNORE_ROWS',
  'IGNORE_COLUMNS',
  'SHOW_BOTH',
]);
export const LegendPosition = enumOf<C['Position']>('Position', ['TOP', 'RIGHT', 'BOTTOM', 'NONE']);

/** The `Charts` service as far as embedded charts need it: its enums. */
export class ChartsDouble
  implements Pick<GoogleAppsScript.Charts.Charts, 'ChartType' | 'ChartMergeStrategy' | 'ChartHiddenDimensionStrategy' | 'Position'>
{
  ChartType = ChartType;
  ChartMergeStrategy = ChartMergeStrategy;
  ChartHiddenDimensionStrategy = ChartHiddenDimensionStrategy;
  Position = LegendPosition;
}
describeDouble(ChartsDouble, { type: 'Charts', service: 'Charts' });

export type ChartPosition = { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
type ChartState = {
  id: string | null;
  type: string | null;
  ranges: Anchor[];
  options: Record<string, unknown>;
  position: ChartPosition;
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string;
  hiddenDimensionStrategy: string;
};

/** What a test reads about a chart. */
export type ChartRecord = { id: string; type: string | null; ranges: string[]; options: Record<string, unknown>; position: ChartPosition };

function cloneChart(s: ChartState, sheet: SheetDouble): ChartState {
  return {
    ...s,
    ranges: s.ranges.filter((a) => !a.gone).map((a) => sheet._anchor(a.rect)),
    options: { ...s.options },
    position: { ...s.position },
  };
}

type BuilderApi = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
export class EmbeddedChartBuilderDouble
  implements
    Pick<
      BuilderApi,
      | 'addRange'
      | 'asAreaChart'
      | 'asBarChart'
      | 'asColumnChart'
      | 'asComboChart'
      | 'asHistogramChart'
      | 'asLineChart'
      | 'asPieChart'
      | 'asScatterChart'
      | 'asTableChart'
      | 'build'
      | 'clearRanges'
      | 'getChartType'
      | 'getRanges'
      | 'removeRange'
      | 'setChartType'
      | 'setHiddenDimensionStrategy'
      | 'setMergeStrategy'
      | 'setNumHeaders'
      | 'setOption'
      | 'setPosition'
      | 'setTransposeRowsAndColumns'
    >
{
  readonly #sheet: SheetDouble;
  readonly #state: ChartState;
  constructor(sheet: SheetDouble, state?: ChartState) {
    this.#sheet = sheet;
    this.#state = state ?? {
      id: null,
      type: null,
      ranges: [],
      options: {},
      position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 },
      numHeaders: -1,
      transpose: false,
      mergeStrategy: 'MERGE_COLUMNS',
      hiddenDimensionStrategy: 'IGNORE_BOTH',
    };
  }
  #as(type: string): any {
    this.#state.type = type;
    return this;
  }
  addRange(range: GoogleAppsScript.Spreadsheet.Range): BuilderApi {
    const r = ownRange(range);
    this.#state.ranges.push(r._sheet._anchor(r._rect));
    return gas(this);
  }
  asAreaChart(): GoogleAppsScript.Spreadsheet.EmbeddedAreaChartBuilder {
    return this.#as('AREA');
  }
  asBarChart(): GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder {
    return this.#as('BAR');
  }
  asColumnChart(): GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder {
    return this.#as('COLUMN');
  }
  asComboChart(): GoogleAppsScript.Spreadsheet.EmbeddedComboChartBuilder {
    return this.#as('COMBO');
  }
  asHistogramChart(): GoogleAppsScript.Spreadsheet.EmbeddedHistogramChartBuilder {
    return this.#as('HISTOGRAM');
  }
  asLineChart(): GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder {
    return this.#as('LINE');
  }
  asPieChart(): GoogleAppsScript.Spreadsheet.EmbeddedPieChartBuilder {
    return this.#as('PIE');
  }
  asScatterChart(): GoogleAppsScript.Spreadsheet.EmbeddedScatterChartBuilder {
    return this.#as('SCATTER');
  }
  asTableChart(): GoogleAppsScript.Spreadsheet.EmbeddedTableChartBuilder {
    return this.#as('TABLE');
  }
  build(): GoogleAppsScript.Spreadsheet.EmbeddedChart {
    if (this.#state.type === null) throw new AppsScriptException('You must set a chart type before building the chart.');
    if (this.#state.ranges.length === 0) throw new AppsScriptException('You must add at least one range to the chart.');
    return gas(new EmbeddedChartDouble(this.#sheet, cloneChart(this.#state, this.#sheet)));
  }
  clearRanges(): BuilderApi {
    this.#state.ranges = [];
    return gas(this);
  }
  getChartType(): GoogleAppsScript.Charts.ChartType {
    return gas(this.#state.type === null ? null : (ChartType as unknown as Record<string, unknown>)[this.#state.type]);
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.#state.ranges.filter((a) => !a.gone).map((a) => gas(a.sheet._range(a.rect)));
  }
  removeRange(range: GoogleAppsScript.Spreadsheet.Range): BuilderApi {
    const r = ownRange(range);
    this.#state.ranges = this.#state.ranges.filter((a) => a.sheet !== r._sheet || a1Of(a.rect) !== a1Of(r._rect));
    return gas(this);
  }
  setChartType(type: GoogleAppsScript.Charts.ChartType): BuilderApi {
    this.#state.type = enumName(type, 'ChartType');
    return gas(this);
  }
  setHiddenDimensionStrategy(strategy: GoogleAppsScript.Charts.ChartHiddenDimensionStrategy): BuilderApi {
    this.#state.hiddenDimensionStrategy = enumName(strategy, 'ChartHiddenDimensionStrategy');
    return gas(this);
  }
  setMergeStrategy(mergeStrategy: GoogleAppsScript.Charts.ChartMergeStrategy): BuilderApi {
    this.#state.mergeStrategy = enumName(mergeStrategy, 'ChartMergeStrategy');
    return gas(this);
  }
  setNumHeaders(headers: number): BuilderApi {
    this.#state.numHeaders = headers;
    return gas(this);
  }
  setOption(option: string, value: any): BuilderApi {
    this.#state.options[option] = value;
    return gas(this);
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): BuilderApi {
    this.#state.position = { anchorRow: anchorRowPos, anchorColumn: anchorColPos, offsetX, offsetY };
    return gas(this);
  }
  setTransposeRowsAndColumns(transpose: boolean): BuilderApi {
    this.#state.transpose = Boolean(transpose);
    return gas(this);
  }
  // What the typed builders (asColumnChart()…) add, recorded as the options Sheets stores them under.
  setTitle(title: string): BuilderApi {
    return this.setOption('title', title);
  }
  setStacked(): BuilderApi {
    return this.setOption('isStacked', true);
  }
  setXAxisTitle(title: string): BuilderApi {
    return this.setOption('hAxis.title', title);
  }
  setYAxisTitle(title: string): BuilderApi {
    return this.setOption('vAxis.title', title);
  }
  setLegendPosition(position: GoogleAppsScript.Charts.Position): BuilderApi {
    return this.setOption('legend.position', enumName(position, 'Position').toLowerCase());
  }
  setColors(cssValues: string[]): BuilderApi {
    return this.setOption('colors', [...cssValues]);
  }
  setRange(start: number, end: number): BuilderApi {
    return this.setOption('vAxis.viewWindow', { min: start, max: end });
  }
  reverseCategories(): BuilderApi {
    return this.setOption('hAxis.direction', -1);
  }
  set3D(): BuilderApi {
    return this.setOption('is3D', true);
  }
}
describeDouble(EmbeddedChartBuilderDouble, { type: 'EmbeddedChartBuilder', service: 'SpreadsheetApp' });

let nextChartId = 1;

export class EmbeddedChartDouble
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.EmbeddedChart,
      | 'getChartId'
      | 'getContainerInfo'
      | 'getHiddenDimensionStrategy'
      | 'getMergeStrategy'
      | 'getNumHeaders'
      | 'getOptions'
      | 'getRanges'
      | 'getTransposeRowsAndColumns'
      | 'modify'
    >
{
  readonly _sheet: SheetDouble;
  readonly _state: ChartState;
  constructor(sheet: SheetDouble, state: ChartState) {
    this._sheet = sheet;
    this._state = state;
  }
  getChartId(): number | null {
    return this._state.id === null ? null : Number(this._state.id.replace(/\D/g, ''));
  }
  getContainerInfo(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    return gas(new ContainerInfoDouble(this._state.position));
  }
  getHiddenDimensionStrategy(): GoogleAppsScript.Charts.ChartHiddenDimensionStrategy {
    return gas((ChartHiddenDimensionStrategy as unknown as Record<string, unknown>)[this._state.hiddenDimensionStrategy]);
  }
  getMergeStrategy(): GoogleAppsScript.Charts.ChartMergeStrategy {
    return gas((ChartMergeStrategy as unknown as Record<string, unknown>)[this._state.mergeStrategy]);
  }
  getNumHeaders(): number {
    return this._state.numHeaders;
  }
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    return gas(new ChartOptionsDouble(this._state.options));
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._state.ranges.filter((a) => !a.gone).map((a) => gas(a.sheet._range(a.rect)));
  }
  getTransposeRowsAndColumns(): boolean {
    return this._state.transpose;
  }
  modify(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return gas(new EmbeddedChartBuilderDouble(this._sheet, cloneChart(this._state, this._sheet)));
  }
  /** Gives the chart its id when it is inserted into the sheet. */
  _inserted(): void {
    this._state.id ??= `chart-${nextChartId++}`;
  }
  _record(): ChartRecord {
    return {
      id: this._state.id ?? '',
      type: this._state.type,
      ranges: this._state.ranges.filter((a) => !a.gone).map((a) => `${a.sheet._name}!${a1Of(a.rect as Rect)}`),
      options: { ...this._state.options },
      position: { ...this._state.position },
    };
  }
}
describeDouble(EmbeddedChartDouble, { type: 'EmbeddedChart', service: 'SpreadsheetApp' });

export class ChartOptionsDouble implements Pick<GoogleAppsScript.Charts.ChartOptions, 'get'> {
  readonly #options: Record<string, unknown>;
  constructor(options: Record<string, unknown>) {
    this.#options = options;
  }
  get(option: string): any {
    return this.#options[option] ?? null;
  }
  getOrDefault(option: string): any {
    return this.#options[option] ?? null;
  }
}
describeDouble(ChartOptionsDouble, { type: 'ChartOptions', service: 'SpreadsheetApp' });

export class ContainerInfoDouble
  implements Pick<GoogleAppsScript.Spreadsheet.ContainerInfo, 'getAnchorColumn' | 'getAnchorRow' | 'getOffsetX' | 'getOffsetY'>
{
  readonly #position: ChartPosition;
  constructor(position: ChartPosition) {
    this.#position = position;
  }
  getAnchorColumn(): number {
    return this.#position.anchorColumn;
  }
  getAnchorRow(): number {
    return this.#position.anchorRow;
  }
  getOffsetX(): number {
    return this.#position.offsetX;
  }
  getOffsetY(): number {
    return this.#position.offsetY;
  }
}
describeDouble(ContainerInfoDouble, { type: 'ContainerInfo', service: 'SpreadsheetApp' });
