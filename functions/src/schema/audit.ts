/** Who did what to which data: every export, admin action and refused access (MISSION §5). */
export type AuditEntry = {
  at: string;
  actor: string;
  action: string;
  outcome: 'ok' | 'refused' | 'failed';
  target?: string;
  details?: Record<string, unknown>;
};
