import { z } from 'zod';
import { boundedText, idSchema } from './common.ts';

export const roleSchema = z.enum(['manager', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const managerSchema = z
  .object({
    id: idSchema,
    name: boundedText(200).min(1, 'must not be empty'),
    email: z.string().trim().toLowerCase().pipe(z.email('must be an e-mail address')),
    level: z.number().int('must be a whole number').min(1, 'must be at least 1'),
    active: z.boolean(),
    role: roleSchema.default('manager'),
    deactivatedAt: z.string().optional(),
  })
  .strict();

export type Manager = z.infer<typeof managerSchema>;
