// What passes between the add-on and its sidebar pages through google.script.run: plain data only.
import type { Locale, SidebarStrings } from './messages.ts';

/** What every page gets when it opens: its language and strings, and what it is about. */
export type PageBoot = { locale: Locale; strings: SidebarStrings; today: string } & Record<string, unknown>;

export type SidebarFailure = { ok: false; message: string; fieldErrors: Record<string, string> };

/** A page call answers with data, never by throwing: the page shows a failure beside the form. */
export type SidebarAnswer<T> = ({ ok: true } & T) | SidebarFailure;

/** A handover task as the tasks page lists it. */
export type TaskView = { id: string; clientId: string; clientName: string; reason: string; dueDate: string; overdue: boolean };
/** A contact a sign-up gave for one of my clients, awaiting my decision in its card. */
export type ContactTaskView = { clientId: string; clientName: string; text: string };

// The head of sales' pages.

/** What a rotation or offboarding dialog shows of a plan or of an applied run. */
export type PlanView = {
  runId: string;
  at: string;
  dryRun: boolean;
  alreadyApplied: boolean;
  appliedAt: string | null;
  appliedBy: string | null;
  moves: number;
  skipped: number;
  balance: Array<{ managerId: string; name: string; level: number | null; given: number; received: number }>;
  unbalanced: Array<{ name: string; why: string }>;
};
export type PlanAnswer = SidebarAnswer<{ plan: PlanView; sheet: string; summary: string[] }>;

/** A server job as a dialog follows it. */
export type JobView = {
  jobId: string;
  kind: string;
  status: 'running' | 'done' | 'failed';
  seconds: number;
  /** One line for the person: the progress, the outcome, or what went wrong. */
  text: string;
  /** For a rotation or offboarding that has finished: whether it had been applied before. */
  alreadyApplied: boolean;
};
export type JobAnswer = SidebarAnswer<{ job: JobView }>;
export type JobStartAnswer = SidebarAnswer<{ jobId: string }>;

/** A Config cell the base or the add-on refused, as the publish-errors sidebar lists it. */
export type ProblemView = { key: string | null; column: 'setting' | 'value'; label: string; cell: string; message: string };
export type PublishOutcome =
  | { status: 'published'; version: number }
  | { status: 'invalid'; problems: ProblemView[] }
  | { status: 'conflict'; message: string };
export type PublishAnswer = SidebarAnswer<{ outcome: PublishOutcome }>;

export type MonthAnswer = SidebarAnswer<{ month: string; closed: boolean; managers: number; text: string }>;
export type MailingAnswer = SidebarAnswer<{
  count: number;
  cadenceDays: number;
  sheet: string;
  csv: string;
  fileName: string;
  text: string;
}>;

/** A My clients cell a save refused, as the "Not saved" sidebar lists it; found again by client id (rows move). */
export type RefusedCellView = { clientId: string; key: string; row: number; cell: string; client: string; field: string; reason: string };
