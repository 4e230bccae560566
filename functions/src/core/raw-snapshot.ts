import { AppError, formatPath, type FieldIssue } from '../errors.ts';
import { snapshotSchema } from '../schema/snapshot.ts';
import type { RawSnapshot } from './snapshot-check.ts';

const tables = ['managers', 'clients', 'deals', 'history'] as const;

/** A snapshot already in memory (the demo seed, an API upload) with JSON-style paths. */
export function rawSnapshotFromObject(value: unknown): RawSnapshot {
  const raw: RawSnapshot = { managers: [], clients: [], deals: [], history: [] };
  const issues: FieldIssue[] = [];
  addJsonSnapshot(value, 'snapshot', raw, issues);
  if (issues.length > 0) throw new AppError('invalid-input', 'invalid snapshot', { issues });
  return raw;
}

export function addJsonSnapshot(parsed: unknown, name: string, raw: RawSnapshot, issues: FieldIssue[]): void {
  const top = snapshotSchema.safeParse(parsed);
  if (!top.success) {
    for (const i of top.error.issues) {
      if (i.path[0] === 'config') continue; // reported per field below
      issues.push({
        path: formatPath('', i.path) || name,
        message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
      });
    }
    if (top.error.issues.some((i) => i.path[0] !== 'config')) return;
  }
  const obj = parsed as Record<string, unknown>;
  if (obj.config !== undefined) raw.config = { value: obj.config, locate: (path) => formatPath('config', path) };
  for (const table of tables) {
    const list = (obj[table] as unknown[] | undefined) ?? [];
    list.forEach((value, i) => raw[table].push({ value, locate: (path) => formatPath(`${table}[${i}]`, path) }));
  }
}
