import { z } from 'zod';
import { perAsOf } from '../schema/as-of.ts';
import { clientChangesSchemaAsOf, typedContactSchema } from '../schema/client-changes.ts';
import { boundedText, daySchema, idSchema, isoDateSchema, monthSchema, nameText } from '../schema/common.ts';
import { fairnessPeriodProblem } from '../core/rotation/fairness.ts';
import { clientSchema, clientSortKeys } from '../schema/client.ts';
import { dealFields, refuseProfitOverAmount } from '../schema/deal.ts';
import { channelSchema, staffConsentSchema } from '../schema/consent.ts';
import { reportOutcomeSchema } from '../schema/history.ts';
import { absencesSchema, managerSchema, roleSchema } from '../schema/manager.ts';

/** Request bodies and queries, composed from the shared schemas; every one strict. */
const c = clientSchema.shape;

export const createClientBody = z
  .object({
    id: idSchema.optional(),
    name: c.name,
    kind: c.kind,
    size: c.size,
    phones: c.phones,
    emails: c.emails,
    taxNumber: c.taxNumber,
    source: c.source,
  })
  .strict();

/** An admin may also place the client with a manager (or leave it in the new base). */
export const adminCreateClientBody = createClientBody
  .extend({ managerId: idSchema.nullable().optional(), attractedBy: idSchema.optional() })
  .strict();

export const versionSchema = z.number().int('must be a whole number').min(1, 'must be at least 1');

export const updateClientBodyAsOf = perAsOf((asOf) =>
  z.object({ version: versionSchema, changes: clientChangesSchemaAsOf(asOf) }).strict(),
);
export const updateClientBody = updateClientBodyAsOf();

export const batchRowSchemaAsOf = perAsOf((asOf) =>
  z.object({ clientId: idSchema, version: versionSchema, changes: clientChangesSchemaAsOf(asOf) }).strict(),
);
export const batchRowSchema = batchRowSchemaAsOf();
export const maxBatchRows = 200;
export const batchSaveBody = z
  .object({ rows: z.array(z.unknown()).min(1, 'send at least one row').max(maxBatchRows, `at most ${maxBatchRows} rows per call`) })
  .strict();

/** A deal as staff log it: a completed sale, so dated no later than today; profit within the amount. */
export const dealBodyAsOf = perAsOf((asOf) =>
  z
    .object({ id: idSchema.optional(), ...dealFields(asOf) })
    .strict()
    .superRefine(refuseProfitOverAmount),
);
export const dealBody = dealBodyAsOf();
export const adminDealBodyAsOf = perAsOf((asOf) =>
  z
    .object({ id: idSchema.optional(), managerId: idSchema.optional(), ...dealFields(asOf) })
    .strict()
    .superRefine(refuseProfitOverAmount),
);

export const contactBody = z
  .object({ channel: z.enum(['call', 'meeting', 'email', 'sms', 'message', 'other']), text: boundedText(5000) })
  .strict();
export const noteBody = z.object({ text: boundedText(5000).min(1, 'must not be empty') }).strict();

// A web sign-up's proof (method website, IPs, the confirmation) and who recorded it are the server's to write.
export const consentBody = staffConsentSchema;

export const reportBody = z.object({ text: boundedText(5000).min(1, 'must not be empty'), outcome: reportOutcomeSchema }).strict();

export const publishRulesBody = z.object({ rules: z.unknown(), expectedVersion: z.number().int().min(0).optional() }).strict();

export const addManagerBody = managerSchema.omit({ active: true, deactivatedAt: true }).strict();
export const changeManagerBody = z
  .object({
    name: managerSchema.shape.name,
    level: managerSchema.shape.level,
    role: roleSchema,
    /** The whole list of leaves, replacing the stored one ([] clears it). */
    absences: absencesSchema,
    active: z.literal(true, 'deactivate a manager with POST /admin/managers/{id}/offboard: their clients must be handed on'),
    /** The version the change was made on: a roster entry changed meanwhile answers 409. */
    expectedVersion: z.number().int('must be a whole number').min(0, 'must be at least 0'),
  })
  .partial()
  .strict()
  .refine((ch) => Object.keys(ch).some((k) => k !== 'expectedVersion'), 'name at least one field to change');

export const pinBody = z.object({ pinned: z.boolean() }).strict();
export const rotationPreviewBody = z.object({ at: isoDateSchema.optional() }).strict();
export const rotationApplyBody = z.object({}).strict();
export const offboardBody = z.object({ dryRun: z.boolean().optional() }).strict();
export const mailingExportBody = z.object({ channel: channelSchema, confirmations: z.boolean().default(false) }).strict();
export const emptyBody = z.object({}).strict();

export const monthParam = monthSchema;

const limitParam = (max: number, fallback: number) =>
  z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`).default(fallback);

/** Large enough for the add-on to load a book of 10,000 in four calls (2,500 clients ≈ 1.1 MB of JSON). */
export const maxPageSize = 2500;
export const listClientsQuery = z
  .object({
    limit: limitParam(maxPageSize, 50),
    cursor: z.string().max(1000).optional(),
    sort: z.enum(clientSortKeys).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    q: nameText(100).optional(),
    kind: c.kind.optional(),
    size: z.enum(['regular', 'large']).optional(),
    lost: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    managerId: idSchema.optional(),
  })
  .strict();

/** Clients a manager's sheet still shows but the list no longer returns: why they went. */
export const departuresBody = z
  .object({ ids: z.array(idSchema).min(1, 'send at least one id').max(maxPageSize, `at most ${maxPageSize} ids per call`) })
  .strict();

export const auditQuery = z.object({ limit: limitParam(500, 100), cursor: z.string().max(200).optional() }).strict();
export const emptyQuery = z.object({}).strict();

/** The head of sales' oversight: rules history, overdue reports, statements, the dashboard. */
export const rulesVersionsQuery = z
  .object({
    limit: limitParam(100, 50),
    cursor: z
      .string()
      .regex(/^[1-9]\d{0,8}$/, 'unknown cursor; start again without it')
      .optional(),
  })
  .strict();
export const rulesVersionParam = z.coerce
  .number('must be a version number')
  .int('must be a whole number')
  .min(0, 'must be at least 0')
  .max(1e9, 'no such version');
export const clientNamesBody = z
  .object({ ids: z.array(idSchema).min(1, 'send at least one id').max(maxPageSize, `at most ${maxPageSize} ids per call`) })
  .strict();
export const dashboardQuery = z.object({ months: limitParam(24, 12) }).strict();

/** `GET /admin/rotation/fairness?from&to` and `clientbase rotation-fairness`: company days, from ≤ to, at most a year. */
export const rotationFairnessQuery = z
  .object({ from: daySchema, to: daySchema })
  .strict()
  .superRefine((q, ctx) => {
    const problem = fairnessPeriodProblem(q.from, q.to);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

/** The head of sales confirms or rejects deals their holders recorded (rows as a sheet sends them). */
export const dealReviewRowSchema = z
  .object({
    dealId: idSchema,
    version: versionSchema,
    decision: z.enum(['confirm', 'reject']),
    reason: boundedText(500).optional(),
  })
  .strict()
  .refine((row) => row.decision !== 'reject' || (row.reason ?? '').trim() !== '', {
    message: 'is required when the decision is reject',
    path: ['reason'],
  });
export const maxDealReviewRows = 200;
export const dealReviewBody = z
  .object({
    rows: z.array(z.unknown()).min(1, 'send at least one row').max(maxDealReviewRows, `at most ${maxDealReviewRows} rows per call`),
  })
  .strict();
export const dealReviewStatusSchema = z.enum(['unconfirmed', 'confirmed', 'rejected']);
export const dealsToConfirmQuery = z
  .object({
    status: dealReviewStatusSchema.default('unconfirmed'),
    managerId: idSchema.optional(),
    limit: limitParam(500, 100),
    cursor: z.string().max(1000).optional(),
  })
  .strict();

/** The admin frees a contact a client once had: a phone, an e-mail or an INN, as typed. */
export const releaseContactBody = z.object({ contact: typedContactSchema }).strict();

export { verifyContactBody } from '../schema/signup.ts';

/** Where the admin restores a client's fields to: an instant, or just before one entry of its history. */
export const restoreClientBody = z
  .object({ at: isoDateSchema.optional(), historyEntryId: idSchema.optional() })
  .strict()
  .refine((b) => (b.at === undefined) !== (b.historyEntryId === undefined), {
    message: 'give exactly one of at or historyEntryId',
    path: ['at'],
  });
