import { z } from 'zod';
import { clientSchema } from './client.ts';
import { dealSchema } from './deal.ts';
import { historyEntrySchema } from './history.ts';
import { managerSchema } from './manager.ts';
import { rulesConfigSchema } from './rules-config.ts';

/** The interchange contract of `clientbase import` and `clientbase export`. */
export const snapshotSchema = z
  .object({
    config: rulesConfigSchema.optional(),
    managers: z.array(z.unknown()).default([]),
    clients: z.array(z.unknown()).default([]),
    deals: z.array(z.unknown()).default([]),
    history: z.array(z.unknown()).optional(),
  })
  .strict();

export const snapshotRecordSchemas = {
  managers: managerSchema,
  clients: clientSchema,
  deals: dealSchema,
  history: historyEntrySchema,
} as const;
