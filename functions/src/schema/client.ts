import { z } from 'zod';
import type { NextDeal } from '../core/bonus/next-deal.ts';
import { happenedDateSchema, perAsOf } from './as-of.ts';
import { boundedText, daySchema, idSchema, nameText } from './common.ts';
import { consentSchemaAsOf, incentiveSchemaAsOf } from './consent.ts';

export const clientKindSchema = z.enum(['person', 'company']);
export const clientSizeSchema = z.enum(['regular', 'large']);
export const clientSourceSchema = z.enum(['questionnaire', 'website', 'event', 'referral', 'import', 'cold-call', 'other']);

/** A manager who held the client before; rotation uses it to avoid boomerangs. */
export const formerHolderSchemaAsOf = perAsOf((asOf) =>
  z
    .object({
      managerId: idSchema,
      until: happenedDateSchema(asOf),
      /** Sequence number of the rotation that took the client away, if a rotation did. */
      rotationSeq: z.number().int().min(1).optional(),
    })
    .strict(),
);
export const formerHolderSchema = formerHolderSchemaAsOf();
export type FormerHolder = z.infer<typeof formerHolderSchema>;

/**
 * A client as it is written in a snapshot, an import file or an API body (raw contacts). With
 * `asOf`, its dates (created, assigned, lost, consents, incentives) must not be after that day.
 */
export const clientSchemaAsOf = perAsOf((asOf) =>
  z
    .object({
      id: idSchema,
      name: nameText(300).min(1, 'must not be empty'),
      kind: clientKindSchema,
      size: clientSizeSchema.default('regular'),
      phones: z.array(nameText(40)).max(20, 'at most 20 phones').default([]),
      emails: z.array(nameText(254)).max(20, 'at most 20 e-mails').default([]),
      taxNumber: nameText(12).optional(),
      source: clientSourceSchema.optional(),
      managerId: idSchema.nullable(),
      assignedAt: happenedDateSchema(asOf).optional(),
      attractedBy: idSchema.optional(),
      createdAt: happenedDateSchema(asOf).optional(),
      lostAt: happenedDateSchema(asOf).optional(),
      lostReason: boundedText(500).optional(),
      competitor: nameText(200).optional(),
      /** The company day the holder means to contact the client next; Today lists it once due. */
      nextContactOn: daySchema.optional(),
      pinned: z.boolean().optional(),
      formerHolders: z.array(formerHolderSchemaAsOf(asOf)).max(50).optional(),
      consents: z.array(consentSchemaAsOf(asOf)).max(4).optional(),
      incentives: z.array(incentiveSchemaAsOf(asOf)).max(50).optional(),
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
    }),
);
export const clientSchema = clientSchemaAsOf();

export type Client = z.infer<typeof clientSchema>;

/** The client's own fields staff may change (never the holder, pin or attribution); an edit's history entry names them. */
export const editableClientFields = [
  'name',
  'kind',
  'size',
  'phones',
  'emails',
  'taxNumber',
  'source',
  'lostAt',
  'lostReason',
  'competitor',
  'nextContactOn',
] as const;
export type EditableClientField = (typeof editableClientFields)[number];

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
  /**
   * Keys of contacts staff removed from the client: still claimed by it in `contactKeys/{key}` (the
   * base remembers them against re-attraction) until the admin releases one.
   */
  formerContactKeys?: string[];
  dealCount: number;
  /** Deals with the current manager since `assignedAt`; 0 makes the client stale after holdMonths. */
  dealsSinceAssignment: number;
  firstDealAt: string | null;
  lastDealAt: string | null;
  /** Deals recorded by their holder still awaiting the head of sales' confirmation (absent: none). */
  dealsAwaiting?: number;
  /** Not lost, not pinned, has a manager: the only clients rotation may take. */
  rotatable: boolean;
  /** Optimistic concurrency: bumped on every write. */
  version: number;
  /** Per channel: granted, and an address on it that is not dead; the mailing export queries it. */
  mailable?: { sms: boolean; email: boolean };
  /** Per channel: a public sign-up pending confirmation, with an address to ask; the confirmation list queries it. */
  awaitingConfirmation?: { sms: boolean; email: boolean };
  updatedAt: string;
  /** Who last edited the client's own fields through the API, and when (a conflict names them). */
  lastEdit?: { by: string; at: string };
  /**
   * Who last marked the client lost, and the company month they did it in: the dashboard counts
   * each manager's marks per month (parking shows). Kept after a reinstatement.
   */
  lostMark?: { by: string; month: string };
  /** A sign-up gave contacts for this client that its holder has not yet accepted or declined; My tasks queries it. */
  hasContactsToVerify?: boolean;
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
  /** The holder's deals on this client still awaiting the head of sales' confirmation. */
  dealsAwaiting: number;
  /**
   * What stands between the holder and pay for this client: a company without an INN earns no
   * attraction or raised rate (`add-tax-number`); a lost client is out of the book (`lost`: ask the
   * admin to reinstate it).
   */
  payBlock: 'add-tax-number' | 'lost' | null;
  /** What the holder's next deal on it would earn (null: nobody holds it); set on every read the API answers. */
  nextDeal?: NextDeal | null;
};

const ownClientKeys = new Set(Object.keys(clientSchema.shape));

/**
 * A client document split into the client's own fields (what staff, imports and snapshots say)
 * and everything else on it (deal counts, flags, version: what the system keeps). The one place
 * that decides which is which.
 */
export function splitClientDoc(doc: Readonly<Record<string, unknown>>): { own: Client; derived: Record<string, unknown> } {
  // Own fields come out in the schema's order, so a snapshot of the base reads the same every time.
  const own: Record<string, unknown> = {};
  for (const k of ownClientKeys) if (doc[k] !== undefined) own[k] = doc[k];
  const derived: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!ownClientKeys.has(k)) derived[k] = v;
  return { own: own as Client, derived };
}
