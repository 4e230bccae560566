import type { Router } from 'express';
import { dealsToConfirm, reviewDeals } from '../../operations/deal-review.ts';
import { actorOf, adminRoute, parseBody, parseQuery } from '../context.ts';
import type { DealReviewAnswer, DealsToConfirmPage } from '../contract.ts';
import { dealReviewBody, dealsToConfirmQuery } from '../schemas.ts';

/** The head of sales' deals of record: the deals to confirm, and their confirmation or rejection by rows. */
export function adminDealRoutes(router: Router): void {
  router.get(
    '/admin/deals',
    adminRoute('read deals to confirm', async (req, ctx) => {
      const query = parseQuery(req, dealsToConfirmQuery);
      const page = await dealsToConfirm(ctx.db, query);
      return { body: page satisfies DealsToConfirmPage, details: { status: query.status, listed: page.deals.length } };
    }),
  );

  router.post(
    '/admin/deals/review',
    adminRoute('review deals', async (req, ctx) => {
      const { rows } = parseBody(req, dealReviewBody);
      const answer = await reviewDeals(ctx.db, rows, actorOf(ctx));
      const { applied, conflicts, invalid } = answer;
      return { body: answer satisfies DealReviewAnswer, details: { applied, conflicts, invalid } };
    }),
  );
}
