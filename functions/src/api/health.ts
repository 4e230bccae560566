import type { Request, Response } from 'express';
import type { Firestore } from 'firebase-admin/firestore';
import { log } from '../logger.ts';
import { sendProblem } from '../http/problem.ts';
import { checkDatabase } from '../store/health-store.ts';

/**
 * `GET /health`, for uptime checks and the runbook: no token needed, says only whether the service
 * runs and the database answers (200 `{ status: "ok" }`, else a 503 problem). It reveals no data.
 */
export function isHealthCheck(req: Request): boolean {
  return req.method === 'GET' && req.path === '/health';
}

export async function answerHealth(res: Response, db: Firestore): Promise<void> {
  try {
    const { millis } = await checkDatabase(db);
    res.status(200).json({ status: 'ok', database: { status: 'ok', millis } });
  } catch (e) {
    log().warn({ err: e }, 'health check: the database does not answer');
    sendProblem(res, e);
  }
}
