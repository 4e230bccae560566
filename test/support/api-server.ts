import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { startDevIdentity, type DevIdentity } from '../../functions/src/local/dev-identity.ts';

/**
 * The deployed `api` entry point behind the functions framework's server, for a project on the
 * emulator (FIRESTORE_EMULATOR_HOST), with tokens from the local stand-in issuer; outside vitest
 * too (the benches). One per process: the handler reads its environment on first use.
 */
export type ApiServer = { url: string; identity: DevIdentity; tokenFor: (id: string) => string; close: () => Promise<void> };

export async function startApiServer(projectId: string, env: Record<string, string> = {}): Promise<ApiServer> {
  const identity = await startDevIdentity({ audience: 'clientbase-api' });
  Object.assign(process.env, { GCLOUD_PROJECT: projectId, API_AUDIENCE: identity.audience, ID_TOKEN_CERTS_URL: identity.certsUrl, ...env });
  await import('../../functions/src/index.ts');
  const server: Server = getTestServer('api');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const tokens = new Map<string, string>();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    identity,
    tokenFor: (id) => {
      if (!tokens.has(id)) tokens.set(id, identity.mint({ email: `${id}@example.com` }));
      return tokens.get(id)!;
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await identity.close();
    },
  };
}
