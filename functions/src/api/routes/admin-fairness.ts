import type { Router } from 'express';
import { fairnessReport } from '../../operations/rotation-fairness.ts';
import { adminRoute, parseQuery } from '../context.ts';
import type { RotationFairness } from '../contract.ts';
import { rotationFairnessQuery } from '../schemas.ts';

/** The head of sales asks whether rotation is fair: what each manager gave, received, and did with it. */
export function adminFairnessRoutes(router: Router): void {
  router.get(
    '/admin/rotation/fairness',
    adminRoute('read rotation fairness', async (req, ctx) => {
      const period = parseQuery(req, rotationFairnessQuery);
      const report = await fairnessReport(ctx.db, { ...period, now: ctx.now() });
      return { body: report satisfies RotationFairness, details: { ...period, runs: report.runs.length } };
    }),
  );
}
