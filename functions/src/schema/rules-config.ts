import { z } from 'zod';
import { daySchema, idSchema, moneySchema, nonNegativeMoneySchema, rateSchema } from './common.ts';

/** The rules the head of sales edits in the config sheet (MISSION §2, §3, §4); every key defaults. */
export const rotationRulesSchema = z
  .object({
    holdMonths: z.number().int().min(1).max(120).default(6),
    noDealMonths: z.number().int().min(1).max(120).default(12),
    noReturnRotations: z.number().int().min(0).max(100).default(2),
    reportDays: z.number().int().min(1).max(365).default(14),
    /** Firestore ramp-up: start near 500 writes/s, grow by half every five minutes. */
    writesPerSecond: z.number().int().min(1).max(10000).default(500),
    /** A deal below this (kopecks) does not reset the rotation clock. */
    minDealAmount: nonNegativeMoneySchema.default(100),
    /** The Today sheet warns a holder this many days before a client of theirs becomes a rotation candidate. */
    warnDays: z.number().int().min(1).max(365).default(30),
    /** The share of each run's candidates kept with their holder, to measure what rotation changes (0: no holdout). */
    holdoutShare: z.number().min(0).max(0.5).default(0),
  })
  .strict();

export const attractionTierSchema = z
  .object({ minClients: z.number().int().min(1), amount: moneySchema.refine((v) => v >= 0, 'must not be negative') })
  .strict();
export const cohortTierSchema = z.object({ minShare: z.number().min(0).max(1), rate: rateSchema }).strict();

export const bonusRulesSchema = z
  .object({
    base: z.enum(['profit', 'amount']).default('profit'),
    normalRate: rateSchema.default(0.05),
    newClientMultiplier: z.number().min(2, 'must be between 2 and 3').max(3, 'must be between 2 and 3').default(2),
    retentionMonths: z.number().int().min(0).max(60).default(3),
    campaign: z
      .object({ from: daySchema, to: daySchema })
      .strict()
      .refine((c) => c.from <= c.to, { message: 'from must not be after to', path: ['to'] })
      .optional(),
    attractionBonus: moneySchema.refine((v) => v >= 0, 'must not be negative').default(0),
    attractionTiers: z.array(attractionTierSchema).max(20).optional(),
    cohortTiers: z.array(cohortTierSchema).max(20).optional(),
    dealConfirmation: z.enum(['required', 'not-required']).default('required'),
    minDealAmount: nonNegativeMoneySchema.default(100),
    /** A dispute open longer than this many days is flagged to the head of sales. */
    disputeDays: z.number().int().min(1).max(365).default(10),
  })
  .strict();

export const mailingRulesSchema = z
  .object({
    smsCadenceDays: z.number().int().min(0).max(365).default(7),
    emailCadenceDays: z.number().int().min(0).max(365).default(7),
  })
  .strict();

export const intakeRulesSchema = z
  .object({
    rule: z.enum(['round-robin', 'fixed']).default('round-robin'),
    /** For `round-robin`: the level whose managers take new clients in turn (lowest active if absent). */
    level: z.number().int().min(1).optional(),
    /** For `fixed`: the intake manager. */
    managerId: idSchema.optional(),
    /** Public sign-ups accepted per client IP per minute; more answer 429. */
    signupsPerMinutePerIp: z.number().int().min(1).max(10000).default(10),
  })
  .strict()
  .refine((r) => r.rule !== 'fixed' || r.managerId !== undefined, { message: 'is required when rule is fixed', path: ['managerId'] });

export const protectionRulesSchema = z
  .object({
    /** Clients a manager may remove contacts from or clear fields of in one company day; more are refused and alert the admin. */
    maxDestructiveEditsPerDay: z.number().int().min(0).max(100000).default(20),
  })
  .strict();

export const rulesConfigSchema = z
  .object({
    timeZone: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as Europe/Moscow')
      .default('Europe/Moscow'),
    rotation: rotationRulesSchema.default(() => rotationRulesSchema.parse({})),
    bonus: bonusRulesSchema.default(() => bonusRulesSchema.parse({})),
    mailing: mailingRulesSchema.default(() => mailingRulesSchema.parse({})),
    intake: intakeRulesSchema.default(() => intakeRulesSchema.parse({})),
    protection: protectionRulesSchema.default(() => protectionRulesSchema.parse({})),
  })
  .strict();

export type RulesConfig = z.infer<typeof rulesConfigSchema>;
export type RotationRules = RulesConfig['rotation'];
export type BonusRules = RulesConfig['bonus'];
