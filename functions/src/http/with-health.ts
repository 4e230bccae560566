import type { HttpFunction } from '@google-cloud/functions-framework';
import { answerHealth, isHealthCheck } from '../api/health.ts';
import { openFirestore } from '../store/db.ts';

/**
 * `GET /health` on every function, before its own routes: the deploy's --verify and uptime checks call
 * it. It says only whether the function runs and the database answers; a job function's health sits
 * behind Cloud Run's IAM check like the job itself, and starts no job.
 */
export function withHealth(handler: HttpFunction): HttpFunction {
  return (req, res) => (isHealthCheck(req) ? answerHealth(res, openFirestore()) : handler(req, res));
}
