import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SpreadsheetDouble } from '../../../support/apps-script/spreadsheet-double.ts';
import { UiDouble } from '../../../support/apps-script/ui-double.ts';
import { RealmBridge } from '../../../support/apps-script/vm-bridge.ts';

function bundleContext() {
  const context = vm.createContext({});
  const calls: string[] = [];
  const bridge = new RealmBridge(context, (info, method) => void calls.push(`${info.type}.${method}`));
  const ss = new SpreadsheetDouble({ ui: new UiDouble(), owner: () => 'anna@example.com' });
  context.ss = bridge.toVm(ss);
  const run = (code: string) => bridge.fromVm(vm.runInContext(code, context));
  return { ss, calls, run };
}

describe('the border between the bundle and the doubles', () => {
  it('shows the bundle only the Apps Script surface, and counts each call once', () => {
    const { calls, run } = bundleContext();
    expect(
      run(`var r = ss.getRange('A1'); [JSON.stringify(r), '' + r, Object.keys(r).length, typeof r.getValues, 'grid' in ss, '_rect' in r]`),
    ).toEqual(['{}', 'Range', 0, 'function', false, false]);
    run(`r.getValues()`);
    expect(calls).toEqual(['Spreadsheet.getRange', 'Range.getValues']);
  });

  it("refuses what the doubles do not implement, and the doubles' own helpers", () => {
    const { run } = bundleContext();
    expect(() => run(`ss.getRange('A1').getBandings()`)).toThrow('not implemented in the test double: Range.getBandings');
    expect(() => run(`ss.userEdit('Sheet1', 'A1', 1)`)).toThrow('not implemented in the test double: Spreadsheet.userEdit');
    expect(() => run(`ss.getRange('A1')._rect`)).toThrow('not implemented in the test double: Range._rect');
  });

  it("hands over values in the bundle's own realm both ways", () => {
    const { ss, run } = bundleContext();
    run(`ss.getRange('A1:B1').setValues([[new Date(Date.UTC(2025, 0, 10)), 'x']])`);
    expect(ss.sheet('Sheet1').getRange('A1').getValue()).toBeInstanceOf(Date);
    expect(run(`var v = ss.getRange('A1:B1').getValues(); [v instanceof Array, v[0][0] instanceof Date, v[0][0].toISOString()]`)).toEqual([
      true,
      true,
      '2025-01-10T00:00:00.000Z',
    ]);
  });

  it('throws Apps Script errors as errors of the bundle realm named Exception', () => {
    const { run } = bundleContext();
    expect(run(`try { ss.getRange('A1:B2').setValues([[1]]); 'no error' } catch (e) { [e instanceof Error, e.name, String(e)] }`)).toEqual([
      true,
      'Exception',
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    ]);
  });
});
