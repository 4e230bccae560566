import type { HttpFunction } from '@google-cloud/functions-framework';
import { Router } from 'express';
import type { Firestore } from 'firebase-admin/firestore';
import { AppError, isAppError } from '../errors.ts';
import { requireJsonEnvelope } from '../http/body-envelope.ts';
import { clientIp } from '../http/client-ip.ts';
import { sendProblem } from '../http/problem.ts';
import { writeAudit } from '../store/audit-store.ts';
import { foreignClient } from '../store/client-edit-store.ts';
import { openFirestore } from '../store/db.ts';
import { readRules } from '../store/rules-store.ts';
import { asOfNow, type AsOf } from '../schema/as-of.ts';
import { authenticate, verifierFromEnv, type Verifier } from './auth.ts';
import { bodyError, installProblemFinalHandler } from './final-handler.ts';
import { answerHealth, isHealthCheck } from './health.ts';
import { knowRoutes } from './path-errors.ts';
import type { Ctx } from './context.ts';
import { adminAuditRoutes } from './routes/admin-audit.ts';
import { adminConfigRoutes } from './routes/admin-config.ts';
import { adminDealRoutes } from './routes/admin-deals.ts';
import { adminFairnessRoutes } from './routes/admin-fairness.ts';
import { adminJobRoutes } from './routes/admin-jobs.ts';
import { adminOversightRoutes } from './routes/admin-oversight.ts';
import { batchSaveRoutes } from './routes/batch-save.ts';
import { staffClientRoutes } from './routes/staff-clients.ts';
import { staffSheetRoutes } from './routes/staff-sheet.ts';
import { staffWorkRoutes } from './routes/staff-work.ts';

// At import, so before the functions framework builds its express app: its body-parser errors
// (malformed JSON) must answer problem+json too, never express's HTML page.
installProblemFinalHandler();

/** Well under what Apps Script (UrlFetchApp) and a spreadsheet row edit need; bigger is a mistake. */
export const maxBodyBytes = 256 * 1024;

export type ApiOptions = {
  db: () => Firestore;
  verify: () => Verifier;
  now?: () => Date;
  deadlineMs?: number;
  /** Proxies that append to X-Forwarded-For in front of the function (Google's front end: 1). */
  trustedProxyHops?: number;
};

/**
 * Apps Script's UrlFetchApp gives up after 60 s and then cannot tell what happened. If the database
 * stalls, the caller hears so before that, with a problem that says the outcome is unknown.
 */
export const defaultDeadlineMs = 45_000;

export function buildRouter(): Router {
  const router = Router({ strict: false });
  staffClientRoutes(router);
  batchSaveRoutes(router);
  staffSheetRoutes(router);
  staffWorkRoutes(router);
  adminConfigRoutes(router);
  adminJobRoutes(router);
  adminOversightRoutes(router);
  adminDealRoutes(router);
  adminAuditRoutes(router);
  adminFairnessRoutes(router);
  knowRoutes(router);
  return router;
}

export function createApiHandler(options: ApiOptions): HttpFunction {
  const router = buildRouter();
  const now = options.now ?? (() => new Date());
  let db: Firestore | undefined;
  let verify: Verifier | undefined;
  return async (req, res) => {
    res.set('cache-control', 'no-store');
    const at = now().toISOString();
    const deadline = setTimeout(() => {
      sendProblem(
        res,
        new AppError(
          'unavailable',
          'the base did not answer in time; the change may or may not have been saved: reload before trying again',
        ),
      );
    }, options.deadlineMs ?? defaultDeadlineMs);
    res.once('close', () => clearTimeout(deadline));
    let ctx: Ctx | undefined;
    try {
      db ??= options.db();
      if (isHealthCheck(req)) return await answerHealth(res, db);
      verify ??= options.verify();
      requireJsonEnvelope(req, maxBodyBytes);
      const caller = await authenticate(db, verify, req.get('authorization'), {
        method: req.method,
        path: req.path,
        at,
        source: clientIp(req, options.trustedProxyHops ?? 1),
      });
      const ctxDb = db;
      let asOf: Promise<AsOf> | undefined;
      ctx = { db, caller, at, now, asOf: () => (asOf ??= readRules(ctxDb).then(({ rules }) => asOfNow(rules.timeZone, new Date(at)))) };
      res.locals.ctx = ctx;
      await new Promise<void>((resolve, reject) => {
        router(req, res, (err?: unknown) => {
          // A path that cannot be decoded (a stray %) is the caller's mistake, not ours.
          if (err !== undefined && err !== 'router' && err !== 'route') reject(bodyError(err));
          else reject(new AppError('not-found', `no route ${req.method} ${req.path}`));
        });
        res.once('finish', () => resolve());
        res.once('close', () => resolve());
      });
    } catch (e) {
      if (ctx !== undefined && isAppError(e) && (e.code === 'forbidden' || e.cause === foreignClient)) {
        await writeAudit(ctx.db, {
          at,
          actor: ctx.caller.manager.id,
          action: `${req.method} ${req.path}`,
          outcome: 'refused',
          details: { reason: e.code === 'forbidden' ? 'role' : "another manager's client" },
        }).catch(() => undefined);
      }
      sendProblem(res, e);
    }
  };
}

/** The deployed function: configuration from the environment, read on first use. */
export const apiHandler: HttpFunction = createApiHandler({ db: () => openFirestore(), verify: () => verifierFromEnv() });
