import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { Firestore } from 'firebase-admin/firestore';
import { startDevIdentity, type DevIdentity, type TokenClaims } from '../../../functions/src/local/dev-identity.ts';
import type { Manager } from '../../../functions/src/schema/manager.ts';
import { awaitJob } from '../../support/await-job.ts';
import { testFirestore } from '../../support/firestore.ts';

export const audience = 'clientbase-api-test';

export type Answer = { status: number; contentType: string; body: any };
export type CallOptions = {
  as?: string;
  token?: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
};

export type Api = {
  db: Firestore;
  identity: DevIdentity;
  baseUrl: string;
  call: (method: string, path: string, options?: CallOptions) => Promise<Answer>;
  tokenFor: (email: string, claims?: Partial<TokenClaims>) => string;
  addManager: (m: Partial<Manager> & { id: string }) => Promise<Manager>;
  /** Follows a job that answered 202 to its end, polling as `as` (the head of sales unless told). */
  awaitJob: (started: Answer, as?: string) => Promise<Answer>;
  close: () => Promise<void>;
};

/**
 * The deployed `api` function behind the functions framework's own server, on the real emulator,
 * with tokens from a local issuer that the production verifier is pointed at (ID_TOKEN_CERTS_URL).
 * One per test file: each file runs in its own process, and the handler reads its env on first use.
 */
export async function startApi(label: string): Promise<Api> {
  const { db, projectId } = testFirestore(label);
  const identity = await startDevIdentity({ audience });
  process.env.GCLOUD_PROJECT = projectId;
  process.env.API_AUDIENCE = audience;
  process.env.ID_TOKEN_CERTS_URL = identity.certsUrl;
  await import('../../../functions/src/index.ts');
  const server: Server = getTestServer('api');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens = new Map<string, string>();
  const tokenFor = (email: string, claims: Partial<TokenClaims> = {}) => {
    if (Object.keys(claims).length > 0) return identity.mint({ email, ...claims });
    let t = tokens.get(email);
    if (!t) tokens.set(email, (t = identity.mint({ email })));
    return t;
  };
  const api: Api = {
    db,
    identity,
    baseUrl,
    tokenFor,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      const token = options.token ?? (options.as !== undefined ? tokenFor(`${options.as}@example.com`) : undefined);
      if (token !== undefined) headers.authorization = `Bearer ${token}`;
      let payload: string | undefined = options.rawBody;
      if (options.body !== undefined) payload = JSON.stringify(options.body);
      if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
      const res = await fetch(baseUrl + path, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
      const text = await res.text();
      const contentType = res.headers.get('content-type') ?? '';
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // stays text: the assertions will say so
      }
      return { status: res.status, contentType, body };
    },
    async addManager(m) {
      const manager: Manager = { name: m.id, email: `${m.id}@example.com`, level: 1, active: true, role: 'manager', ...m };
      await db.collection('managers').doc(m.id).set(manager);
      return manager;
    },
    awaitJob: (started, as = 'head') => awaitJob(started, (poll) => api.call('GET', poll, { as })),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await identity.close();
    },
  };
  return api;
}

export function expectProblem(answer: Answer, status: number): void {
  if (answer.status !== status || !answer.contentType.startsWith('application/problem+json')) {
    throw new Error(`expected a ${status} problem document, got ${answer.status} ${answer.contentType}: ${JSON.stringify(answer.body)}`);
  }
}
