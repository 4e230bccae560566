import { z } from 'zod';
import { happenedDateSchema, perAsOf } from './as-of.ts';
import { idSchema, nameText } from './common.ts';

export const roleSchema = z.enum(['manager', 'admin']);
export type Role = z.infer<typeof roleSchema>;

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
    })
    .strict(),
);
export const managerSchema = managerSchemaAsOf();

export type Manager = z.infer<typeof managerSchema>;
