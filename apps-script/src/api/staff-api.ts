// The staff API's routes as the add-on uses them, typed by the server's own schemas.
import type { z } from 'zod';
import type {
  batchRowSchema,
  consentBody,
  contactBody,
  createClientBody,
  dealBody,
  noteBody,
  reportBody,
  updateClientBody,
} from '../../../functions/src/api/contract.ts';
import { callApi, callApiAll, type ApiCall } from './api-client.ts';
import { ApiError, isApiError } from './api-error.ts';
import type {
  BatchAnswer,
  ClientCardAnswer,
  ClientPage,
  Departure,
  HandoverTask,
  MyTasksAnswer,
  VerifyContactBody,
  ListedClient,
  Me,
  StatementAnswer,
} from '../../../functions/src/api/contract.ts';

/** 2,500 clients (about 1.1 MB of JSON, far under UrlFetchApp's 50 MB) per call: a book of 10,000 in four. */
export const clientPageSize = 2500;

export type BatchRow = z.input<typeof batchRowSchema>;
export type NewClientBody = z.input<typeof createClientBody> & { id: string };

export function fetchMe(): Me {
  return callApi<Me>({ method: 'get', path: 'me' });
}

/** Every client the manager holds, page by page in name order. */
export function fetchMyClients(managerId: string): ListedClient[] {
  const out: ListedClient[] = [];
  let cursor: string | undefined;
  do {
    const page = callApi<ClientPage>({ method: 'get', path: 'clients', query: { limit: clientPageSize, sort: 'name', managerId, cursor } });
    out.push(...page.clients);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return out;
}

/** Rows carry the version they were read at, so sending the same batch twice cannot apply twice. */
export function saveClientRows(rows: BatchRow[]): BatchAnswer {
  return callApi<BatchAnswer>({ method: 'post', path: 'clients/batch', body: { rows }, idempotent: true });
}

export type CreateOutcome = { status: 'created'; client: ListedClient } | { status: 'duplicate' } | { status: 'error'; error: ApiError };

/**
 * New clients, several requests at a time. Each carries the id the sheet gave it before sending, so
 * a retry after a lost answer finds "already exists" for that same id and reads the client back.
 */
export function createClients(bodies: NewClientBody[]): CreateOutcome[] {
  const answers = callApiAll<{ client: ListedClient }>(
    bodies.map((body): ApiCall => ({ method: 'post', path: 'clients', body, idempotent: true })),
  );
  return answers.map((answer, i) => {
    if (!isApiError(answer)) return { status: 'created', client: answer.client };
    if (answer.kind !== 'duplicate') return { status: 'error', error: answer };
    if (answer.problem?.existingClientId !== bodies[i]!.id) return { status: 'duplicate' };
    try {
      return { status: 'created', client: fetchClient(bodies[i]!.id).client };
    } catch (e) {
      if (isApiError(e)) return { status: 'error', error: e };
      throw e;
    }
  });
}

export function fetchClient(clientId: string): ClientCardAnswer {
  return callApi<ClientCardAnswer>({ method: 'get', path: `clients/${encodeURIComponent(clientId)}` });
}

export function updateClient(clientId: string, body: z.input<typeof updateClientBody>): ListedClient {
  return callApi<{ client: ListedClient }>({ method: 'patch', path: `clients/${encodeURIComponent(clientId)}`, body, idempotent: true })
    .client;
}

export function departures(ids: string[]): Departure[] {
  const out: Departure[] = [];
  for (let i = 0; i < ids.length; i += clientPageSize) {
    out.push(
      ...callApi<{ departures: Departure[] }>({
        method: 'post',
        path: 'clients/departures',
        body: { ids: ids.slice(i, i + clientPageSize) },
        idempotent: true,
      }).departures,
    );
  }
  return out;
}

/** Deals carry an id made before sending: a retried request cannot log the deal twice. */
export function logDeal(clientId: string, body: z.input<typeof dealBody> & { id: string }): void {
  callApi({ method: 'post', path: `clients/${encodeURIComponent(clientId)}/deals`, body, idempotent: true });
}

export function logContact(clientId: string, body: z.input<typeof contactBody>): void {
  callApi({ method: 'post', path: `clients/${encodeURIComponent(clientId)}/contacts`, body });
}

export function addNote(clientId: string, body: z.input<typeof noteBody>): void {
  callApi({ method: 'post', path: `clients/${encodeURIComponent(clientId)}/notes`, body });
}

export function recordConsent(clientId: string, body: z.input<typeof consentBody>): void {
  callApi({ method: 'post', path: `clients/${encodeURIComponent(clientId)}/consents`, body });
}

export function fetchTasks(): HandoverTask[] {
  return fetchMyTasks().tasks;
}

/** My tasks: the handover reports due and the contacts awaiting my decision (an older base sends none). */
export function fetchMyTasks(): MyTasksAnswer {
  const answer = callApi<Partial<MyTasksAnswer>>({ method: 'get', path: 'tasks' });
  return { tasks: answer.tasks ?? [], contactsToVerify: answer.contactsToVerify ?? [] };
}

/** Deciding again as before changes nothing on the server: safe to retry. */
export function verifyContact(clientId: string, body: VerifyContactBody): void {
  callApi({ method: 'post', path: `clients/${encodeURIComponent(clientId)}/contacts/verify`, body, idempotent: true });
}

/** Filing twice on a closed task changes nothing on the server: safe to retry. */
export function fileReport(taskId: string, body: z.input<typeof reportBody>): void {
  callApi({ method: 'post', path: `tasks/${encodeURIComponent(taskId)}/report`, body, idempotent: true });
}

/** The manager's statement for a month (the head of sales may name the manager), or null when none has been computed. */
export function fetchStatement(month: string, managerId?: string): StatementAnswer | null {
  try {
    const path = `statements/${encodeURIComponent(month)}`;
    return callApi<StatementAnswer>({ method: 'get', path, query: { managerId } });
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'not-found') return null;
    throw e;
  }
}
