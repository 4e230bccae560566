// Disputes, acknowledgements and the payroll file as the add-on uses them, typed by the server's contract.
import type { z } from 'zod';
import type { disputeBody, Dispute, DisputesAnswer, PayrollAnswer, resolveDisputeBody } from '../../../functions/src/api/contract.ts';
import { callApi, callApiAll } from './api-client.ts';
import type { ApiError } from './api-error.ts';

export function openDispute(month: string, body: z.input<typeof disputeBody>): Dispute {
  return callApi<{ dispute: Dispute }>({ method: 'post', path: `statements/${encodeURIComponent(month)}/disputes`, body }).dispute;
}

export function fetchMyDisputes(): DisputesAnswer {
  return callApi<DisputesAnswer>({ method: 'get', path: 'disputes' });
}

/** Acknowledging twice keeps the first time: safe to retry. */
export function acknowledgeStatement(month: string): { month: string; acknowledgedAt: string } {
  return callApi({ method: 'post', path: `statements/${encodeURIComponent(month)}/acknowledge`, body: {}, idempotent: true });
}

export function fetchOpenDisputes(): DisputesAnswer {
  return callApi<DisputesAnswer>({ method: 'get', path: 'admin/disputes', query: { status: 'open' } });
}

/** Each decision its own request, sent together; a dispute already resolved answers 409, so a retry cannot pay twice. */
export function resolveDisputes(
  decisions: ReadonlyArray<{ id: string; body: z.input<typeof resolveDisputeBody> }>,
): Array<{ dispute: Dispute } | ApiError> {
  return callApiAll<{ dispute: Dispute }>(
    decisions.map((d) => ({ method: 'post', path: `admin/disputes/${encodeURIComponent(d.id)}/resolve`, body: d.body, idempotent: true })),
  );
}

export function fetchPayroll(month: string, lines: boolean): PayrollAnswer {
  return callApi<PayrollAnswer>({
    method: 'get',
    path: `admin/bonus/${encodeURIComponent(month)}/payroll`,
    query: lines ? { lines: 'true' } : {},
  });
}
