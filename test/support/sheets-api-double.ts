import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { sheets_v4 } from '@googleapis/sheets';

/**
 * A test double of the Google Sheets API v4: a local HTTP server answering the REST paths the
 * reports publisher uses (spreadsheets.get, spreadsheets.batchUpdate with addSheet / deleteSheet /
 * updateSheetProperties, spreadsheets.values.batchUpdate) over a real in-memory grid, with the
 * API's rules that matter here: a batchUpdate applies all its requests or none, titles are unique,
 * at least one tab stays visible, values must fit the tab's grid, a token is required. It records
 * every request and can be told to fail chosen ones, as the real service sometimes does.
 */
type Cell = string | number | boolean;
type Sheet = {
  sheetId: number;
  title: string;
  index: number;
  hidden: boolean;
  rowCount: number;
  columnCount: number;
  frozenRowCount: number;
  cells: Cell[][];
};
export type RecordedRequest = { method: string; path: string; kind: 'get' | 'batchUpdate' | 'values.batchUpdate' | 'other'; body: any };
type Failure = { when: (req: RecordedRequest) => boolean; times: number; status: number };

export type SheetsApiDouble = {
  /** Pass as `rootUrl` to googleapis. */
  rootUrl: string;
  spreadsheetId: string;
  requests: RecordedRequest[];
  /** The next `times` requests matching `when` fail with `status` (default 503) and change nothing. */
  fail: (when: (req: RecordedRequest) => boolean, options?: { times?: number; status?: number }) => void;
  tabs: () => Array<{ title: string; hidden: boolean; index: number; sheetId: number }>;
  /** A tab's cells as the API stores them (RAW values), trailing empty rows trimmed. */
  values: (title: string) => Cell[][];
  close: () => Promise<void>;
};

class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const statusWords: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

function clone(sheets: Sheet[]): Sheet[] {
  return sheets.map((s) => ({ ...s, cells: s.cells.map((r) => [...r]) }));
}

function properties(s: Sheet): sheets_v4.Schema$SheetProperties {
  return {
    sheetId: s.sheetId,
    title: s.title,
    index: s.index,
    sheetType: 'GRID',
    hidden: s.hidden,
    gridProperties: { rowCount: s.rowCount, columnCount: s.columnCount, frozenRowCount: s.frozenRowCount },
  };
}

function reindex(sheets: Sheet[]): void {
  sheets.sort((a, b) => a.index - b.index).forEach((s, i) => (s.index = i));
}

/** Sheets counts a move in "before the move" indexes: moving a tab right lands it one place left of the index asked. */
function move(sheets: Sheet[], sheet: Sheet, to: number): void {
  const ordered = [...sheets].sort((a, b) => a.index - b.index).filter((s) => s !== sheet);
  const from = sheet.index;
  const target = Math.min(ordered.length, to > from ? to - 1 : to);
  ordered.splice(target, 0, sheet);
  ordered.forEach((s, i) => (s.index = i));
}

function checkInvariants(sheets: Sheet[]): void {
  const titles = new Set<string>();
  for (const s of sheets) {
    const key = s.title.toLowerCase();
    if (titles.has(key))
      throw new ApiError(400, `Invalid requests: A sheet with the name "${s.title}" already exists. Please enter another name.`);
    titles.add(key);
  }
  if (!sheets.some((s) => !s.hidden))
    throw new ApiError(400, "Invalid requests: You can't hide or remove all visible sheets in a document.");
}

function parseRange(range: string): { title: string; row: number; column: number } {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!([A-Z]+)(\d+)$/.exec(range);
  if (!m) throw new ApiError(400, `Unable to parse range: ${range}`);
  const column = [...m[3]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { title: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!, row: Number(m[4]) - 1, column };
}

export async function startSheetsApiDouble(spreadsheetId = 'reports-spreadsheet-test'): Promise<SheetsApiDouble> {
  let sheets: Sheet[] = [
    { sheetId: 0, title: 'Sheet1', index: 0, hidden: false, rowCount: 1000, columnCount: 26, frozenRowCount: 0, cells: [] },
  ];
  let nextId = 1000;
  const requests: RecordedRequest[] = [];
  const failures: Failure[] = [];

  const batchUpdate = (body: sheets_v4.Schema$BatchUpdateSpreadsheetRequest) => {
    const draft = clone(sheets);
    const replies: sheets_v4.Schema$Response[] = [];
    for (const request of body.requests ?? []) {
      if (request.addSheet) {
        const p = request.addSheet.properties ?? {};
        const sheet: Sheet = {
          sheetId: p.sheetId ?? nextId++,
          title: p.title ?? `Sheet${draft.length + 1}`,
          index: p.index ?? draft.length,
          hidden: p.hidden ?? false,
          rowCount: p.gridProperties?.rowCount ?? 1000,
          columnCount: p.gridProperties?.columnCount ?? 26,
          frozenRowCount: p.gridProperties?.frozenRowCount ?? 0,
          cells: [],
        };
        draft.push(sheet);
        move(draft, sheet, sheet.index);
        replies.push({ addSheet: { properties: properties(sheet) } });
      } else if (request.deleteSheet) {
        const at = draft.findIndex((s) => s.sheetId === request.deleteSheet!.sheetId);
        if (at < 0)
          throw new ApiError(400, `Invalid requests[${replies.length}].deleteSheet: No grid with id: ${request.deleteSheet.sheetId}`);
        draft.splice(at, 1);
        reindex(draft);
        replies.push({});
      } else if (request.updateSheetProperties) {
        const p = request.updateSheetProperties.properties ?? {};
        const sheet = draft.find((s) => s.sheetId === p.sheetId);
        if (!sheet) throw new ApiError(400, `Invalid requests[${replies.length}].updateSheetProperties: No grid with id: ${p.sheetId}`);
        const fields = (request.updateSheetProperties.fields ?? '').split(',').map((f) => f.trim());
        if (fields.length === 0 || fields[0] === '')
          throw new ApiError(400, `Invalid requests[${replies.length}].updateSheetProperties: fields must be set`);
        for (const f of fields) {
          if (f === 'title') sheet.title = p.title ?? '';
          else if (f === 'hidden') sheet.hidden = p.hidden ?? false;
          else if (f === 'index') move(draft, sheet, p.index ?? 0);
          else throw new ApiError(400, `the double does not implement the field mask "${f}"`);
        }
        replies.push({});
      } else {
        throw new ApiError(400, `the double does not implement ${Object.keys(request).join(', ')}`);
      }
      checkInvariants(draft);
    }
    sheets = draft;
    return { spreadsheetId, replies };
  };

  const valuesBatchUpdate = (body: sheets_v4.Schema$BatchUpdateValuesRequest) => {
    if (body.valueInputOption !== 'RAW' && body.valueInputOption !== 'USER_ENTERED')
      throw new ApiError(400, "Invalid valueInputOption: ''");
    const draft = clone(sheets);
    let cells = 0;
    for (const data of body.data ?? []) {
      const { title, row, column } = parseRange(data.range ?? '');
      const sheet = draft.find((s) => s.title === title);
      if (!sheet) throw new ApiError(400, `Unable to parse range: ${data.range}`);
      const values = (data.values ?? []) as Cell[][];
      const lastRow = row + values.length;
      const lastColumn = column + Math.max(0, ...values.map((r) => r.length));
      if (lastRow > sheet.rowCount || lastColumn > sheet.columnCount) {
        throw new ApiError(
          400,
          `Range (${data.range}) exceeds grid limits. Max rows: ${sheet.rowCount}, max columns: ${sheet.columnCount}`,
        );
      }
      values.forEach((r, i) => {
        const target = (sheet.cells[row + i] ??= []);
        r.forEach((v, j) => {
          target[column + j] = v;
          cells++;
        });
      });
    }
    sheets = draft;
    return { spreadsheetId, totalUpdatedCells: cells };
  };

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://double');
    const path = decodeURIComponent(url.pathname);
    const base = `/v4/spreadsheets/${spreadsheetId}`;
    const kind: RecordedRequest['kind'] =
      req.method === 'GET' && path === base
        ? 'get'
        : req.method === 'POST' && path === `${base}:batchUpdate`
          ? 'batchUpdate'
          : req.method === 'POST' && path === `${base}/values:batchUpdate`
            ? 'values.batchUpdate'
            : 'other';
    const recorded: RecordedRequest = { method: req.method ?? '', path, kind, body: text ? JSON.parse(text) : undefined };
    requests.push(recorded);
    try {
      if (!/^Bearer \S+$/.test(req.headers.authorization ?? ''))
        throw new ApiError(401, 'Request is missing required authentication credential.');
      const failure = failures.find((f) => f.times > 0 && f.when(recorded));
      if (failure) {
        failure.times--;
        throw new ApiError(failure.status, 'The service is currently unavailable.');
      }
      if (kind === 'get')
        return answer(res, 200, {
          spreadsheetId,
          sheets: [...sheets].sort((a, b) => a.index - b.index).map((s) => ({ properties: properties(s) })),
        });
      if (kind === 'batchUpdate') return answer(res, 200, batchUpdate(recorded.body));
      if (kind === 'values.batchUpdate') return answer(res, 200, valuesBatchUpdate(recorded.body));
      throw new ApiError(404, `Requested entity was not found: ${req.method} ${path}`);
    } catch (e) {
      const status = e instanceof ApiError ? e.status : 500;
      answer(res, status, { error: { code: status, message: (e as Error).message, status: statusWords[status] ?? 'UNKNOWN' } });
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    rootUrl: `http://127.0.0.1:${port}/`,
    spreadsheetId,
    requests,
    fail: (when, options = {}) => void failures.push({ when, times: options.times ?? 1, status: options.status ?? 503 }),
    tabs: () =>
      [...sheets].sort((a, b) => a.index - b.index).map((s) => ({ title: s.title, hidden: s.hidden, index: s.index, sheetId: s.sheetId })),
    values: (title) => {
      const sheet = sheets.find((s) => s.title === title);
      if (!sheet) throw new Error(`no tab "${title}"; tabs: ${sheets.map((s) => s.title).join(', ')}`);
      const rows = sheet.cells.map((r) => Array.from(r, (v) => v ?? ''));
      while (rows.length > 0 && rows.at(-1)!.every((v) => v === '')) rows.pop();
      return rows;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
