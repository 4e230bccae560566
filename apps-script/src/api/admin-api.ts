// The head of sales' routes as the add-on uses them. Every one answers 403 `admin-only` to a
// manager (and the base audits the refusal); the add-on says "only the head of sales" instead.
import type { z } from 'zod';
import type { addManagerBody, changeManagerBody } from '../../../functions/src/api/contract.ts';
import { callApi } from './api-client.ts';
import { ApiError } from './api-error.ts';
import type {
  AuditPage,
  AuditVerifyAnswer,
  RestoreClientAnswer,
  ClientName,
  Dashboard,
  RotationEffect,
  DealReviewAnswer,
  DealReviewRow,
  DealReviewStatus,
  DealToConfirm,
  DealsToConfirmPage,
  JobStarted,
  JobStatus,
  MailingExport,
  MailingListKind,
  MonthStatements,
  OverdueReport,
  PublishedRules,
  RotationFairness,
  RotationReport,
  RulesConfig,
  RulesHistoryPage,
  RulesVersionAnswer,
  TeamMember,
  WhatIfAnswer,
} from '../../../functions/src/api/contract.ts';

export function fetchRules(): PublishedRules {
  return callApi<PublishedRules>({ method: 'get', path: 'admin/rules' });
}

/** Publishing carries the version the sheet was loaded at: the base refuses it over a newer one. */
export function publishRules(rules: RulesConfig | Record<string, unknown>, expectedVersion: number): PublishedRules {
  return callApi<PublishedRules>({ method: 'put', path: 'admin/rules', body: { rules, expectedVersion }, idempotent: true });
}

/** What the edited rules would have paid on the last closed months: nothing is stored or published, so a repeat is harmless. */
export function previewRulesEffect(rules: RulesConfig | Record<string, unknown>, months: number): WhatIfAnswer {
  return callApi<WhatIfAnswer>({ method: 'post', path: 'admin/rules/what-if', body: { rules, months }, idempotent: true });
}

export function fetchRulesHistory(limit = 100): RulesHistoryPage {
  return callApi<RulesHistoryPage>({ method: 'get', path: 'admin/rules/versions', query: { limit } });
}

export function fetchRulesVersion(version: number): RulesVersionAnswer {
  return callApi<RulesVersionAnswer>({ method: 'get', path: `admin/rules/versions/${version}` });
}

export function fetchTeam(): TeamMember[] {
  return callApi<{ managers: TeamMember[] }>({ method: 'get', path: 'admin/managers' }).managers;
}

/** A new manager keyed by the id typed for them: a repeat finds "already exists", never a second one. */
export function addTeamMember(body: z.input<typeof addManagerBody>): TeamMember {
  return callApi<{ manager: TeamMember }>({ method: 'post', path: 'admin/managers', body, idempotent: true }).manager;
}

export function changeTeamMember(id: string, body: z.input<typeof changeManagerBody>): TeamMember {
  return callApi<{ manager: TeamMember }>({
    method: 'patch',
    path: `admin/managers/${encodeURIComponent(id)}`,
    body,
    idempotent: body.expectedVersion !== undefined,
  }).manager;
}

export function previewRotation(): RotationReport {
  return callApi<RotationReport>({ method: 'post', path: 'admin/rotation/preview', body: {}, idempotent: true });
}

/** The rotation of today: keyed by its day, so a repeat changes nothing. */
export function applyRotation(): JobStarted {
  return callApi<JobStarted>({ method: 'post', path: 'admin/rotation/apply', body: {}, idempotent: true });
}

export function previewOffboarding(managerId: string): RotationReport {
  return callApi<RotationReport>({
    method: 'post',
    path: `admin/managers/${encodeURIComponent(managerId)}/offboard`,
    body: { dryRun: true },
    idempotent: true,
  });
}

export function offboard(managerId: string): JobStarted {
  return callApi<JobStarted>({
    method: 'post',
    path: `admin/managers/${encodeURIComponent(managerId)}/offboard`,
    body: {},
    idempotent: true,
  });
}

export function fetchJob(jobId: string): JobStatus {
  return callApi<JobStatus>({ method: 'get', path: `admin/jobs/${encodeURIComponent(jobId)}` });
}

export function computeBonusMonth(month: string): JobStarted {
  return callApi<JobStarted>({ method: 'post', path: `admin/bonus/${month}/compute`, body: {}, idempotent: true });
}

export function closeBonusMonth(month: string): { month: string; closed: true } {
  return callApi<{ month: string; closed: true }>({ method: 'post', path: `admin/bonus/${month}/close`, body: {}, idempotent: true });
}

/** A month's statements side by side, or null when it was never computed. */
export function fetchMonthStatements(month: string): MonthStatements | null {
  try {
    return callApi<MonthStatements>({ method: 'get', path: `admin/bonus/${month}/statements` });
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'not-found') return null;
    throw e;
  }
}

/** Not repeated on a lost answer: a second export would skip everyone the first one listed. */
export function exportMailingList(channel: 'sms' | 'email', kind: MailingListKind = 'mailing'): MailingExport {
  const body = { channel, confirmations: kind === 'confirmation' };
  return callApi<MailingExport>({ method: 'post', path: 'admin/mailing-exports', body });
}

export function fetchOverdueReports(): OverdueReport {
  return callApi<OverdueReport>({ method: 'get', path: 'admin/overdue-reports' });
}

export function fetchAuditPage(cursor: string | null, limit = 500): AuditPage {
  return callApi<AuditPage>({ method: 'get', path: 'admin/audit', query: { limit, cursor: cursor ?? undefined } });
}

export function fetchDashboard(months = 12): Dashboard {
  return callApi<Dashboard>({ method: 'get', path: 'admin/dashboard', query: { months } });
}

export function fetchRotationEffect(): RotationEffect {
  return callApi<RotationEffect>({ method: 'get', path: 'admin/rotation/effect' });
}

/** Names of clients by id, 2,500 a call. */
export function fetchClientNames(ids: readonly string[]): Map<string, ClientName> {
  const out = new Map<string, ClientName>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 2500) {
    const page = callApi<{ clients: ClientName[] }>({
      method: 'post',
      path: 'admin/clients/names',
      body: { ids: unique.slice(i, i + 2500) },
      idempotent: true,
    });
    for (const c of page.clients) out.set(c.id, c);
  }
  return out;
}

/** Every deal of a review status, oldest first, page by page. */
export function fetchDealsToConfirm(status: DealReviewStatus = 'unconfirmed'): DealToConfirm[] {
  const out: DealToConfirm[] = [];
  let cursor: string | null = null;
  do {
    const page: DealsToConfirmPage = callApi<DealsToConfirmPage>({
      method: 'get',
      path: 'admin/deals',
      query: { status, limit: 500, cursor: cursor ?? undefined },
    });
    out.push(...page.deals);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return out;
}

/** Each row carries the version its deal was loaded at, so sending the same rows twice cannot review twice. */
export function reviewDeals(rows: DealReviewRow[]): DealReviewAnswer {
  return callApi<DealReviewAnswer>({ method: 'post', path: 'admin/deals/review', body: { rows }, idempotent: true });
}

/** Whether every audit hash chain holds; each problem names its entry. */
export function fetchAuditVerify(): AuditVerifyAnswer {
  return callApi<AuditVerifyAnswer>({ method: 'get', path: 'admin/audit/verify' });
}

/** Puts a client's fields back as they were at an instant, or just before one history entry. */
export function restoreClientFromHistory(clientId: string, point: { at: string } | { historyEntryId: string }): RestoreClientAnswer {
  return callApi<RestoreClientAnswer>({
    method: 'post',
    path: `admin/clients/${encodeURIComponent(clientId)}/restore`,
    body: point,
    idempotent: true,
  });
}

/** Is rotation fair over [from, to] (company days): per manager, given, received and what came of them. */
export function fetchRotationFairness(from: string, to: string): RotationFairness {
  return callApi<RotationFairness>({ method: 'get', path: 'admin/rotation/fairness', query: { from, to } });
}
