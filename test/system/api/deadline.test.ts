import { createServer, type AddressInfo, type Socket } from 'node:net';
import express from 'express';
import { initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { createApiHandler } from '../../../functions/src/api/app.ts';
import { verifierFromEnv } from '../../../functions/src/api/auth.ts';
import { startDevIdentity } from '../../../functions/src/local/dev-identity.ts';

describe('api deadline', () => {
  it('answers 503 with "outcome unknown" before Apps Script gives up when the database does not answer', async () => {
    const identity = await startDevIdentity({ audience: 'deadline-test' });
    // A database that never answers: it accepts connections and stays silent.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const deadPort = (silent.address() as AddressInfo).port;
    // The emulator host variable would override the silent one.
    delete process.env.FIRESTORE_EMULATOR_HOST;
    const db = getFirestore(initializeApp({ projectId: 'deadline-test' }, `dead-${deadPort}`));
    db.settings({ host: `127.0.0.1:${deadPort}`, ssl: false });
    const handler = createApiHandler({
      db: () => db,
      verify: () => verifierFromEnv({ API_AUDIENCE: 'deadline-test', ID_TOKEN_CERTS_URL: identity.certsUrl }),
      deadlineMs: 500,
    });
    const app = express();
    app.use(express.json());
    app.use((req, res) => void handler(req, res));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/me`, {
        headers: { authorization: `Bearer ${identity.mint({ email: 'anna@example.com' })}` },
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/may or may not have been saved/);
    } finally {
      server.close();
      for (const s of sockets) s.destroy();
      silent.close();
      await identity.close();
    }
  });
});
