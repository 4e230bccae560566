import { z } from 'zod';
import type { AsOf } from './as-of.ts';
import { clientSchemaAsOf } from './client.ts';
import { dealSchemaAsOf } from './deal.ts';
import { historyEntrySchemaAsOf } from './history.ts';
import { managerSchemaAsOf } from './manager.ts';
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

/** Each record's schema; with `asOf`, what happened may not be dated after that day. */
export function snapshotRecordSchemas(asOf?: AsOf) {
  return {
    managers: managerSchemaAsOf(asOf),
    clients: clientSchemaAsOf(asOf),
    deals: dealSchemaAsOf(asOf),
    history: historyEntrySchemaAsOf(asOf),
  } as const;
}
