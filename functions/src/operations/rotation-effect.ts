import type { Firestore } from 'firebase-admin/firestore';
import { dealCounts } from '../core/bonus/deal-of-record.ts';
import { companyDay } from '../core/calendar.ts';
import { rotationEffect, type RotationEffect } from '../core/rotation/effect.ts';
import { asOfNow } from '../schema/as-of.ts';
import { readAppliedRotations, readDealsAfter } from '../store/rotation-effect-store.ts';
import { readRules } from '../store/rules-store.ts';

export type { RotationEffect };

/** Does rotation work here: the moved clients of every applied rotation against the ones it held out, as of `today`. */
export async function rotationEffectOn(db: Firestore, input: { today: string; timeZone: string }): Promise<RotationEffect> {
  const runs = await readAppliedRotations(db);
  const first = runs.map((r) => r.at).sort()[0];
  const dealsRead = first === undefined ? [] : await readDealsAfter(db, first);
  const deals = dealsRead
    .filter(dealCounts)
    .map((d) => ({ clientId: d.clientId, day: companyDay(d.date, input.timeZone), profit: d.profit }));
  return rotationEffect({ runs, deals, today: input.today });
}

/** The same, as of the company's today at `now` (the command line). */
export async function rotationEffectAt(db: Firestore, now: Date): Promise<RotationEffect> {
  return rotationEffectOn(db, asOfNow((await readRules(db)).rules.timeZone, now));
}
