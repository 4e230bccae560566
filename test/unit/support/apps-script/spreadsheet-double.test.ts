import { describe, expect, it } from 'vitest';
import { SpreadsheetDouble } from '../../../support/apps-script/spreadsheet-double.ts';
import { UiDouble } from '../../../support/apps-script/ui-double.ts';
import { SpreadsheetAppDouble } from '../../../support/apps-script/spreadsheet-double.ts';

// The spreadsheet double must behave like Sheets wherever the add-on relies on it: these tests pin
// those behaviours (sorting, inserting, deleting, metadata, formulas, Sheets' own error messages).

function book(): { ss: SpreadsheetDouble; app: SpreadsheetAppDouble; sheet: GoogleAppsScript.Spreadsheet.Sheet } {
  const ss = new SpreadsheetDouble({ ui: new UiDouble(), owner: () => 'anna@example.com', today: () => new Date('2026-03-10T09:00:00Z') });
  const app = new SpreadsheetAppDouble(ss, () => false);
  const sheet = ss.insertSheet('Clients');
  return { ss, app, sheet };
}

/** A header and three clients; column D is the user's own formula. */
function clients() {
  const b = book();
  b.sheet.getRange('A1:C4').setValues([
    ['id', 'name', 'deals'],
    ['c1', 'Vera', 3],
    ['c2', 'Anna', 1],
    ['c3', 'Boris', 2],
  ]);
  b.sheet.setFrozenRows(1);
  b.sheet.getRange('D1').setValue('double');
  b.sheet.getRange('D2:D4').setFormulas([['=C2*2'], ['=C3*2'], ['=C4*2']]);
  b.sheet.getRange('B2').setNote('call back');
  b.sheet.getRange('A3:D3').setBackground('#FFF2CC');
  return b;
}

describe('the spreadsheet double', () => {
  it('moves values, notes, backgrounds and formulas together when the sheet is sorted, header kept', () => {
    const { ss, sheet } = clients();
    ss.userSort('Clients', 'B');
    expect(ss.grid('Clients')).toEqual([
      ['id', 'name', 'deals', 'double'],
      ['c2', 'Anna', 1, 2],
      ['c3', 'Boris', 2, 4],
      ['c1', 'Vera', 3, 6],
    ]);
    expect(ss.formulas('Clients').map((r) => r[3])).toEqual(['', '=C2*2', '=C3*2', '=C4*2']);
    expect(ss.notes('Clients')[3]![1]).toBe('call back');
    expect(ss.backgrounds('Clients')[1]).toEqual(['#fff2cc', '#fff2cc', '#fff2cc', '#fff2cc']);
    sheet.sort(3, false);
    expect(ss.grid('Clients').map((r) => r[0])).toEqual(['id', 'c1', 'c3', 'c2']);
  });

  it('sorts only the columns of a sorted range, leaving the others where they were (as Sheets does)', () => {
    const { ss, sheet } = clients();
    sheet.getRange('E2:E4').setValues([['x'], ['y'], ['z']]);
    sheet.getRange('A2:C4').sort({ column: 2, ascending: true });
    expect(ss.grid('Clients').map((r) => [r[1], r[4]])).toEqual([
      ['name', ''],
      ['Anna', 'x'],
      ['Boris', 'y'],
      ['Vera', 'z'],
    ]);
  });

  it('keeps rows and formulas attached when rows are inserted or deleted above them', () => {
    const { ss, sheet } = clients();
    sheet.getRange('F2').setFormula('=SUM(C2:C4)');
    sheet.insertRowsBefore(3, 2);
    expect(ss.grid('Clients').map((r) => r[0])).toEqual(['id', 'c1', '', '', 'c2', 'c3']);
    expect(ss.formulas('Clients')[4]![3]).toBe('=C5*2');
    expect(ss.formulas('Clients')[1]![5]).toBe('=SUM(C2:C6)');
    expect(sheet.getRange('F2').getValue()).toBe(6);
    sheet.deleteRows(2, 1);
    expect(ss.grid('Clients').map((r) => r[0])).toEqual(['id', '', '', 'c2', 'c3']);
    expect(ss.formulas('Clients')[3]![3]).toBe('=C4*2');
    expect(ss.grid('Clients')[3]![3]).toBe(2);
  });

  it('gives inserted rows the formats and validation of the row above, not its content', () => {
    const { app, ss, sheet } = clients();
    sheet.getRange('C3').setDataValidation(app.newDataValidation().requireNumberGreaterThanOrEqualTo(0).build());
    sheet.insertRowsAfter(3, 1);
    expect(ss.cell('Clients', 'A4')).toMatchObject({ value: '', note: '', background: '#fff2cc' });
    expect(ss.cell('Clients', 'C4').validation).toMatchObject({ criteria: 'NUMBER_GREATER_THAN_OR_EQUAL_TO' });
  });

  it('knows a selection of several ranges, the last one active', () => {
    const { ss } = clients();
    ss.userSelect('Clients', 'A2:B2', 'A4');
    expect(
      ss
        .getActiveRangeList()!
        .getRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A2:B2', 'A4']);
    expect(ss.getActiveRange()!.getA1Notation()).toBe('A4');
  });

  it('writes #REF! into a formula whose cell was deleted', () => {
    const { ss, sheet } = clients();
    sheet.getRange('E2').setFormula('=C3+1');
    sheet.deleteRow(3);
    expect(ss.formulas('Clients')[1]![4]).toBe('=#REF!+1');
  });

  it('moves column developer metadata with its column, and forgets it with a deleted column', () => {
    const { ss, sheet } = clients();
    sheet.getRange('B:B').addDeveloperMetadata('clientbase.column', 'name');
    sheet.getRange('C:C').addDeveloperMetadata('clientbase.column', 'deals');
    ss.userInsertColumnBefore('Clients', 'A');
    ss.userMoveColumn('Clients', 'D', 'B');
    const found = sheet.createDeveloperMetadataFinder().withKey('clientbase.column').find();
    expect(found.map((m) => [m.getValue(), m.getLocation().getColumn()!.getColumn()]).sort()).toEqual([
      ['deals', 2],
      ['name', 4],
    ]);
    expect(sheet.getRange(1, 2).getValue()).toBe('deals');
    sheet.deleteColumn(4);
    expect(ss.columnMetadata('Clients')).toEqual([{ key: 'clientbase.column', value: 'deals', column: 2 }]);
  });

  it('refuses developer metadata on a part of a column, with Apps Script message', () => {
    const { sheet } = clients();
    expect(() => sheet.getRange('B1:B4').addDeveloperMetadata('k')).toThrow(
      /Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column/,
    );
  });

  it("throws Apps Script's own messages when a block does not fit its range", () => {
    const { sheet } = clients();
    expect(() => sheet.getRange('A2:B3').setValues([['x', 'y']])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange('A2:B3').setValues([['x'], ['y']])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
  });

  it('reads written strings as Sheets reads typing, unless the cell is plain text', () => {
    const { ss, sheet } = clients();
    sheet.getRange('A6:E6').setValues([['0123', '2025-01-10', 'TRUE', '=LEN(A2)', "'=not a formula"]]);
    const row = sheet.getRange('A6:E6').getValues()[0]!;
    expect(row[0]).toBe(123);
    expect(row[1]).toBeInstanceOf(Date);
    expect((row[1] as Date).toISOString()).toBe('2025-01-09T21:00:00.000Z');
    expect(row[2]).toBe(true);
    expect(row[3]).toBe(2);
    expect(row[4]).toBe('=not a formula');
    sheet.getRange('A7').setNumberFormat('@').setValue('0123');
    expect(sheet.getRange('A7').getValue()).toBe('0123');
    expect(ss.cell('Clients', 'B6').display).toBe('2025-01-10');
  });

  it('refuses a value a rejecting data validation forbids, and keeps the cell as it was', () => {
    const { app, ss, sheet } = clients();
    const rule = app.newDataValidation().requireValueInList(['person', 'company'], true).setAllowInvalid(false).build();
    sheet.getRange('E2:E4').setDataValidation(rule);
    sheet.getRange('E2').setValue('person');
    expect(() => sheet.getRange('E2:E3').setValues([['company'], ['alien']])).toThrow(
      'The data you entered in cell E3 violates the data validation rules set on this cell.',
    );
    expect(sheet.getRange('E2:E3').getValues()).toEqual([['person'], ['']]);
    expect(ss.cell('Clients', 'E4').validation).toEqual({
      criteria: 'VALUE_IN_LIST',
      values: [['person', 'company'], true],
      allowInvalid: false,
    });
  });

  it('hides filtered rows without touching their values', () => {
    const { ss, sheet } = clients();
    ss.userFilter('Clients', 'B', ['Anna']);
    expect([2, 3, 4].map((r) => sheet.isRowHiddenByFilter(r))).toEqual([false, true, false]);
    expect(ss.grid('Clients').length).toBe(4);
    ss.userRemoveFilter('Clients');
    expect(sheet.isRowHiddenByFilter(3)).toBe(false);
  });

  it('shifts protections and conditional formats with inserted rows, and warns a person editing a warning-only range', () => {
    const { app, ss, sheet } = clients();
    sheet.getRange('A2:A4').protect().setWarningOnly(true).setDescription('system column');
    const rule = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$C2>2')
      .setBackground('#f4cccc')
      .setRanges([sheet.getRange('A2:D4')])
      .build();
    sheet.setConditionalFormatRules([rule]);
    sheet.insertRowBefore(2);
    expect(sheet.getProtections(app.ProtectionType.RANGE)[0]!.getRange().getA1Notation()).toBe('A3:A5');
    expect(sheet.getConditionalFormatRules()[0]!.getRanges()[0]!.getA1Notation()).toBe('A3:D5');
    expect(ss.effectiveBackground('Clients', 'B3')).toBe('#f4cccc');
    expect(ss.effectiveBackground('Clients', 'B4')).toBe('#fff2cc');
    ss.userEdit('Clients', 'A4', 'c9');
    expect(ss.protectionWarnings).toEqual([{ sheet: 'Clients', a1: 'A4', description: 'system column' }]);
    expect(sheet.getRange('A4').getValue()).toBe('c9');
  });

  it('records the charts the add-on builds', () => {
    const { ss, sheet } = clients();
    const chart = sheet
      .newChart()
      .asColumnChart()
      .setStacked()
      .setTitle('Deals')
      .addRange(sheet.getRange('B1:C4'))
      .setPosition(6, 1, 0, 0)
      .build();
    sheet.insertChart(chart);
    expect(ss.charts('Clients')).toEqual([
      {
        id: expect.any(String),
        type: 'COLUMN',
        ranges: ['Clients!B1:C4'],
        options: { isStacked: true, title: 'Deals' },
        position: { anchorRow: 6, anchorColumn: 1, offsetX: 0, offsetY: 0 },
      },
    ]);
  });

  it('keeps sheets: insert, rename (formulas follow), hide, delete', () => {
    const { ss, sheet } = clients();
    const other = ss.insertSheet('Summary');
    other.getRange('A1').setFormula('=SUM(Clients!C2:C4)');
    expect(other.getRange('A1').getValue()).toBe(6);
    sheet.setName('My clients');
    expect(other.getRange('A1').getFormula()).toBe("=SUM('My clients'!C2:C4)");
    expect(() => ss.insertSheet('Summary')).toThrow('A sheet with the name "Summary" already exists. Please enter another name.');
    other.hideSheet();
    expect(other.isSheetHidden()).toBe(true);
    ss.deleteSheet(sheet);
    expect(other.getRange('A1').getFormula()).toBe('=SUM(#REF!)');
  });
});
