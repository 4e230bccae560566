// How many deal decisions the base takes in one call: its own limit, evaluated when the add-on is
// built (build.ts), so the bundle holds the number and not the schemas it comes from.
export { maxDealReviewRows } from '../../../functions/src/api/schemas.ts';
