import { z } from 'zod';
import { happenedDateSchema, perAsOf } from './as-of.ts';
import { daySchema, idSchema, nameText } from './common.ts';

export const roleSchema = z.enum(['manager', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/** A leave, company days inclusive: the manager neither gives nor receives clients on those days. */
export const absenceSchema = z
  .object({ from: daySchema, to: daySchema })
  .strict()
  .refine((a) => a.from <= a.to, { message: 'must not be before from', path: ['to'] });
export type Absence = z.infer<typeof absenceSchema>;
export const maxAbsences = 50;
export const absencesSchema = z.array(absenceSchema).max(maxAbsences, `at most ${maxAbsences} absences`);

export const managerSchemaAsOf = perAsOf((asOf) =>
  z
    .object({
      id: idSchema,
      name: nameText(200).min(1, 'must not be empty'),
      email: z.string().trim().toLowerCase().pipe(z.email('must be an e-mail address')),
      level: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000'),
      active: z.boolean(),
      role: roleSchema.default('manager'),
      deactivatedAt: happenedDateSchema(asOf).optional(),
      absences: absencesSchema.optional(),
    })
    .strict(),
);
export const managerSchema = managerSchemaAsOf();

export type Manager = z.infer<typeof managerSchema>;
