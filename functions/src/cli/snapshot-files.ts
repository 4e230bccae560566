import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError, type FieldIssue } from '../errors.ts';
import type { RawSnapshot, SourceRecord } from '../core/snapshot-check.ts';
import { addJsonSnapshot } from '../core/raw-snapshot.ts';
import { parseAbsenceText } from '../schema/absence-text.ts';

type Table = 'managers' | 'clients' | 'deals';
const tables: Table[] = ['managers', 'clients', 'deals'];

/**
 * Reads `clientbase import` input: one snapshot JSON file, or CSV files named after their table
 * (managers.csv, clients.csv, deals.csv — a folder holding them works too).
 */
export function readSnapshotFiles(paths: string[]): RawSnapshot {
  const files = paths.flatMap((p) => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      throw new AppError('invalid-input', `cannot read ${p}: no such file or folder`, { issues: [{ path: p, message: 'not found' }] });
    }
    return st.isDirectory()
      ? readdirSync(p)
          .filter((f) => /\.(csv|json)$/i.test(f))
          .map((f) => join(p, f))
      : [p];
  });
  if (files.length === 0)
    throw new AppError('invalid-input', 'no snapshot given: pass a .json snapshot or managers.csv / clients.csv / deals.csv');
  const raw: RawSnapshot = { managers: [], clients: [], deals: [], history: [] };
  const issues: FieldIssue[] = [];
  for (const file of files) {
    if (/\.json$/i.test(file)) readJson(file, raw, issues);
    else if (/\.csv$/i.test(file)) readCsv(file, raw, issues);
    else issues.push({ path: file, message: 'not a .json or .csv file' });
  }
  if (issues.length > 0) throw new AppError('invalid-input', 'the snapshot files cannot be read', { issues });
  return raw;
}

function readJson(file: string, raw: RawSnapshot, issues: FieldIssue[]): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    issues.push({ path: basename(file), message: `not valid JSON: ${(e as Error).message}` });
    return;
  }
  addJsonSnapshot(parsed, basename(file), raw, issues);
}

const listColumns = new Set(['phones', 'emails']);
const intColumns = new Set(['level', 'amount', 'profit']);
const boolColumns = new Set(['active', 'pinned']);
const nullableColumns = new Set(['managerId']);

function tableOf(file: string): Table | undefined {
  const name = basename(file).toLowerCase();
  return tables.find((t) => name.startsWith(t));
}

function readCsv(file: string, raw: RawSnapshot, issues: FieldIssue[]): void {
  const table = tableOf(file);
  const name = basename(file);
  if (!table) {
    issues.push({ path: name, message: 'a CSV file must be named after its table: managers.csv, clients.csv or deals.csv' });
    return;
  }
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    rows = parse(readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, trim: true, info: true });
  } catch (e) {
    issues.push({ path: name, message: `not valid CSV: ${(e as Error).message}` });
    return;
  }
  for (const { record, info } of rows) {
    const value: Record<string, unknown> = {};
    for (const [column, cell] of Object.entries(record)) {
      if (cell === '') {
        if (nullableColumns.has(column)) value[column] = null;
        continue;
      }
      if (table === 'managers' && column === 'absences') value[column] = parseAbsenceText(cell);
      else if (listColumns.has(column))
        value[column] = cell
          .split(/[;\n]/)
          .map((s) => s.trim())
          .filter(Boolean);
      else if (intColumns.has(column)) value[column] = /^-?\d+$/.test(cell) ? Number(cell) : cell;
      else if (boolColumns.has(column))
        value[column] = /^(true|yes|1|да)$/i.test(cell) ? true : /^(false|no|0|нет)$/i.test(cell) ? false : cell;
      else value[column] = cell;
    }
    if (table === 'clients' && !('managerId' in value)) value.managerId = null;
    if (table === 'clients') for (const c of listColumns) value[c] ??= [];
    const line = info.lines;
    const locate: SourceRecord['locate'] = (path) => {
      const column = path[0] === undefined ? undefined : String(path[0]);
      return column === undefined
        ? `${name} line ${line}`
        : `${name} line ${line}, column ${column}${typeof path[1] === 'number' ? ` (value ${path[1] + 1})` : ''}`;
    };
    raw[table].push({ value, locate });
  }
}
