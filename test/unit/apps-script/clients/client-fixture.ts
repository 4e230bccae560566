import type { ListedClient } from '../../../../functions/src/api/contract.ts';
import type { TableRow } from '../../../../apps-script/src/sheet/table-spec.ts';
import { type ClientColumnKey, myClientsTable } from '../../../../apps-script/src/clients/client-columns.ts';
import { clientCells } from '../../../../apps-script/src/clients/client-row.ts';
import { messagesFor } from '../../../../apps-script/src/messages.ts';

export const en = messagesFor('en');
export const ru = messagesFor('ru');
export const formatDay = (d: Date) => d.toISOString().slice(0, 10);

/** A client as GET /clients lists it. */
export function listed(id: string, over: Partial<ListedClient> = {}): ListedClient {
  return {
    id,
    name: `Client ${id}`,
    kind: 'company',
    size: 'regular',
    phones: ['+79161234567'],
    emails: [],
    managerId: 'anna',
    assignedAt: '2026-01-10',
    attractedBy: 'anna',
    dealCount: 2,
    dealsSinceAssignment: 1,
    firstDealAt: '2026-02-01',
    lastDealAt: '2026-03-01',
    rotatable: true,
    version: 3,
    updatedAt: '2026-03-01T10:00:00.000Z',
    daysHeld: 60,
    dealsAwaiting: 0,
    payBlock: null,
    rotationDueOn: '2027-03-01',
    reportDueOn: null,
    ...over,
  };
}

/** A sheet row holding the client as the add-on wrote it, with some cells changed by the person. */
export function rowOf(
  row: number,
  client: ListedClient,
  edits: Partial<Record<ClientColumnKey, unknown>> = {},
  m = en,
): TableRow<ClientColumnKey> {
  return { row, cells: { ...clientCells(client, m), ...edits } as TableRow<ClientColumnKey>['cells'] };
}

export function blankRow(row: number, cells: Partial<Record<ClientColumnKey, unknown>> = {}): TableRow<ClientColumnKey> {
  const empty = Object.fromEntries(myClientsTable.columns.map((c) => [c.key, '']));
  return { row, cells: { ...empty, ...cells } as TableRow<ClientColumnKey>['cells'] };
}
