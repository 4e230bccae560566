/** Who did what to which data: every export, admin action and refused access (MISSION §5). */
export type AuditEntry = {
  at: string;
  actor: string;
  action: string;
  outcome: 'ok' | 'refused' | 'failed';
  target?: string;
  details?: Record<string, unknown>;
  /** Something the head of sales must look at (e.g. a manager stopped at the destructive-edit limit); the audit sheet shows it first. */
  alert?: true;
};

/** An entry as stored: its place in its chain (see core/audit-chain.ts). */
export type ChainedAuditEntry = AuditEntry & { shard?: string; seq?: number; prevHash?: string; hash?: string };
