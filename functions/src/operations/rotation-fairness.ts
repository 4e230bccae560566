import type { Firestore } from 'firebase-admin/firestore';
import { companyToday, startOfCompanyDay } from '../core/calendar.ts';
import { rotationFairness, type RotationFairness } from '../core/rotation/fairness.ts';
import { readFairnessFacts, readMovesMade, readRotationsBetween } from '../store/fairness-store.ts';
import { readRoster } from '../store/manager-store.ts';
import { readRules } from '../store/rules-store.ts';

/** Is rotation fair over [from, to]: the rotations applied then, what their moved clients did since, per manager. */
export async function fairnessReport(db: Firestore, period: { from: string; to: string; now: Date }): Promise<RotationFairness> {
  const [{ rules }, runs, roster] = await Promise.all([readRules(db), readRotationsBetween(db, period.from, period.to), readRoster(db)]);
  const { timeZone } = rules;
  const made = (await Promise.all(runs.map((run) => readMovesMade(db, run)))).flat();
  const since = new Map<string, string>();
  for (const m of made) {
    const start = startOfCompanyDay(m.at, timeZone);
    if (!since.has(m.clientId) || start < since.get(m.clientId)!) since.set(m.clientId, start);
  }
  const facts = await readFairnessFacts(db, since);
  return rotationFairness({
    from: period.from,
    to: period.to,
    today: companyToday(timeZone, period.now),
    timeZone,
    moves: made.map((m) => ({ ...m, large: facts.large.has(m.clientId) })),
    deals: facts.deals,
    touches: facts.touches,
    runs: runs.map((r) => ({ runId: r.runId, at: r.at })),
    names: new Map(roster.map((m) => [m.id, m.name])),
  });
}
