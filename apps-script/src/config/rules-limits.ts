// What the Config sheet must know of the rules' schema: each number's bounds, each list's length,
// the fields an entry cannot be without. Read from the server's own schema, so the sheet and the
// base never disagree, and evaluated when the add-on is built (build.ts): the bundle holds these
// plain values, not zod, and the base checks everything else when the rules are published.
import { z } from 'zod';
import { rulesConfigSchema } from '../../../functions/src/schema/rules-config.ts';

/** Paths with list indexes left out: `bonus.attractionTiers.minClients`. */
export type RulesLimits = {
  /** In the schema's order; `required`: an object, once given, must hold it (no default, not optional). */
  fields: Array<{ path: string; required: boolean; number: { min: number | null; max: number | null } | null }>;
  maxItems: Record<string, number>;
  /** Every setting (a value that is not a list), in the schema's order; `optional`: may be left out (no default stands in). */
  settings: Array<{ path: string; optional: boolean }>;
};

function unwrap(schema: z.ZodType): { schema: z.ZodType; optional: boolean } {
  let at = schema;
  let optional = false;
  while (at instanceof z.ZodDefault || at instanceof z.ZodOptional || at instanceof z.ZodNullable) {
    optional = true;
    at = at.unwrap() as z.ZodType;
  }
  return { schema: at, optional };
}

const finite = (n: number | null) => (n === null || !Number.isFinite(n) ? null : n);

function walk(schema: z.ZodType, path: string, limits: RulesLimits): void {
  if (schema instanceof z.ZodArray) {
    const checks = (schema._zod.def.checks ?? []).map((c) => c._zod.def as { check: string; maximum?: number });
    const max = checks.find((c) => c.check === 'max_length')?.maximum;
    if (max !== undefined) limits.maxItems[path] = max;
    walk(unwrap(schema.element as z.ZodType).schema, path, limits);
  } else if (schema instanceof z.ZodObject) {
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const inner = unwrap(field);
      const at = path === '' ? key : `${path}.${key}`;
      const number =
        inner.schema instanceof z.ZodNumber ? { min: finite(inner.schema.minValue), max: finite(inner.schema.maxValue) } : null;
      if (number !== null || !inner.optional) limits.fields.push({ path: at, required: !inner.optional, number });
      walk(inner.schema, at, limits);
    }
  }
}

/** A default is not optional for the sheet: an emptied cell would silently become the default. */
function leftOut(schema: z.ZodType): boolean {
  let at = schema;
  while (at instanceof z.ZodDefault || at instanceof z.ZodOptional || at instanceof z.ZodNullable) {
    if (at instanceof z.ZodDefault) return false;
    if (at instanceof z.ZodOptional) return true;
    at = at.unwrap() as z.ZodType;
  }
  return false;
}

function settingsOf(schema: z.ZodType, path: string, optional: boolean, out: RulesLimits['settings']): void {
  const inner = unwrap(schema).schema;
  if (inner instanceof z.ZodArray) return;
  if (!(inner instanceof z.ZodObject)) {
    out.push({ path, optional });
    return;
  }
  for (const [key, field] of Object.entries(inner.shape as Record<string, z.ZodType>))
    settingsOf(field, path === '' ? key : `${path}.${key}`, optional || leftOut(field), out);
}

function limitsOf(schema: z.ZodType): RulesLimits {
  const limits: RulesLimits = { fields: [], maxItems: {}, settings: [] };
  walk(unwrap(schema).schema, '', limits);
  settingsOf(schema, '', false, limits.settings);
  return limits;
}

export const rulesLimits: RulesLimits = limitsOf(rulesConfigSchema);
