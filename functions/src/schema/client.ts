import { z } from 'zod';
import { boundedText, idSchema, isoDateSchema } from './common.ts';
import { consentSchema, incentiveSchema } from './consent.ts';

export const clientKindSchema = z.enum(['person', 'company']);
export const clientSizeSchema = z.enum(['regular', 'large']);
export const clientSourceSchema = z.enum(['questionnaire', 'website', 'event', 'referral', 'import', 'cold-call', 'other']);

/** A manager who held the client before; rotation uses it to avoid boomerangs. */
export const formerHolderSchema = z
  .object({
    managerId: idSchema,
    until: isoDateSchema,
    /** Sequence number of the rotation that took the client away, if a rotation did. */
    rotationSeq: z.number().int().min(1).optional(),
  })
  .strict();
export type FormerHolder = z.infer<typeof formerHolderSchema>;

/** A client as it is written in a snapshot, an import file or an API body (raw contacts). */
export const clientSchema = z
  .object({
    id: idSchema,
    name: boundedText(300).min(1, 'must not be empty'),
    kind: clientKindSchema,
    size: clientSizeSchema.default('regular'),
    phones: z.array(boundedText(40)).max(20, 'at most 20 phones').default([]),
    emails: z.array(boundedText(254)).max(20, 'at most 20 e-mails').default([]),
    taxNumber: boundedText(12).optional(),
    source: clientSourceSchema.optional(),
    managerId: idSchema.nullable(),
    assignedAt: isoDateSchema.optional(),
    attractedBy: idSchema.optional(),
    createdAt: isoDateSchema.optional(),
    lostAt: isoDateSchema.optional(),
    lostReason: boundedText(500).optional(),
    competitor: boundedText(200).optional(),
    pinned: z.boolean().optional(),
    formerHolders: z.array(formerHolderSchema).max(50).optional(),
    consents: z.array(consentSchema).max(4).optional(),
    incentives: z.array(incentiveSchema).max(50).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.managerId !== null && c.assignedAt === undefined) {
      ctx.addIssue({ code: 'custom', path: ['assignedAt'], message: 'is required when the client has a manager' });
    }
    if ((c.lostReason !== undefined || c.competitor !== undefined) && c.lostAt === undefined) {
      ctx.addIssue({ code: 'custom', path: ['lostAt'], message: 'is required when a lost reason or competitor is given' });
    }
    const channels = new Set<string>();
    c.consents?.forEach((consent, i) => {
      if (channels.has(consent.channel)) {
        ctx.addIssue({ code: 'custom', path: ['consents', i, 'channel'], message: `appears twice (${consent.channel})` });
      }
      channels.add(consent.channel);
    });
  });

export type Client = z.infer<typeof clientSchema>;

/** The orders a client list can be read in (each has its composite index). */
export const clientSortKeys = ['name', 'updatedAt', 'lastDealAt', 'assignedAt'] as const;
export type ClientSortKey = (typeof clientSortKeys)[number];

/**
 * Fields kept on the client document so that scheduled jobs find candidates with indexed queries
 * instead of reading the base. Derived; never imported or exported.
 */
export type ClientDerived = {
  /** Normalised contact keys (`phone:+7...`, `email:...`, `inn:...`) for duplicate lookups. */
  contactKeys: string[];
  dealCount: number;
  /** Deals with the current manager since `assignedAt`; 0 makes the client stale after holdMonths. */
  dealsSinceAssignment: number;
  firstDealAt: string | null;
  lastDealAt: string | null;
  /** Not lost, not pinned, has a manager: the only clients rotation may take. */
  rotatable: boolean;
  /** Optimistic concurrency: bumped on every write. */
  version: number;
  /** Per channel: granted, not dead, and an address to send to; the mailing export queries it. */
  mailable?: { sms: boolean; email: boolean };
  updatedAt: string;
  /** Who last edited the client's own fields through the API, and when (a conflict names them). */
  lastEdit?: { by: string; at: string };
};

export type ClientDoc = Client & ClientDerived;

/**
 * What the API adds to a client it lists for its holder's sheet: computed on each read from the
 * rules in force and the open handover tasks, never stored.
 */
export type ClientHoldingFacts = {
  /** Calendar days since the client was assigned to its manager, in the company's time zone. */
  daysHeld: number | null;
  /** The day the client becomes a rotation candidate if nothing happens (MISSION §2.1). */
  rotationDueOn: string | null;
  /** The due day of the holder's open handover report on this client, if any (MISSION §2.6). */
  reportDueOn: string | null;
};
