// The "My clients" sheet: which columns it has, in which order, and who fills them.
import type { EditableClientField } from '../../../functions/src/schema/client.ts';
import type { Messages } from '../messages.ts';
import type { IdentityKeys } from '../sheet/row-identity.ts';
import type { ColumnSpec, TableSpec } from '../sheet/table-spec.ts';

/**
 * Columns the manager edits and Save sends back: the client's own fields, as the API accepts them,
 * in the sheet's order. Written out (the server's list lives with its schema, which the bundle
 * leaves out); the check below fails the typecheck when the two lists differ.
 */
export const editableClientKeys = [
  'name',
  'kind',
  'size',
  'phones',
  'emails',
  'taxNumber',
  'source',
  'lostAt',
  'lostReason',
  'competitor',
] as const satisfies readonly EditableClientField[];
export type EditableKey = EditableClientField;
type MissingKey = Exclude<EditableClientField, (typeof editableClientKeys)[number]>;
const everyFieldHasAColumn: [MissingKey] extends [never] ? true : MissingKey = true;
void everyFieldHasAColumn;

/** Columns the base fills in; the manager reads them. */
export type DerivedKey = 'lastDealAt' | 'dealCount' | 'payHint' | 'daysHeld' | 'rotationDueOn' | 'reportDueOn';
export type SystemKey = 'clientId' | 'version' | 'hash';
export type ClientColumnKey = EditableKey | DerivedKey | SystemKey;

const choice = (pick: (m: Messages) => Record<string, string>) => (m: Messages) => Object.values(pick(m));

const columns: ReadonlyArray<ColumnSpec<ClientColumnKey>> = [
  { key: 'name', role: 'editable', format: 'text', header: (m) => m.columns.name, width: 220 },
  { key: 'kind', role: 'editable', format: 'choice', header: (m) => m.columns.kind, choices: choice((m) => m.kinds), width: 90 },
  { key: 'size', role: 'editable', format: 'choice', header: (m) => m.columns.size, choices: choice((m) => m.sizes), width: 80 },
  { key: 'phones', role: 'editable', format: 'text', header: (m) => m.columns.phones, note: (m) => m.columnNotes.phones, width: 150 },
  { key: 'emails', role: 'editable', format: 'text', header: (m) => m.columns.emails, note: (m) => m.columnNotes.emails, width: 180 },
  { key: 'taxNumber', role: 'editable', format: 'text', header: (m) => m.columns.taxNumber, width: 110 },
  { key: 'source', role: 'editable', format: 'choice', header: (m) => m.columns.source, choices: choice((m) => m.sources), width: 110 },
  { key: 'lastDealAt', role: 'derived', format: 'day', header: (m) => m.columns.lastDealAt, width: 100 },
  { key: 'dealCount', role: 'derived', format: 'integer', header: (m) => m.columns.dealCount, width: 60 },
  {
    key: 'daysHeld',
    role: 'derived',
    format: 'integer',
    header: (m) => m.columns.daysHeld,
    note: (m) => m.columnNotes.daysHeld,
    width: 70,
  },
  {
    key: 'rotationDueOn',
    role: 'derived',
    format: 'day',
    header: (m) => m.columns.rotationDueOn,
    note: (m) => m.columnNotes.rotationDueOn,
    width: 110,
  },
  {
    key: 'reportDueOn',
    role: 'derived',
    format: 'day',
    header: (m) => m.columns.reportDueOn,
    note: (m) => m.columnNotes.reportDueOn,
    width: 100,
  },
  {
    key: 'lostAt',
    role: 'editable',
    format: 'day',
    header: (m) => m.columns.lostAt,
    note: (m) => m.columnNotes.lostAt,
    days: 'up-to-today',
    width: 100,
  },
  { key: 'lostReason', role: 'editable', format: 'text', header: (m) => m.columns.lostReason, width: 160 },
  { key: 'competitor', role: 'editable', format: 'text', header: (m) => m.columns.competitor, width: 120 },
  { key: 'payHint', role: 'derived', format: 'text', header: (m) => m.deals.column, note: (m) => m.deals.columnNote, width: 200 },
  { key: 'clientId', role: 'system', format: 'text', header: (m) => m.columns.clientId },
  { key: 'version', role: 'system', format: 'integer', header: (m) => m.columns.version },
  { key: 'hash', role: 'system', format: 'text', header: (m) => m.columns.hash },
];

export const myClientsTable: TableSpec<ClientColumnKey> & IdentityKeys<ClientColumnKey> = {
  id: 'my-clients',
  title: (m) => m.sheets.myClients,
  columns,
  idKey: 'clientId',
  versionKey: 'version',
  hashKey: 'hash',
};

export function columnHeader(key: ClientColumnKey, m: Messages): string {
  return columns.find((c) => c.key === key)!.header(m);
}
