import type { Firestore } from 'firebase-admin/firestore';
import { companyToday, startOfCompanyDay } from '../core/calendar.ts';
import { rotationFairness, type FairnessMove, type RotationFairness } from '../core/rotation/fairness.ts';
import { readFairnessFacts, readMovesMade, readRotationsBetween } from '../store/fairness-store.ts';
import { readRoster } from '../store/manager-store.ts';
import { readRules } from '../store/rules-store.ts';

/** Per moved client, the instant its first move of the period began: its history is read from there on. */
function firstMovedAt(moves: ReadonlyArray<Pick<FairnessMove, 'clientId' | 'at'>>, timeZone: string): Map<string, string> {
  const since = new Map<string, string>();
  for (const m of moves) {
    const start = startOfCompanyDay(m.at, timeZone);
    const known = since.get(m.clientId);
    if (known === undefined || start < known) since.set(m.clientId, start);
  }
  return since;
}

/** Is rotation fair over [from, to]: the rotations applied then, what their moved clients did since, per manager. */
export async function fairnessReport(db: Firestore, period: { from: string; to: string; now: Date }): Promise<RotationFairness> {
  const [{ rules }, runs, roster] = await Promise.all([readRules(db), readRotationsBetween(db, period.from, period.to), readRoster(db)]);
  const made = (await Promise.all(runs.map((run) => readMovesMade(db, run)))).flat();
  const facts = await readFairnessFacts(db, firstMovedAt(made, rules.timeZone));
  return rotationFairness({
    from: period.from,
    to: period.to,
    today: companyToday(rules.timeZone, period.now),
    timeZone: rules.timeZone,
    moves: made.map((m) => ({ ...m, large: facts.large.has(m.clientId) })),
    deals: facts.deals,
    touches: facts.touches,
    runs: runs.map((r) => ({ runId: r.runId, at: r.at })),
    names: new Map(roster.map((m) => [m.id, m.name])),
  });
}
