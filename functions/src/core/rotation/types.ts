import type { FormerHolder } from '../../schema/client.ts';
import type { Absence } from '../../schema/manager.ts';
import type { HeldOut } from './holdout.ts';
import type { StaleReason } from './staleness.ts';

export type MoveReason = StaleReason | 'offboarding' | 'top-up';

export type RotationManager = {
  id: string;
  level: number;
  active: boolean;
  role?: 'manager' | 'admin';
  absences?: ReadonlyArray<Absence> | undefined;
};

/** A client as the planner sees it: only what the §2 rules look at, plus the version to re-check. */
export type RotationClient = {
  id: string;
  managerId: string | null;
  size?: 'regular' | 'large';
  assignedAt?: string;
  dealsSinceAssignment: number;
  lastDealAt: string | null;
  lostAt?: string;
  pinned?: boolean;
  formerHolders?: FormerHolder[];
  version: number;
};

export type PlannedMove = {
  clientId: string;
  from: string | null;
  to: string;
  reason: MoveReason;
  reportDue: string;
  /** The client's version when planned; the job applies the move only if it is unchanged. */
  version: number;
};

export type ManagerBalance = { managerId: string; given: number; received: number };
export type Unbalanced = { managerId: string; level: number; given: number; received: number; why: string };
export type SkippedClient = { clientId: string; managerId: string | null; why: string };

/** What a manager's leave changed in a run: only managers for whom it changed something are listed. */
export type AbsenceEffect = {
  managerId: string;
  /** Away on the run day: the last day of that leave (they neither gave nor received); null when present. */
  awayUntil: string | null;
  /** Stale clients kept because the holder was away on the run day. */
  kept: number;
  /** Clients not stale only because their holding clock paused on the holder's days away. */
  paused: number;
  /** Clients received whose report deadline moved past a leave already planned. */
  deadlinesMoved: number;
};

export type RotationPlan = {
  at: string;
  seq: number;
  moves: PlannedMove[];
  balance: ManagerBalance[];
  unbalanced: Unbalanced[];
  skipped: SkippedClient[];
  /** Places still owed after the level rules, before any top-up: how many unassigned clients to fetch. */
  shortfall: number;
  notes: string[];
  /** Level of every manager in `balance`, so a later report can explain an imbalance by level. */
  levels: Record<string, number>;
  /** Candidates kept with their holder to measure the effect of rotation (rotations only). */
  heldOut?: HeldOut[];
  /** Who was away and what that changed (absent when nobody's leave changed anything). */
  away?: AbsenceEffect[];
};
