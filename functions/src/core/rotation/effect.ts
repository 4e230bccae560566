import { addMonthsToDay } from '../calendar.ts';
import { newcombeDifference, type Difference } from '../newcombe.ts';

/** An applied rotation as the effect report compares it: the clients it moved on, the ones it held out. */
export type EffectRun = { runId: string; at: string; moved: ReadonlyArray<string>; heldOut: ReadonlyArray<string> };
/** A confirmed deal on its company day (deals not of record never reach the report). */
export type EffectDeal = { clientId: string; day: string; profit: number };

export const effectWindows = [3, 6, 12] as const;
export type EffectWindow = (typeof effectWindows)[number];

/** A group's outcome within a window: clients with a confirmed deal, their share, deals and profit (kopecks) per 100 clients. */
export type GroupWindow = { withDeal: number; share: number; deals: number; profit: number };
export type EffectGroup = { clients: number; m3: GroupWindow | null; m6: GroupWindow | null; m12: GroupWindow | null };
export type RunEffect = { runId: string; at: string; moved: EffectGroup; heldOut: EffectGroup };

type Side = { clients: number; withDeal: number; share: number };
/** Moved against held-out over every run whose window is over: the difference of shares and its 95 % interval. */
export type TotalWindow = Difference & { moved: Side; heldOut: Side };

export type RotationEffect = {
  /** False when no run held anyone out: the moved clients are shown alone, with nothing to compare them with. */
  holdout: boolean;
  runs: RunEffect[];
  total: { moved: number; heldOut: number; m3: TotalWindow | null; m6: TotalWindow | null; m12: TotalWindow | null };
  /** The window the sentence speaks of (see `headlineWindow`), null while none is over. */
  headline: EffectWindow | null;
  sentence: string;
};

const key = (months: EffectWindow) => `m${months}` as const;

/** Last day of a window of `months` after the run day; the run day itself is not in it (the move is made that day). */
export function windowEnd(at: string, months: EffectWindow): string {
  return addMonthsToDay(at, months);
}

function groupWindow(clients: ReadonlyArray<string>, dealsOf: Map<string, EffectDeal[]>, at: string, end: string): GroupWindow | null {
  if (clients.length === 0) return null;
  let withDeal = 0;
  let deals = 0;
  let profit = 0;
  for (const id of clients) {
    const inside = (dealsOf.get(id) ?? []).filter((d) => d.day > at && d.day <= end);
    if (inside.length > 0) withDeal++;
    deals += inside.length;
    for (const d of inside) profit += d.profit;
  }
  const n = clients.length;
  return { withDeal, share: withDeal / n, deals: Math.round((deals * 10000) / n) / 100, profit: Math.round((profit * 100) / n) };
}

const side = (clients: number, withDeal: number): Side => ({ clients, withDeal, share: clients === 0 ? 0 : withDeal / clients });

/**
 * Does rotation work here: for each applied run and in total, the clients it moved against those it
 * held out, 3, 6 and 12 months after the run day. A window not over on `today` is pending (null), so
 * a young run never looks like a failure. The total pools every run whose window is over.
 */
export function rotationEffect(input: { runs: ReadonlyArray<EffectRun>; deals: ReadonlyArray<EffectDeal>; today: string }): RotationEffect {
  const dealsOf = new Map<string, EffectDeal[]>();
  for (const d of input.deals) {
    const list = dealsOf.get(d.clientId);
    if (list) list.push(d);
    else dealsOf.set(d.clientId, [d]);
  }
  const runs = [...input.runs].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const holdout = runs.some((r) => r.heldOut.length > 0);
  const out: RunEffect[] = runs.map((run) => {
    const moved: EffectGroup = { clients: run.moved.length, m3: null, m6: null, m12: null };
    const heldOut: EffectGroup = { clients: run.heldOut.length, m3: null, m6: null, m12: null };
    for (const months of effectWindows) {
      const end = windowEnd(run.at, months);
      if (end >= input.today) continue;
      moved[key(months)] = groupWindow(run.moved, dealsOf, run.at, end);
      heldOut[key(months)] = groupWindow(run.heldOut, dealsOf, run.at, end);
    }
    return { runId: run.runId, at: run.at, moved, heldOut };
  });
  const total: RotationEffect['total'] = {
    moved: out.reduce((s, r) => s + r.moved.clients, 0),
    heldOut: out.reduce((s, r) => s + r.heldOut.clients, 0),
    m3: null,
    m6: null,
    m12: null,
  };
  for (const months of effectWindows) {
    const over = out.filter((r) => r.moved[key(months)] !== null || r.heldOut[key(months)] !== null);
    const count = (g: 'moved' | 'heldOut') =>
      side(
        over.reduce((s, r) => s + r[g].clients, 0),
        over.reduce((s, r) => s + (r[g][key(months)]?.withDeal ?? 0), 0),
      );
    const moved = count('moved');
    const heldOut = count('heldOut');
    if (moved.clients === 0 || heldOut.clients === 0) continue;
    total[key(months)] = { ...newcombeDifference(moved.withDeal, moved.clients, heldOut.withDeal, heldOut.clients), moved, heldOut };
  }
  const headline = holdout ? (headlineWindow(total)?.months ?? null) : null;
  return { holdout, runs: out, total, headline, sentence: effectSentence(holdout, total) };
}

/** The window a sentence speaks of: six months if over, else the nearest one that is. */
export function headlineWindow(total: RotationEffect['total']): { months: EffectWindow; figures: TotalWindow } | undefined {
  for (const months of [6, 3, 12] as const) {
    const figures = total[key(months)];
    if (figures !== null) return { months, figures };
  }
  return undefined;
}

const pct = (share: number) => Math.round(share * 100);

/** The plain English sentence (the add-on words its own in the sheet's language). */
export function effectSentence(holdout: boolean, total: RotationEffect['total']): string {
  if (!holdout)
    return 'no holdout: every candidate was moved (rotation.holdoutShare is 0), so there is nothing to compare the moved clients with';
  const head = headlineWindow(total);
  if (head === undefined) return 'not yet clear: no run is 3 months old yet';
  const { months, figures: f } = head;
  const figures =
    `${pct(f.moved.share)} % against ${pct(f.heldOut.share)} %, difference ${pct(f.difference)} ` +
    `${Math.abs(pct(f.difference)) === 1 ? 'point' : 'points'}, ` +
    `95 % interval ${pct(f.low)} to ${pct(f.high)}`;
  if (!f.significant) return `not yet clear: within ${months} months moved clients bought in ${figures}`;
  const ratio = f.heldOut.share === 0 ? undefined : f.moved.share / f.heldOut.share;
  const often =
    f.difference < 0
      ? 'less often than'
      : ratio === undefined
        ? 'more often than'
        : Math.abs(ratio - 2) < 0.05
          ? 'twice as often as'
          : `${ratio.toFixed(1)} times as often as`;
  return `moved clients bought within ${months} months ${often} held-out ones: ${figures}`;
}
