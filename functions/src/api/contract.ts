// The API's contract, one module for both sides: the request schemas the routes parse with, and
// the answers they send. The routes annotate their answers with these types (`satisfies`) and the
// add-on imports them with `import type`, so an answer changed on one side fails the other's
// typecheck. Types only, apart from the schemas: nothing here runs in the add-on.
import type { z } from 'zod';
import type { DealEstimate } from '../core/bonus/estimate.ts';
import type { NextDeal } from '../core/bonus/next-deal.ts';
import type { StatementLine, StatementTotals } from '../core/bonus/types.ts';
import type { WhatIfAnswer, WhatIfMonth } from '../core/bonus/what-if.ts';
import type { ConfirmationRow, ListKind, MailingRow } from '../core/consent/mailing-csv.ts';
import type { Dashboard } from '../core/dashboard.ts';
import type { MonthStatements, OverdueReport, StatementSummary } from '../core/oversight.ts';
import type { RotationFairness } from '../core/rotation/fairness.ts';
import type { RotationReport } from '../core/rotation/report.ts';
import type { RotationEffect } from '../core/rotation/effect.ts';
import type { RuleChange } from '../core/rules-diff.ts';
import type { TodayLists } from '../core/today.ts';
import type { Problem as ServedProblem } from '../http/problem.ts';
import type { AuditEntry as StoredAuditEntry } from '../schema/audit.ts';
import type { ClientDoc, ClientHoldingFacts } from '../schema/client.ts';
import type { HistoryEntry } from '../schema/history.ts';
import type { Manager } from '../schema/manager.ts';
import type { RulesConfig } from '../schema/rules-config.ts';
import type { ContactToVerifyView } from '../store/contact-verify-store.ts';
import type { JobRun } from '../store/job-run-store.ts';
import type { ListedDispute } from '../operations/disputes.ts';
import type { PublishedRules } from '../store/rules-store.ts';
import type * as schemas from './schemas.ts';

export * from './schemas.ts';

// ---------------------------------------------------------------- requests, as the caller writes them

export type CreateClientBody = z.input<typeof schemas.createClientBody>;
export type ClientChanges = z.input<typeof schemas.updateClientBody>['changes'];
export type DealBody = z.input<typeof schemas.dealBody>;
export type ContactBody = z.input<typeof schemas.contactBody>;
export type NoteBody = z.input<typeof schemas.noteBody>;
export type ConsentBody = z.input<typeof schemas.consentBody>;
export type ReportBody = z.input<typeof schemas.reportBody>;
export type DealReviewRow = z.input<typeof schemas.dealReviewRowSchema>;
export type AddManagerBody = z.input<typeof schemas.addManagerBody>;
export type ChangeManagerBody = z.input<typeof schemas.changeManagerBody>;

// ---------------------------------------------------------------- answers

export type ClientView = Omit<ClientDoc, 'contactKeys'>;
export type ListedClient = ClientView & ClientHoldingFacts;

export type Me = Pick<Manager, 'id' | 'name' | 'email' | 'level' | 'role'>;
export type ClientPage = { clients: ListedClient[]; nextCursor: string | null };
export type FieldIssue = NonNullable<ServedProblem['errors']>[number];
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

/** Who recorded a deal and how: its holder (API or add-on), the head of sales, or an import. */
export type DealRecordedVia = 'holder' | 'admin' | 'import';
export type DealReviewStatus = z.infer<typeof schemas.dealReviewStatusSchema>;

/** A deal as the card shows it: whether it counts yet, and why not. */
export type CardDeal = {
  id: string;
  date: string;
  amount: number;
  profit: number;
  managerId: string;
  recordedVia: DealRecordedVia;
  status: DealReviewStatus;
  /** For a rejected deal: the head of sales' reason. */
  reason: string | null;
};

export type ClientCardAnswer = { client: ListedClient; history: HistoryEntry[]; deals: CardDeal[]; contactsToVerify?: ContactToVerify[] };

/** A contact a sign-up gave for a client it matched by another contact: it joins the client only if its holder accepts it. */
export type ContactToVerify = ContactToVerifyView;
/** `GET /tasks`: the handover reports due, and the contacts awaiting the holder's decision. */
export type MyTasksAnswer = { tasks: HandoverTask[]; contactsToVerify: Array<ContactToVerify & { clientName: string }> };
/**
 * `GET /today`: for the caller, clients rotation takes within `warnDays` (soonest first), open
 * reports (overdue first), next contacts due, and clients received in the last 14 days.
 */
export type TodayAnswer = TodayLists;
export type { AboutToRotate, FollowUp, NewToMe, ReportDue } from '../core/today.ts';
/** `POST /clients/{id}/contacts/verify { channel, address, decision }`. */
export type VerifyContactAnswer = { status: 'accepted' | 'declined'; contact: ContactToVerify };
export type VerifyContactBody = z.input<typeof schemas.verifyContactBody>;

/** `GET /admin/deals?status&managerId&limit&cursor`: one row per deal, oldest first. */
export type DealToConfirm = {
  dealId: string;
  clientId: string;
  clientName: string;
  managerId: string;
  managerName: string | null;
  date: string;
  amount: number;
  profit: number;
  recordedVia: DealRecordedVia;
  recordedAt: string;
  status: DealReviewStatus;
  reason: string | null;
  /** Grows by one on every review: a row reviewed meanwhile by someone else is a conflict, never an overwrite. */
  version: number;
};
export type DealsToConfirmPage = { deals: DealToConfirm[]; nextCursor: string | null };

/** `POST /admin/deals/review { rows: DealReviewRow[] }`, like the batch save: each row on its own. */
export type DealReviewRowResult =
  | { index: number; dealId: string; status: 'applied'; deal: DealToConfirm }
  | { index: number; dealId: string; status: 'conflict'; current: DealToConfirm; changedBy?: ChangedBy }
  | { index: number; dealId: string | null; status: 'invalid'; errors: FieldIssue[] };
export type DealReviewAnswer = { applied: number; conflicts: number; invalid: number; rows: DealReviewRowResult[] };

export type Statement = { month: string; managerId: string; lines: StatementLine[]; totals: StatementTotals; closed: boolean };
/** `GET /statements/{month}`: the statement and the day and amount of each deal its lines name, for people to recognise them. */
export type StatementDeal = { id: string; date: string; amount: number };
export type StatementAnswer = { statement: Statement; deals: StatementDeal[] };

/** RFC 9457 problem document as the caller reads it: any part may be missing (a proxy's page, a stale job). */
export type Problem = Partial<ServedProblem>;

// The head of sales' routes.
export type { Dashboard, MonthStatements, OverdueReport, PublishedRules, RotationReport, RuleChange, RulesConfig, StatementSummary };
export type { RotationEffect };

export type RulesVersion = PublishedRules & { publishedByName: string | null; changes: RuleChange[] };
export type RulesHistoryPage = { currentVersion: number; versions: RulesVersion[]; nextCursor: string | null };
export type RulesVersionAnswer = { rules: PublishedRules; current: PublishedRules; changes: RuleChange[] };

/** A roster entry as the admin routes give it: with the version it is at. */
export type TeamMember = Pick<Manager, 'id' | 'name' | 'email' | 'level' | 'role' | 'active' | 'absences'> & {
  deactivatedAt?: string;
  version: number;
};

export type JobStatus = Omit<JobRun, 'error'> & { error?: Problem };
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

/** `GET /admin/audit/verify`: whether every audit chain holds, and each problem naming its entry. */
export type AuditChainProblem =
  | { kind: 'edited' | 'broken-link' | 'duplicate'; id: string; shard: string; seq: number }
  | { kind: 'gap'; shard: string; afterSeq: number; missing: number; nextId: string | null }
  | { kind: 'unchained'; id: string };
export type AuditVerifyAnswer = { ok: boolean; entries: number; shards: number; problems: AuditChainProblem[]; lines: string[] };

// Disputes of statement lines, acknowledgements and payroll.
export * from '../schema/dispute.ts';
export type { ListedDispute };
export type { PayrollFile as PayrollAnswer } from '../operations/payroll.ts';
export type { PayrollLine, PayrollRow } from '../core/bonus/payroll.ts';
/** `GET /disputes` (the caller's own) and `GET /admin/disputes?status`: each with whether it is open past `disputeDays`. */
export type DisputesAnswer = { disputeDays: number; disputes: ListedDispute[] };

/**
 * `POST /admin/clients/{id}/restore`: the client after the restore (null when nothing differed),
 * the fields put back and the edits undone.
 */
export type RestoreClientAnswer = { client: ListedClient | null; changed: string[]; undone: string[] };

// What a deal would earn, and what edited rules would have paid.
export type { DealEstimate, NextDeal, WhatIfAnswer, WhatIfMonth };
export type EstimateBody = z.input<typeof schemas.estimateBody>;
export type WhatIfBody = z.input<typeof schemas.whatIfBody>;
/** `GET /admin/rotation/fairness?from&to`: per manager, clients given and received and what came of them. */
export type { RotationFairness };
