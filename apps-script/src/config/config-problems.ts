// Errors on the Config sheet, the add-on's or the base's, each tied to the cell it concerns, in
// the cell's units; and the checks the sheet makes before publishing. Pure.
import type { FieldIssue } from '../../../functions/src/api/contract.ts';
import type { Messages } from '../messages.ts';
import { formatRoubles } from '../money.ts';
import { boundsOf, settings, settingSpec, tiers, type SettingKind } from './config-layout.ts';
import { decimalText, shiftDecimal, tierOf, type CellProblem, type InputColumn } from './config-values.ts';
import { rulesLimits } from './rules-limits.ts';

/** `rules.bonus.attractionTiers[1].amount` → `bonus.attractionTiers.1.amount`. */
export function plainPath(path: string): string {
  return path.replace(/^rules\.?/, '').replace(/\[(\d+)\]/g, '.$1');
}

/** The cell an error path concerns, or null when it is about no single cell (shown in the list only). */
export function cellOfPath(path: string, sent: ReadonlyMap<string, string>): { key: string; column: InputColumn } | null {
  const p = plainPath(path);
  for (const t of tiers) {
    if (p === t.key) return { key: t.key, column: 'setting' };
    const m = new RegExp(`^${t.key.replace('.', '\\.')}\\.(\\d+)(?:\\.(\\w+))?`).exec(p);
    if (m) {
      const key = sent.get(`${t.key}.${m[1]}`);
      return key ? { key, column: m[2] === tierOf(t.key).first.field ? 'setting' : 'value' } : { key: t.key, column: 'setting' };
    }
  }
  if (settingSpec(p)) return { key: p, column: 'value' };
  const inside = settings.find((s) => s.key.startsWith(`${p}.`));
  return inside && p !== '' ? { key: inside.key, column: 'value' } : null;
}

/** The kind of value at an error path (to word a bound in the cell's units). */
function kindOfPath(path: string): SettingKind | undefined {
  const p = plainPath(path);
  const setting = settingSpec(p);
  if (setting) return setting.kind;
  for (const t of tiers) {
    const field = new RegExp(`^${t.key.replace('.', '\\.')}\\.\\d+\\.(\\w+)$`).exec(p)?.[1];
    if (field === t.first.field) return t.first.kind;
    if (field === t.second.field) return t.second.kind;
  }
  return undefined;
}

/** A bound in the units of the cell: 100 % for a rate's 1, roubles for kopecks. */
function boundText(kind: SettingKind | undefined, bound: number, m: Messages): string {
  if (kind === 'percent') return `${shiftDecimal(decimalText(bound), 2)} %`;
  if (kind === 'money') return formatRoubles(bound, m.admin.locale);
  return String(bound);
}

/** The schema's words for an issue, in the person's language and the cell's units where the add-on knows them. */
export function issueMessage(path: string, issue: { code?: string; message: string; input?: unknown }, m: Messages): string {
  const p = m.admin.config.problems;
  const kind = kindOfPath(path);
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const plain = plainPath(path).replace(/\.\d+\./, '.');
    const { min, max } = boundsOf(plain);
    if (min !== null && max !== null) return p.between(boundText(kind, min, m), boundText(kind, max, m));
    if (issue.code === 'too_small' && min !== null) return p.atLeast(boundText(kind, min, m));
    if (issue.code === 'too_big' && max !== null) return p.atMost(boundText(kind, max, m));
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return m.form.required;
  return m.admin.config.schemaMessages[issue.message as keyof Messages['admin']['config']['schemaMessages']] ?? issue.message;
}

/** A value at a path that may cross lists (`bonus.cohortTiers.rate`): each with its full path (`bonus.cohortTiers.1.rate`). */
function valuesAt(at: unknown, parts: readonly string[], path: string): Array<{ path: string; value: unknown }> {
  if (Array.isArray(at)) return at.flatMap((item, i) => valuesAt(item, parts, `${path}.${i}`));
  if (parts.length === 0) return [{ path, value: at }];
  if (at === null || typeof at !== 'object') return [];
  const [part, ...rest] = parts as [string, ...string[]];
  const next = (at as Record<string, unknown>)[part];
  const here = path === '' ? part : `${path}.${part}`;
  if (next === undefined) return rest.length === 0 ? [{ path: here, value: undefined }] : [];
  return valuesAt(next, rest, here);
}

/**
 * The checks the sheet can make before sending, from the schema's own limits: a field an entry
 * needs, a number within its bounds, each issue on its cell. The base checks the rest on publish.
 */
export function checkRules(rules: Record<string, unknown>, sent: ReadonlyMap<string, string>, m: Messages): CellProblem[] {
  const issues: Array<{ path: string; issue: { code: string; message: string; input?: unknown } }> = [];
  for (const field of rulesLimits.fields) {
    for (const { path, value } of valuesAt(rules, field.path.split('.'), '')) {
      if (value === undefined) {
        if (field.required) issues.push({ path, issue: { code: 'invalid_type', message: m.form.required } });
      } else if (field.number && typeof value === 'number') {
        const { min, max } = field.number;
        if (min !== null && value < min) issues.push({ path, issue: { code: 'too_small', message: '', input: value } });
        else if (max !== null && value > max) issues.push({ path, issue: { code: 'too_big', message: '', input: value } });
      }
    }
  }
  return issues.map(({ path, issue }) => {
    const cell = cellOfPath(path, sent);
    return { key: cell?.key ?? null, column: cell?.column ?? 'value', message: issueMessage(path, issue, m) };
  });
}

/** The base's field errors, each on its cell. */
export function problemsOfIssues(issues: ReadonlyArray<FieldIssue>, sent: ReadonlyMap<string, string>, m: Messages): CellProblem[] {
  return issues.map((e) => {
    const cell = cellOfPath(e.path, sent);
    return {
      key: cell?.key ?? null,
      column: cell?.column ?? 'value',
      message: m.admin.config.schemaMessages[e.message as keyof Messages['admin']['config']['schemaMessages']] ?? e.message,
    };
  });
}
