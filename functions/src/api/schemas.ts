import { z } from 'zod';
import { boundedText, idSchema, isoDateSchema, monthSchema, moneySchema } from '../schema/common.ts';
import { clientSchema, clientSortKeys } from '../schema/client.ts';
import { channelSchema, consentMethodSchema, consentProofSchema } from '../schema/consent.ts';
import { managerSchema, roleSchema } from '../schema/manager.ts';

/** Request bodies and queries, composed from the shared schemas; every one strict. */
const c = clientSchema.shape;

export const createClientBody = z
  .object({ id: idSchema.optional(), name: c.name, kind: c.kind, size: c.size, phones: c.phones, emails: c.emails, taxNumber: c.taxNumber, source: c.source })
  .strict();

/** An admin may also place the client with a manager (or leave it in the new base). */
export const adminCreateClientBody = createClientBody.extend({ managerId: idSchema.nullable().optional(), attractedBy: idSchema.optional() }).strict();

export const clientChangesSchema = z
  .object({
    name: c.name,
    kind: c.kind,
    size: z.enum(['regular', 'large']),
    phones: z.array(boundedText(40)).max(20, 'at most 20 phones'),
    emails: z.array(boundedText(254)).max(20, 'at most 20 e-mails'),
    taxNumber: boundedText(12).nullable(),
    source: c.source.unwrap().nullable(),
    lostAt: isoDateSchema.nullable(),
    lostReason: boundedText(500).nullable(),
    competitor: boundedText(200).nullable(),
  })
  .partial()
  .strict()
  .refine((ch) => Object.keys(ch).length > 0, 'name at least one field to change');

export const versionSchema = z.number().int('must be a whole number').min(1, 'must be at least 1');

export const updateClientBody = z.object({ version: versionSchema, changes: clientChangesSchema }).strict();

export const batchRowSchema = z.object({ clientId: idSchema, version: versionSchema, changes: clientChangesSchema }).strict();
export const maxBatchRows = 200;
export const batchSaveBody = z.object({ rows: z.array(z.unknown()).min(1, 'send at least one row').max(maxBatchRows, `at most ${maxBatchRows} rows per call`) }).strict();

export const dealBody = z
  .object({ id: idSchema.optional(), date: isoDateSchema, amount: moneySchema.refine((v) => v >= 0, 'must not be negative'), profit: moneySchema })
  .strict();
export const adminDealBody = dealBody.extend({ managerId: idSchema.optional() }).strict();

export const contactBody = z.object({ channel: z.enum(['call', 'meeting', 'email', 'sms', 'message', 'other']), text: boundedText(5000) }).strict();
export const noteBody = z.object({ text: boundedText(5000).min(1, 'must not be empty') }).strict();

export const consentBody = z.object({ channel: channelSchema, status: z.enum(['granted', 'withdrawn']), method: consentMethodSchema, proof: consentProofSchema.default({}) }).strict();

export const reportBody = z.object({ text: boundedText(5000).min(1, 'must not be empty'), outcome: z.enum(['deal', 'in-progress', 'no-need', 'unreachable', 'lost', 'other']) }).strict();

export const publishRulesBody = z.object({ rules: z.unknown(), expectedVersion: z.number().int().min(0).optional() }).strict();

export const addManagerBody = managerSchema.omit({ active: true, deactivatedAt: true }).strict();
export const changeManagerBody = z
  .object({
    name: managerSchema.shape.name,
    level: managerSchema.shape.level,
    role: roleSchema,
    active: z.literal(true, 'deactivate a manager with POST /admin/managers/{id}/offboard: their clients must be handed on'),
  })
  .partial()
  .strict()
  .refine((ch) => Object.keys(ch).length > 0, 'name at least one field to change');

export const pinBody = z.object({ pinned: z.boolean() }).strict();
export const rotationPreviewBody = z.object({ at: isoDateSchema.optional() }).strict();
export const rotationApplyBody = z.object({}).strict();
export const offboardBody = z.object({ dryRun: z.boolean().optional() }).strict();
export const mailingExportBody = z.object({ channel: channelSchema }).strict();
export const emptyBody = z.object({}).strict();

export const monthParam = monthSchema;

const limitParam = (max: number, fallback: number) => z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(max, `must be at most ${max}`).default(fallback);

/** Large enough for the add-on to load a book of 10,000 in four calls (2,500 clients ≈ 1.1 MB of JSON). */
export const maxPageSize = 2500;
export const listClientsQuery = z
  .object({
    limit: limitParam(maxPageSize, 50),
    cursor: z.string().max(1000).optional(),
    sort: z.enum(clientSortKeys).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    q: boundedText(100).optional(),
    kind: c.kind.optional(),
    size: z.enum(['regular', 'large']).optional(),
    lost: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    managerId: idSchema.optional(),
  })
  .strict();

/** Clients a manager's sheet still shows but the list no longer returns: why they went. */
export const departuresBody = z.object({ ids: z.array(idSchema).min(1, 'send at least one id').max(maxPageSize, `at most ${maxPageSize} ids per call`) }).strict();

export const auditQuery = z.object({ limit: limitParam(500, 100), cursor: z.string().max(200).optional() }).strict();
export const emptyQuery = z.object({}).strict();
