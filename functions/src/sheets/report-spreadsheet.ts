import { auth as googleAuth, sheets, type sheets_v4 } from '@googleapis/sheets';
import type { Cell, ReportTab } from '../core/reports/run-report.ts';

/**
 * The department's reports spreadsheet, written through the Sheets API v4 (@googleapis/sheets, the
 * published client of that one API, not the whole googleapis set). A tab is never shown half-written: its new
 * content goes into a hidden staging tab, and one `batchUpdate` swaps it in (rename the old tab
 * away, give the staging tab the title, place and visibility, delete the old one), which the API
 * applies entirely or not at all.
 */
export type ReportSpreadsheet = { api: sheets_v4.Sheets; spreadsheetId: string };

export const sheetsScope = 'https://www.googleapis.com/auth/spreadsheets';

/** Production: the function's own service account (the spreadsheet is shared with it). Tests pass `rootUrl` and `auth`. */
export function reportSpreadsheet(
  spreadsheetId: string,
  options: { rootUrl?: string; auth?: sheets_v4.Options['auth'] } = {},
): ReportSpreadsheet {
  const auth = options.auth ?? new googleAuth.GoogleAuth({ scopes: [sheetsScope] });
  // Retries are the publisher's (the whole replacement, from a clean state), not per request.
  const api = sheets({ version: 'v4', auth, retry: false, ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}) });
  return { api, spreadsheetId };
}

const stagingPrefix = '~new~ ';
const retiringPrefix = '~old~ ';
/** Cells per values call: keeps each request well under the API's payload limits. */
const cellsPerCall = 100_000;

/** `'It''s'!A1`: a tab title quoted for A1 notation. */
export function a1(title: string, row = 1): string {
  return `'${title.replace(/'/g, "''")}'!A${row}`;
}

function width(rows: Cell[][]): number {
  return Math.max(1, ...rows.map((r) => r.length));
}

/** Rows as the API takes them: every row the same width, so a shorter row clears the cells to its right. */
function padded(rows: Cell[][], columns: number): Cell[][] {
  return rows.map((r) => (r.length === columns ? r : [...r, ...Array<Cell>(columns - r.length).fill('')]));
}

function valueChunks(tabs: Array<{ staging: string; rows: Cell[][] }>): sheets_v4.Schema$ValueRange[][] {
  const calls: sheets_v4.Schema$ValueRange[][] = [];
  let current: sheets_v4.Schema$ValueRange[] = [];
  let cells = 0;
  for (const tab of tabs) {
    const columns = width(tab.rows);
    const rowsPerPiece = Math.max(1, Math.floor(cellsPerCall / columns));
    for (let start = 0; start < tab.rows.length; start += rowsPerPiece) {
      const piece = padded(tab.rows.slice(start, start + rowsPerPiece), columns);
      if (cells > 0 && cells + piece.length * columns > cellsPerCall) {
        calls.push(current);
        current = [];
        cells = 0;
      }
      current.push({ range: a1(tab.staging, start + 1), values: piece });
      cells += piece.length * columns;
    }
  }
  if (current.length > 0) calls.push(current);
  return calls;
}

/**
 * Replaces the content of each tab (creating tabs that do not exist yet) in a few calls: read the
 * tab list; add the hidden staging tabs (removing any a failed attempt left behind); write their
 * values; swap them in. A failure at any step leaves every visible tab as it was.
 */
export async function replaceTabs(target: ReportSpreadsheet, tabs: ReportTab[]): Promise<void> {
  if (tabs.length === 0) return;
  const { api, spreadsheetId } = target;
  const titles = new Set(tabs.map((t) => t.title));
  if (titles.size !== tabs.length) throw new Error('two report tabs have the same title');
  const got = await api.spreadsheets.get({ spreadsheetId, fields: 'sheets.properties(sheetId,title,index,hidden)' });
  const existing = (got.data.sheets ?? []).map((s) => s.properties!);
  const leftovers = existing.filter((p) => p.title?.startsWith(stagingPrefix) || p.title?.startsWith(retiringPrefix));

  const staged = tabs.map((t) => ({ ...t, staging: `${stagingPrefix}${t.title}` }));
  const added = await api.spreadsheets.batchUpdate({
    spreadsheetId,
    requestBody: {
      requests: [
        ...leftovers.map((p) => ({ deleteSheet: { sheetId: p.sheetId! } })),
        ...staged.map((t) => ({
          addSheet: {
            properties: {
              title: t.staging,
              hidden: true,
              gridProperties: {
                rowCount: Math.max(1, t.rows.length),
                columnCount: width(t.rows),
                frozenRowCount: t.rows.length > 1 ? 1 : 0,
              },
            },
          },
        })),
      ],
    },
  });
  const replies = (added.data.replies ?? []).slice(leftovers.length);
  const stagingIds = staged.map((_, i) => replies[i]?.addSheet?.properties?.sheetId);
  if (stagingIds.some((id) => id === undefined || id === null)) throw new Error('the Sheets API did not return the ids of the added tabs');

  for (const data of valueChunks(staged)) {
    await api.spreadsheets.values.batchUpdate({ spreadsheetId, requestBody: { valueInputOption: 'RAW', data } });
  }

  const swap: sheets_v4.Schema$Request[] = [];
  staged.forEach((t, i) => {
    const old = existing.find((p) => p.title === t.title);
    if (old)
      swap.push({
        updateSheetProperties: { properties: { sheetId: old.sheetId!, title: `${retiringPrefix}${t.title}` }, fields: 'title' },
      });
    swap.push({
      updateSheetProperties: {
        properties: { sheetId: stagingIds[i]!, title: t.title, hidden: false, ...(old ? { index: old.index ?? 0 } : {}) },
        fields: old ? 'title,hidden,index' : 'title,hidden',
      },
    });
    if (old) swap.push({ deleteSheet: { sheetId: old.sheetId! } });
  });
  await api.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: swap } });
}
