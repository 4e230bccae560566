import { z } from 'zod';
import { happenedDateSchema, perAsOf, type AsOf } from './as-of.ts';
import { clientSchema, clientSizeSchema } from './client.ts';
import { boundedText, daySchema, nameText } from './common.ts';

const c = clientSchema.shape;

/** The day of a planned contact: a reminder, so never before the company's today when typed. */
function nextContactDaySchema(asOf: AsOf | undefined) {
  if (asOf === undefined) return daySchema;
  // Piped, so a malformed day is told once, as malformed.
  return daySchema.pipe(
    z.string().refine((v) => v >= asOf.today, `must be today (${asOf.today}) or later: the next contact is still to come`),
  );
}

/**
 * What staff may change on a client (the API's edits and the add-on's saves); `null` clears an
 * optional field. Never the holder, pin or attribution. `lostAt` is when the client was lost,
 * never later than the company's today.
 */
export const clientChangesSchemaAsOf = perAsOf((asOf) =>
  z
    .object({
      name: c.name,
      kind: c.kind,
      size: clientSizeSchema,
      phones: z.array(nameText(40)).max(20, 'at most 20 phones'),
      emails: z.array(nameText(254)).max(20, 'at most 20 e-mails'),
      taxNumber: nameText(12).nullable(),
      source: c.source.unwrap().nullable(),
      lostAt: happenedDateSchema(asOf).nullable(),
      lostReason: boundedText(500).nullable(),
      competitor: nameText(200).nullable(),
      nextContactOn: nextContactDaySchema(asOf).nullable(),
    })
    .partial()
    .strict()
    .refine((ch) => Object.keys(ch).length > 0, 'name at least one field to change'),
);
/** The same without the company's today (the add-on checks the format; the API also the day). */
export const clientChangesSchema = clientChangesSchemaAsOf();

export type ClientChanges = z.infer<typeof clientChangesSchema>;

/** A contact as staff type it (a phone, an e-mail or an INN), named for the admin to release from a client. */
export const typedContactSchema = nameText(254).min(1, 'must not be empty');
