// The API's answers as the add-on reads them. Shapes come from the server's own schema types, so a
// change on one side that the other does not follow fails the typecheck.
import type { ClientDoc, ClientHoldingFacts } from '../../../functions/src/schema/client.ts';
import type { HistoryEntry } from '../../../functions/src/schema/history.ts';
import type { Role } from '../../../functions/src/schema/manager.ts';
import type { StatementLine, StatementTotals } from '../../../functions/src/core/bonus/types.ts';
import type { Dashboard } from '../../../functions/src/core/dashboard.ts';
import type { MonthStatements, OverdueReport, StatementSummary } from '../../../functions/src/core/oversight.ts';
import type { RotationReport } from '../../../functions/src/core/rotation/report.ts';
import type { ConfirmationRow, ListKind, MailingRow } from '../../../functions/src/core/consent/mailing-csv.ts';
import type { RuleChange } from '../../../functions/src/core/rules-diff.ts';
import type { AuditEntry as StoredAuditEntry } from '../../../functions/src/schema/audit.ts';
import type { RulesConfig } from '../../../functions/src/schema/rules-config.ts';

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
export type Problem = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldIssue[];
  reason?: string;
  [extra: string]: unknown;
};

// The head of sales' routes.
export type { Dashboard, MonthStatements, OverdueReport, RotationReport, RuleChange, RulesConfig, StatementSummary };

export type PublishedRules = { version: number; rules: RulesConfig; publishedAt: string | null; publishedBy: string | null };
export type RulesVersion = PublishedRules & { publishedByName: string | null; changes: RuleChange[] };
export type RulesHistoryPage = { currentVersion: number; versions: RulesVersion[]; nextCursor: string | null };
export type RulesVersionAnswer = { rules: PublishedRules; current: PublishedRules; changes: RuleChange[] };

/** A roster entry as the admin routes give it: with the version it is at. */
export type TeamMember = {
  id: string;
  name: string;
  email: string;
  level: number;
  role: Role;
  active: boolean;
  deactivatedAt?: string;
  version: number;
};

export type JobStatus = {
  id: string;
  kind: string;
  status: 'running' | 'done' | 'failed';
  by: string;
  params: Record<string, unknown>;
  startedAt: string;
  finishedAt?: string;
  result?: unknown;
  error?: Problem;
};
export type JobStarted = { jobId: string; status: 'running'; poll: string };

/** A mailing list, or the confirmation requests to web sign-ups awaiting confirmation (double opt-in). */
export type MailingListKind = ListKind;
export type MailingExport = { exportId: string; count: number; cadenceDays: number; csv: string } & (
  | { kind: 'mailing'; rows: MailingRow[] }
  | { kind: 'confirmation'; rows: ConfirmationRow[] }
);

export type AuditEntry = StoredAuditEntry & { id: string };
export type AuditPage = { entries: AuditEntry[]; nextCursor: string | null };

export type ClientName = { id: string; name: string; managerId: string | null };
