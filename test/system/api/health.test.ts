import { Firestore } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDatabase } from '../../../functions/src/store/health-store.ts';
import { startApi, type Api } from './api-harness.ts';

describe('GET /health', () => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi('health');
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers 200 without a token when the database answers, and reveals nothing else', async () => {
    const res = await api.call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: { status: 'ok', millis: expect.any(Number) } });
  });

  it('still asks for a token on every other path', async () => {
    expect((await api.call('GET', '/health/extra')).status).toBe(401);
    expect((await api.call('POST', '/health')).status).toBe(401);
  });

  it('reports a database that does not answer as unavailable within its time limit', async () => {
    // A client aimed (as at an emulator) at a port where nothing listens: the read never completes.
    const saved = process.env.FIRESTORE_EMULATOR_HOST;
    process.env.FIRESTORE_EMULATOR_HOST = '127.0.0.1:9';
    const dead = new Firestore({ projectId: 'health-dead' });
    process.env.FIRESTORE_EMULATOR_HOST = saved;
    const started = Date.now();
    await expect(checkDatabase(dead, 500)).rejects.toMatchObject({ code: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(5000);
    void dead.terminate();
  });
});
