// Sheets the add-on writes for reading (a rotation plan, statements, the audit log, the
// dashboard's tables): found by developer metadata, rewritten whole on each run in a constant
// number of calls (clear, formats, one setValues, bold and tints), and protected so nobody mistakes
// them for a form. A heading says what the sheet shows; blocks of header + rows follow one another.
import type { Messages } from '../messages.ts';
import type { ActionContext } from '../workspace/session.ts';
import { columnLetter } from './cell-values.ts';
import { findManagedSheet } from './managed-sheet.ts';
import { sheetMetadataKey } from './table-spec.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type ReportCell = string | number | boolean | null;

export type ReportBlock = {
  id: string;
  /** A bold line above the header. */
  title?: string;
  header: string[];
  rows: ReportCell[][];
  /** Number format per column ('#,##0.00 "₽"', '0', '0.0%'); text ('@') where none is given, so nothing typed-looking is converted. */
  formats?: ReadonlyArray<string | null>;
};

export type Report = { heading: string[]; blocks: ReportBlock[] };

/** Where a block landed: its header row and its data rows (none when `lastRow < firstRow`), and its width. */
export type PlacedBlock = { headerRow: number; firstRow: number; lastRow: number; width: number };

export type ReportSheetSpec = { id: string; title: (m: Messages) => string };

/**
 * `locked`: a closed record (a closed month). The sheet is protected for real, the person running
 * the add-on being its only editor, instead of the warning every report sheet carries.
 */
export type ReportOptions = { locked?: { description: string }; tint?: string; freezeHeader?: boolean };

const headerTint = '#f1f3f4';
const textFormat = '@';

export function reportSheet(session: ActionContext, spec: ReportSheetSpec): Sheet {
  const found = findManagedSheet(session.spreadsheet, spec);
  if (found) return found;
  let title = spec.title(session.m);
  for (let n = 2; session.spreadsheet.getSheetByName(title); n++) title = `${spec.title(session.m)} (${n})`;
  const sheet = session.spreadsheet.insertSheet(title);
  sheet.addDeveloperMetadata(sheetMetadataKey, spec.id);
  return sheet;
}

/** Rows of the sheet as the report lays them out, and where each block goes. */
export function layOut(report: Report): { matrix: ReportCell[][]; width: number; placed: Record<string, PlacedBlock> } {
  const width = Math.max(1, ...report.blocks.map((b) => b.header.length));
  const line = (cells: ReportCell[]) => [...cells, ...new Array<ReportCell>(width - cells.length).fill('')];
  const matrix: ReportCell[][] = report.heading.map((h) => line([h]));
  const placed: Record<string, PlacedBlock> = {};
  for (const block of report.blocks) {
    matrix.push(line([]));
    if (block.title !== undefined) matrix.push(line([block.title]));
    matrix.push(line(block.header));
    const headerRow = matrix.length;
    for (const row of block.rows) matrix.push(line(row.map((v) => v ?? '')));
    placed[block.id] = { headerRow, firstRow: headerRow + 1, lastRow: matrix.length, width: block.header.length };
  }
  return { matrix, width, placed };
}

function protect(sheet: Sheet, session: ActionContext, options: ReportOptions): void {
  const mine = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).filter((p) => p.getDescription().startsWith('clientbase'));
  const protection = mine[0] ?? sheet.protect();
  for (const extra of mine.slice(1)) extra.remove();
  if (options.locked) {
    protection.setDescription(`clientbase: ${options.locked.description}`).setWarningOnly(false);
    const others = protection.getEditors().filter((u) => u.getEmail() !== session.email);
    if (others.length > 0) protection.removeEditors(others);
    if (session.email) protection.addEditor(session.email);
  } else {
    protection.setDescription(`clientbase: ${session.m.admin.reportProtection}`).setWarningOnly(true);
  }
}

/** Rewrites the sheet with the report; cells it wrote before and no longer needs are cleared. */
export function writeReport(
  session: ActionContext,
  spec: ReportSheetSpec,
  report: Report,
  options: ReportOptions = {},
): { sheet: Sheet; placed: Record<string, PlacedBlock> } {
  const sheet = reportSheet(session, spec);
  const { matrix, width, placed } = layOut(report);
  const previous = { rows: sheet.getLastRow(), columns: sheet.getLastColumn() };
  if (previous.rows > 0 && previous.columns > 0) sheet.getRange(1, 1, previous.rows, Math.max(previous.columns, width)).clear();
  if (sheet.getMaxRows() < matrix.length) sheet.insertRowsAfter(sheet.getMaxRows(), matrix.length - sheet.getMaxRows());
  if (sheet.getMaxColumns() < width) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  const area = sheet.getRange(1, 1, matrix.length, width);
  // Formats first: a value written into a cell is read as typing unless the cell is plain text.
  area.setNumberFormat(textFormat);
  const byFormat = new Map<string, string[]>();
  for (const block of report.blocks) {
    const p = placed[block.id]!;
    if (p.lastRow < p.firstRow) continue;
    block.formats?.forEach((format, i) => {
      if (format && format !== textFormat)
        byFormat.set(format, [...(byFormat.get(format) ?? []), `${columnLetter(i + 1)}${p.firstRow}:${columnLetter(i + 1)}${p.lastRow}`]);
    });
  }
  for (const [format, ranges] of byFormat) sheet.getRangeList(ranges).setNumberFormat(format);
  area.setValues(matrix as unknown as unknown[][]);
  const headers = report.blocks.map(
    (b) => `A${placed[b.id]!.headerRow}:${columnLetter(Math.max(b.header.length, 1))}${placed[b.id]!.headerRow}`,
  );
  const titles = report.blocks.flatMap((b) => (b.title !== undefined ? [`A${placed[b.id]!.headerRow - 1}`] : []));
  sheet.getRangeList(['A1', ...titles, ...headers]).setFontWeight('bold');
  if (headers.length > 0) sheet.getRangeList(headers).setBackground(headerTint);
  if (options.tint) {
    const bodies = Object.values(placed)
      .filter((p) => p.lastRow >= p.firstRow)
      .map((p) => `A${p.firstRow}:${columnLetter(p.width)}${p.lastRow}`);
    if (bodies.length > 0) sheet.getRangeList(bodies).setBackground(options.tint);
  }
  if (options.freezeHeader && report.blocks.length === 1) sheet.setFrozenRows(placed[report.blocks[0]!.id]!.headerRow);
  protect(sheet, session, options);
  return { sheet, placed };
}
