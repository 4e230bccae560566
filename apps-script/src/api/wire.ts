// The API's answers as the add-on reads them. Shapes come from the server's own schema types, so a
// change on one side that the other does not follow fails the typecheck.
import type { ClientDoc, ClientHoldingFacts } from '../../../functions/src/schema/client.ts';
import type { HistoryEntry } from '../../../functions/src/schema/history.ts';
import type { Role } from '../../../functions/src/schema/manager.ts';
import type { StatementLine, StatementTotals } from '../../../functions/src/core/bonus/types.ts';

export type ClientView = Omit<ClientDoc, 'contactKeys'>;
export type ListedClient = ClientView & ClientHoldingFacts;

export type Me = { id: string; name: string; email: string; level: number; role: Role };
export type ClientPage = { clients: ListedClient[]; nextCursor: string | null };
export type FieldIssue = { path: string; message: string };
export type ChangedBy = { id: string; name: string };

export type BatchRowResult =
  | { index: number; clientId: string; status: 'applied'; client: ListedClient }
  | { index: number; clientId: string; status: 'conflict'; current: ListedClient; changedBy?: ChangedBy }
  | { index: number; clientId: string | null; status: 'invalid'; errors: FieldIssue[] };
export type BatchAnswer = { applied: number; conflicts: number; invalid: number; rows: BatchRowResult[] };

export type Departure = { clientId: string; reason: 'rotation' | 'reassigned' | 'held' | 'unknown'; at: string | null };

export type HandoverTask = {
  id: string;
  clientId: string;
  clientName: string | null;
  from: string | null;
  reason: string;
  dueDate: string;
  overdue: boolean;
};

export type ClientCardAnswer = { client: ListedClient; history: HistoryEntry[] };

export type Statement = { month: string; managerId: string; lines: StatementLine[]; totals: StatementTotals; closed: boolean };

/** RFC 9457 problem document as the API writes it. */
export type Problem = { type?: string; title?: string; status?: number; detail?: string; code?: string; errors?: FieldIssue[]; reason?: string; [extra: string]: unknown };
