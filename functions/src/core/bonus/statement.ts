import { compareDeals } from '../client-derivation.ts';
import { dayOf } from '../../schema/common.ts';
import type { BonusRules } from '../../schema/rules-config.ts';
import { monthOf } from '../calendar.ts';
import { cohortLines, cohortMonthJudgedIn } from './cohort.ts';
import { applyRate, formatMoney, rateNumber, rateOf, type Rate } from './money.ts';
import { raisedTerms } from './raised-terms.ts';
import { attractionBlock, dealCounts, dealStatusOf, newClientBlockNote, raisedBlock, retentionFrom } from './deal-of-record.ts';
import { gateDay, isBeforeGate, retainedAt } from './retention-gate.ts';
import type { BonusClient, BonusDeal, LineKind, MonthReport, Statement, StatementLine, StatementTotals } from './types.ts';

/**
 * Everything one month's statements depend on. `deals` must hold the month's deals and, for the
 * clients whose retention gate falls in the month or whose cohort is judged in it, their deals up
 * to the month's end; extra deals are ignored. The statements are a pure function of this input,
 * so computing months in any order, or twice, gives the same lines.
 */
export type BonusInput = {
  month: string;
  rules: BonusRules;
  deals: ReadonlyArray<BonusDeal>;
  clients: ReadonlyArray<BonusClient>;
  /**
   * The rules each earlier month was computed with: a held raised part is released or cancelled
   * for the amount it was earned at, even if the admin changed the rates since.
   */
  rulesByMonth?: ReadonlyMap<string, BonusRules>;
};

type RaisedPart = { extra: Rate; rate: Rate; amount: number; gate: string };

/**
 * The part above normal a deal earns its client's attractor (MISSION §3.2–3.4, §3.8), or nothing.
 * Only the attractor's own deals qualify, only for clients whose first deal is inside the campaign
 * window (when one is set), and not once the client was rotated away from the attractor; a company
 * without INN and a deal below the minimum earn none (`raisedBlock`). The retention gate counts
 * from the first deal or the client's creation, whichever is later. The total on the deal is
 * capped at 100 % of its profit (matters when the base is the amount).
 */
export function raisedPart(deal: BonusDeal, client: BonusClient | undefined, rules: BonusRules): RaisedPart | undefined {
  if (client === undefined || raisedBlock(deal, client, rules) !== undefined) return undefined;
  return raisedPartUnblocked(deal, client, rules);
}

function raisedPartUnblocked(deal: BonusDeal, client: BonusClient | undefined, rules: BonusRules): RaisedPart | undefined {
  const terms = client && raisedTerms(deal, client, rules);
  if (terms === undefined) return undefined;
  const normal = rateOf(rules.normalRate);
  const base = Math.max(0, rules.base === 'profit' ? deal.profit : deal.amount);
  const cap = Math.max(0, deal.profit) - applyRate(base, normal);
  const amount = Math.min(applyRate(base, terms.extra), Math.max(0, cap));
  if (amount <= 0) return undefined;
  return { ...terms, amount };
}

const percents = new WeakMap<Rate, string>();

/** A rate as a percentage for notes; the schedule's rates are shared objects, so each is formatted once. */
function pct(r: Rate): string {
  let text = percents.get(r);
  if (text === undefined) percents.set(r, (text = `${+(rateNumber(r) * 100).toFixed(6)} %`));
  return text;
}

/** Per-client attraction amount: the highest tier the manager's count of new clients reaches, else the flat bonus. */
export function attractionAmount(rules: BonusRules, newClients: number): number {
  let best: { minClients: number; amount: number } | undefined;
  for (const t of rules.attractionTiers ?? [])
    if (newClients >= t.minClients && (best === undefined || t.minClients > best.minClients)) best = t;
  return best?.amount ?? rules.attractionBonus;
}

const kindOrder: Record<LineKind, number> = {
  normal: 0,
  raised: 1,
  'raised-release': 2,
  'raised-cancel': 3,
  attraction: 4,
  cohort: 5,
  adjustment: 6,
};

const byId = (a: StatementLine, b: StatementLine) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function sortLines(lines: StatementLine[]): StatementLine[] {
  return lines.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || byId(a, b));
}

/** `payable` is what is paid for the month: payable lines plus those released this month. */
export function totalsOf(lines: ReadonlyArray<StatementLine>): StatementTotals {
  const totals: StatementTotals = { payable: 0, pending: 0, cancelled: 0, awaiting: 0 };
  for (const l of lines) {
    if (l.status === 'payable' || l.status === 'released') totals.payable += l.amount;
    else if (l.status === 'pending') totals.pending += l.amount;
    else if (l.status === 'awaiting-confirmation') totals.awaiting += l.amount;
    else if (l.status === 'cancelled') totals.cancelled += l.amount;
  }
  return totals;
}

/** Each manager's lines for the month (no adjustments: those come from closed months, see adjustments.ts). */
export function computeMonthLines(input: BonusInput): Map<string, StatementLine[]> {
  const { month, rules } = input;
  const normal = rateOf(rules.normalRate);
  const clients = new Map(input.clients.map((c) => [c.id, c]));
  // Earlier deals matter only for clients whose gate or cohort judgement falls in this month.
  const cohortMonth = rules.cohortTiers && rules.cohortTiers.length > 0 ? cohortMonthJudgedIn(month, rules.retentionMonths) : undefined;
  const dealsByClient = new Map<string, BonusDeal[]>();
  for (const c of clients.values()) {
    const from = retentionFrom(c);
    if (c.firstDealAt === null || from === null) continue;
    const gateInMonth = monthOf(gateDay(from, rules.retentionMonths)) === month;
    if (gateInMonth || monthOf(c.firstDealAt) === cohortMonth) dealsByClient.set(c.id, []);
  }
  const monthDeals: BonusDeal[] = [];
  // The counted (confirmed) deals of the month by client: a new client's attraction needs one from the minimum deal up.
  const countedInMonth = new Map<string, BonusDeal[]>();
  const seen = new Set<string>();
  for (const d of input.deals) {
    if (monthOf(d.date) === month) monthDeals.push(d);
    if (!dealCounts(d)) continue;
    if (monthOf(d.date) === month) countedInMonth.set(d.clientId, [...(countedInMonth.get(d.clientId) ?? []), d]);
    const list = dealsByClient.get(d.clientId);
    if (list === undefined || seen.has(d.id)) continue;
    seen.add(d.id);
    list.push(d);
  }
  // In id order, a deal given twice is found next to itself (the sort is stable: the first stays),
  // and every manager's normal and raised lines come out already in the statement's order.
  monthDeals.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Lines are gathered by manager and kind, and each kind sorted by id: the statement's order.
  const out = new Map<string, Map<LineKind, StatementLine[]>>();
  const add = (managerId: string, line: StatementLine) => {
    let kinds = out.get(managerId);
    if (kinds === undefined) out.set(managerId, (kinds = new Map()));
    const list = kinds.get(line.kind);
    if (list === undefined) kinds.set(line.kind, [line]);
    else list.push(line);
  };

  // §3.1–3.4: every deal of the month.
  const normalRate = rateNumber(normal);
  const normalNote = `${pct(normal)} of ${rules.base} `;
  const lossNote = ' (a loss-making deal earns nothing)';
  for (let i = 0; i < monthDeals.length; i++) {
    const deal = monthDeals[i]!;
    if (i > 0 && monthDeals[i - 1]!.id === deal.id) continue;
    const status = dealStatusOf(deal);
    const lineOf = (kind: 'normal' | 'raised', rest: Pick<StatementLine, 'rate' | 'amount' | 'status' | 'dueDate' | 'note'>) =>
      add(deal.managerId, { id: `${kind}:${deal.id}`, kind, clientId: deal.clientId, dealId: deal.id, ...rest });
    if (status === 'rejected') {
      lineOf('normal', { rate: null, amount: 0, status: 'not-paid', dueDate: null, note: `rejected: ${deal.reason ?? ''}` });
      continue;
    }
    const base = Math.max(0, rules.base === 'profit' ? deal.profit : deal.amount);
    const loss = base === 0 && (rules.base === 'profit' ? deal.profit : deal.amount) < 0;
    const normalText = `${normalNote}${formatMoney(base)}${loss ? lossNote : ''}`;
    const client = clients.get(deal.clientId);
    if (status === 'unconfirmed') {
      // What it would earn once confirmed, as if it were the client's first deal when it has none yet.
      const awaiting = 'awaiting-confirmation' as const;
      lineOf('normal', {
        rate: normalRate,
        amount: applyRate(base, normal),
        status: awaiting,
        dueDate: null,
        note: `awaiting confirmation: ${normalText}`,
      });
      const would = client && raisedPart(deal, { ...client, firstDealAt: client.firstDealAt ?? deal.date }, rules);
      if (would !== undefined)
        lineOf('raised', {
          rate: rateNumber(would.extra),
          amount: would.amount,
          status: awaiting,
          dueDate: null,
          note: `awaiting confirmation: new-client deal ${deal.seq}: ${pct(would.rate)}`,
        });
      continue;
    }
    lineOf('normal', { rate: normalRate, amount: applyRate(base, normal), status: 'payable', dueDate: null, note: normalText });
    const unblocked = raisedPartUnblocked(deal, client, rules);
    const block = client && raisedBlock(deal, client, rules);
    if (unblocked !== undefined && block !== undefined) {
      lineOf('raised', { rate: null, amount: 0, status: 'not-paid', dueDate: null, note: newClientBlockNote[block] });
      continue;
    }
    const raised = unblocked;
    if (raised === undefined) continue;
    const held = isBeforeGate(deal.date, raised.gate);
    add(deal.managerId, {
      id: `raised:${deal.id}`,
      kind: 'raised',
      clientId: deal.clientId,
      dealId: deal.id,
      rate: rateNumber(raised.extra),
      amount: raised.amount,
      status: held ? 'pending' : 'payable',
      dueDate: held ? raised.gate : null,
      note:
        `new-client deal ${deal.seq}: ${pct(raised.rate)}, the ${pct(raised.extra)} above normal ` +
        `${held ? `held until the retention gate ${raised.gate}` : `payable: the gate ${raised.gate} had passed`}`,
    });
  }

  // §3.4: raised parts held on clients whose gate falls this month are released or cancelled.
  for (const client of clients.values()) {
    const from = retentionFrom(client);
    if (from === null || !dealsByClient.has(client.id)) continue;
    const gate = gateDay(from, rules.retentionMonths);
    if (monthOf(gate) !== month) continue;
    const kept = retainedAt(client.lostAt, gate);
    for (const deal of (dealsByClient.get(client.id) ?? []).filter((d) => isBeforeGate(d.date, gate)).sort(compareDeals)) {
      const raised = raisedPart(deal, client, input.rulesByMonth?.get(monthOf(deal.date)) ?? rules);
      if (raised === undefined || !isBeforeGate(deal.date, raised.gate)) continue;
      add(deal.managerId, {
        id: `${kept ? 'release' : 'cancel'}:${deal.id}`,
        kind: kept ? 'raised-release' : 'raised-cancel',
        clientId: client.id,
        dealId: deal.id,
        rate: rateNumber(raised.extra),
        amount: raised.amount,
        status: kept ? 'released' : 'cancelled',
        dueDate: gate,
        note: kept
          ? `retention gate ${gate} passed: the client stayed; held since ${monthOf(deal.date)}`
          : `retention gate ${gate}: the client was lost on ${dayOf(client.lostAt!)}`,
      });
    }
  }

  // §3.5: attraction bonus per client whose first deal is in this month.
  const attracted = new Map<string, BonusClient[]>();
  for (const c of clients.values()) {
    if (c.attractedBy === undefined || c.firstDealAt === null || monthOf(c.firstDealAt) !== month) continue;
    attracted.set(c.attractedBy, [...(attracted.get(c.attractedBy) ?? []), c]);
  }
  for (const [managerId, all] of attracted) {
    const list: BonusClient[] = [];
    for (const c of all) {
      const block = attractionBlock(c, countedInMonth.get(c.id) ?? [], rules);
      if (block === undefined) list.push(c);
      else if (attractionAmount(rules, all.length) > 0)
        add(managerId, {
          id: `attraction:${c.id}`,
          kind: 'attraction',
          clientId: c.id,
          dealId: null,
          rate: null,
          amount: 0,
          status: 'not-paid',
          dueDate: null,
          note: `new client (first deal ${dayOf(c.firstDealAt!)}): ${newClientBlockNote[block]}`,
        });
    }
    const amount = attractionAmount(rules, list.length);
    if (amount <= 0) continue;
    for (const c of list) {
      add(managerId, {
        id: `attraction:${c.id}`,
        kind: 'attraction',
        clientId: c.id,
        dealId: null,
        rate: null,
        amount,
        status: 'payable',
        dueDate: null,
        note: `new client (first deal ${dayOf(c.firstDealAt!)}); ${list.length} new this month`,
      });
    }
  }

  // §3.6
  for (const [managerId, line] of cohortLines(month, rules, clients.values(), dealsByClient)) add(managerId, line);

  const byManager = new Map<string, StatementLine[]>();
  for (const [managerId, kinds] of out) {
    const ordered = [...kinds.entries()].sort(([a], [b]) => kindOrder[a] - kindOrder[b]);
    byManager.set(
      managerId,
      ordered.flatMap(([kind, lines]) => (kind === 'normal' || kind === 'raised' ? lines : lines.sort(byId))),
    );
  }
  return byManager;
}

export function toStatements(month: string, byManager: Map<string, StatementLine[]>): Statement[] {
  return [...byManager.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([managerId, lines]) => ({ month, managerId, lines, totals: totalsOf(lines) }));
}

/** A month's lines with the adjustments to closed months added to each manager's statement. */
export function withAdjustments(
  lines: Map<string, StatementLine[]>,
  adjustments: Map<string, StatementLine[]>,
): Map<string, StatementLine[]> {
  const out = new Map(lines);
  for (const [managerId, extra] of adjustments) out.set(managerId, sortLines([...(out.get(managerId) ?? []), ...extra]));
  return out;
}

export function monthReport(month: string, closed: boolean, statements: ReadonlyArray<Statement>): MonthReport {
  return { month, closed, statements: statements.map((s) => ({ managerId: s.managerId, lines: s.lines, totals: s.totals })) };
}

/** The month's statements, one per manager with any line. */
export function computeStatements(input: BonusInput): Statement[] {
  return toStatements(input.month, computeMonthLines(input));
}
