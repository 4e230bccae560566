import type { ClientDoc } from '../../schema/client.ts';
import type { DealDoc } from '../../schema/deal.ts';

/** What the calculator needs of a client: `createdAt` and the company's INN decide what it earns as a new client. */
export type BonusClient = Pick<ClientDoc, 'id' | 'managerId' | 'attractedBy' | 'lostAt' | 'formerHolders'> &
  Partial<Pick<ClientDoc, 'kind' | 'taxNumber' | 'createdAt'>> & { firstDealAt: string | null };

/** `status` absent: confirmed (see deal-of-record.ts); `reason`: why the head of sales rejected it. */
export type BonusDeal = Pick<DealDoc, 'id' | 'clientId' | 'managerId' | 'date' | 'amount' | 'profit' | 'seq'> &
  Partial<Pick<DealDoc, 'status' | 'reason'>>;

export type LineKind = 'normal' | 'raised' | 'raised-release' | 'raised-cancel' | 'attraction' | 'cohort' | 'adjustment';
/**
 * `awaiting-confirmation`: what a deal its holder recorded would earn once the head of sales
 * confirms it (counted in `totals.awaiting`, never in payable or pending); `not-paid`: a deal that
 * earns nothing, amount 0, the note says why (below the minimum deal, rejected: <reason>).
 */
export type LineStatus = 'payable' | 'pending' | 'released' | 'cancelled' | 'awaiting-confirmation' | 'not-paid';

export type StatementLine = {
  /** Deterministic: recomputing a month yields the same ids, so a line never appears twice. */
  id: string;
  kind: LineKind;
  clientId: string | null;
  dealId: string | null;
  /** The rate this line applies (for `raised`: the part above normal); null for fixed amounts. */
  rate: number | null;
  /** Minor units (kopecks). */
  amount: number;
  status: LineStatus;
  /** The retention gate day for pending, released and cancelled lines; null otherwise. */
  dueDate: string | null;
  /** Why, in words a manager can check. */
  note: string;
  /** For adjustments: the closed month corrected and the line corrected. */
  ofMonth?: string;
  ref?: string;
};

/** `awaiting`: what deals still awaiting confirmation would earn; never paid, never pending. */
export type StatementTotals = { payable: number; pending: number; cancelled: number; awaiting: number };

export type Statement = { month: string; managerId: string; lines: StatementLine[]; totals: StatementTotals };

/** The `clientbase bonuses --json` shape. `closed`: the month is closed and was only read. */
export type MonthReport = {
  month: string;
  closed: boolean;
  statements: Array<Pick<Statement, 'managerId' | 'lines' | 'totals'>>;
  /** A repeated delivery of a slot already computed: the stored statements, nothing computed now (when it finished, by whom). */
  alreadyApplied?: true;
  appliedAt?: string;
  appliedBy?: string;
};
