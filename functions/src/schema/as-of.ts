import { isoDateSchema } from './common.ts';
import { companyDay, companyToday } from './company-day.ts';

/**
 * The company's today and its time zone. Dates of things that happened (a deal, a loss, a consent,
 * an assignment) may not be later than today there: a deal dated in the future would make a client
 * look active for ever and so immune to rotation.
 */
export type AsOf = { today: string; timeZone: string };

export function asOfNow(timeZone: string, now: Date): AsOf {
  return { today: companyToday(timeZone, now), timeZone };
}

/**
 * A date something happened on. With `asOf`, one later than the company's today is refused; without
 * it (data already stored, or written by the system itself) only the format is checked.
 */
export function happenedDateSchema(asOf: AsOf | undefined) {
  if (asOf === undefined) return isoDateSchema;
  return isoDateSchema.refine(
    (v) => companyDay(v, asOf.timeZone) <= asOf.today,
    `must not be later than today (${asOf.today} in ${asOf.timeZone}): record what has happened`,
  );
}

/** Builds a schema once per company day (and once without a day), so requests do not rebuild schemas. */
export function perAsOf<T>(build: (asOf: AsOf | undefined) => T): (asOf?: AsOf) => T {
  const built = new Map<string, T>();
  return (asOf) => {
    const key = asOf === undefined ? '' : `${asOf.today}|${asOf.timeZone}`;
    let schema = built.get(key);
    if (schema === undefined) {
      schema = build(asOf);
      if (built.size >= 8) built.delete(built.keys().next().value!);
      built.set(key, schema);
    }
    return schema;
  };
}
