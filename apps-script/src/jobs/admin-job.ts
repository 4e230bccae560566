// Long admin work (a rotation, an offboarding, a bonus month) runs on the server as a job; the
// dialog polls it through google.script.run, one short execution per look, never one execution
// held for minutes. This is the look: the job's state, and its result in the person's words.
import { fetchJob, fetchTeam } from '../api/admin-api.ts';
import type { JobStatus, RotationReport } from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import { formatRoubles } from '../money.ts';
import type { JobAnswer, JobView } from '../page-contract.ts';
import { runSidebarCall } from '../workspace/feedback.ts';
import type { ActionContext } from '../workspace/session.ts';

type RunSummary = {
  moves?: unknown[];
  moved?: number;
  skipped?: unknown[] | number;
  unbalanced?: unknown[];
  alreadyApplied?: boolean;
  appliedAt?: string;
  appliedBy?: string;
  at?: string;
};
type MonthSummary = {
  month: string;
  closed: boolean;
  statements: Array<{ managerId: string; totals: { payable: number; pending: number; cancelled: number } }>;
};

const count = (v: unknown[] | number | undefined) => (Array.isArray(v) ? v.length : (v ?? 0));

export function jobView(
  job: JobStatus,
  now: Date,
  m: Messages,
  locale: 'en' | 'ru',
  who: (id: string) => string,
  when: (iso: string) => string,
): JobView {
  const j = m.admin.jobs;
  const seconds = Math.max(
    0,
    Math.round(((job.finishedAt ? Date.parse(job.finishedAt) : now.getTime()) - Date.parse(job.startedAt)) / 1000),
  );
  const base = { jobId: job.id, kind: job.kind, status: job.status, seconds, alreadyApplied: false };
  if (job.status === 'running')
    return { ...base, text: j.running[job.kind as keyof typeof j.running]?.(seconds) ?? j.running.other(seconds) };
  if (job.status === 'failed') return { ...base, text: j.failed(String(job.error?.detail ?? ''), job.kind) };
  if (job.kind === 'bonus-compute') {
    const r = job.result as MonthSummary;
    const payable = r.statements.reduce((n, s) => n + s.totals.payable, 0);
    return {
      ...base,
      text: r.closed ? j.monthClosedAlready(r.month) : j.computed(r.month, r.statements.length, formatRoubles(payable, locale)),
    };
  }
  const r = job.result as RunSummary & Partial<RotationReport>;
  const moved = r.moves ? r.moves.length : (r.moved ?? 0);
  if (r.alreadyApplied)
    return { ...base, alreadyApplied: true, text: j.alreadyApplied(r.at ?? '', when(r.appliedAt ?? ''), who(r.appliedBy ?? ''), moved) };
  // An offboarding hands everything on: uneven by design, nothing to point out.
  const offboarding = job.kind === 'offboarding';
  return { ...base, text: j.applied(offboarding, moved, count(r.skipped), offboarding ? 0 : count(r.unbalanced)) };
}

/** google.script.run: how a job stands now. */
export function adminJob(jobId: string): JobAnswer {
  return runSidebarCall((session: ActionContext) => {
    const job = fetchJob(String(jobId));
    const names = job.status === 'done' ? new Map(fetchTeam().map((t) => [t.id, t.name])) : new Map<string, string>();
    const when = (iso: string) => (iso ? Utilities.formatDate(new Date(iso), session.timeZone, 'yyyy-MM-dd HH:mm') : '');
    return { job: jobView(job, new Date(), session.m, session.locale, (id) => names.get(id) ?? id, when) };
  });
}
