// The rules as the rows of the "Config" sheet and back. Pure. People type in the units they think
// in (a rate as 5 for 5 %, money in roubles, a day as a date); the rules hold fractions, kopecks and
// ISO days. Errors on cells: config-problems.ts; what changed between versions: config-versions.ts.
import type { PublishedRules, RulesConfig } from '../../../functions/src/api/contract.ts';
import { messagesFor, type Messages } from '../messages.ts';
import { formatRoubles, parseRoubles } from '../money.ts';
import { cellText, type CellValue, type DayFormatter } from '../sheet/cell-values.ts';
import {
  choiceCodes,
  choiceLabels,
  maxTiers,
  settings,
  setAt,
  spareTierRows,
  statusRowKey,
  tierRowKey,
  tiers,
  valueAt,
  type ChoiceSet,
  type SettingKind,
  type TierKey,
} from './config-layout.ts';

export type ConfigColumnKey = 'section' | 'setting' | 'value' | 'unit' | 'about' | 'key' | 'loaded';
/** The two columns people type into: the value of a setting; the threshold of a tier row. */
export type InputColumn = 'setting' | 'value';

/** A cell as read: its value and the text Sheets shows for it (which tells a typed "5 %" apart from 5). */
export type ConfigCell = { value: CellValue; display: string };

export type CellProblem = { key: string | null; column: InputColumn; message: string };

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

/** Number formats of the input cells by kind: plain numbers, days as ISO, text where Sheets must not convert. */
export const kindFormats: Record<SettingKind, string> = {
  integer: '0',
  number: '0.##',
  percent: '0.##',
  money: '#,##0.##',
  day: 'yyyy-mm-dd',
  text: '@',
  choice: '@',
};

// ---------------------------------------------------------------- units

/** "7.5" shifted by -2 → "0.075": decimal arithmetic on the digits, so 7.5 % is exactly 0.075. */
export function shiftDecimal(text: string, places: number): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m) return text;
  const digits = `${m[2] ?? ''}${m[3] ?? ''}`;
  let point = (m[2] ?? '').length + places;
  let padded = digits;
  if (point < 0) {
    padded = '0'.repeat(-point) + padded;
    point = 0;
  }
  if (point > padded.length) padded += '0'.repeat(point - padded.length);
  const whole = padded.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const fraction = padded.slice(point).replace(/0+$/, '');
  return `${m[1] === '-' ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** A number as the plain decimal it reads as (never exponent notation). */
export function decimalText(n: number): string {
  const text = String(n);
  if (!/e/i.test(text)) return text;
  return n.toFixed(12).replace(/\.?0+$/, '');
}

/** Text typed as a number: "7,5", "7.5", "5 %", "1 000". */
function parseDecimalText(text: string): string | null {
  const t = text
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/%$/, '')
    .replace(',', '.');
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? t : null;
}

// ---------------------------------------------------------------- cells ↔ values

/** A cell converted to the rules' value of a kind (undefined: left empty), or why it cannot be. */
export function convertCell(kind: SettingKind, cell: ConfigCell, m: Messages, formatDay: DayFormatter, choices?: ChoiceSet): Converted {
  const c = m.admin.config.problems;
  const { value, display } = cell;
  if (value === '' || value === null || value === undefined || (typeof value === 'string' && value.trim() === ''))
    return { ok: true, value: undefined };
  if (typeof value === 'boolean') return { ok: false, message: c[kind === 'integer' ? 'wholeNumber' : 'number'] };
  const isDate = value instanceof Date || Object.prototype.toString.call(value) === '[object Date]';
  switch (kind) {
    case 'text':
      return { ok: true, value: cellText(value, formatDay) };
    case 'choice': {
      const wanted = cellText(value, formatDay).toLowerCase();
      const set = choices ?? 'base';
      for (const code of choiceCodes[set]) {
        if (code === wanted) return { ok: true, value: code };
        for (const words of [messagesFor('en'), messagesFor('ru')])
          if (choiceLabels(set, words)[code]?.toLowerCase() === wanted) return { ok: true, value: code };
      }
      return { ok: false, message: m.save.invalidChoice(Object.values(choiceLabels(set, m)).join(', ')) };
    }
    case 'day':
      if (isDate) return { ok: true, value: formatDay(value as Date) };
      return /^\d{4}-\d{2}-\d{2}$/.test(String(value).trim())
        ? { ok: true, value: String(value).trim() }
        : { ok: false, message: m.form.badDay };
    default:
      break;
  }
  if (isDate)
    return {
      ok: false,
      message: c[kind === 'integer' ? 'wholeNumber' : kind === 'money' ? 'money' : kind === 'percent' ? 'percent' : 'number'],
    };
  // A number typed with "%" is kept by Sheets as the fraction it names (5 % → 0.05).
  const typedPercent = typeof value === 'number' && /%\s*$/.test(display);
  const text = typeof value === 'number' ? decimalText(value) : parseDecimalText(String(value));
  if (kind === 'money') {
    if (typeof value === 'number') {
      const kopecks = shiftDecimal(decimalText(value), 2);
      return /^-?\d+$/.test(kopecks) ? { ok: true, value: Number(kopecks) } : { ok: false, message: m.form.money['too-precise'] };
    }
    const parsed = parseRoubles(String(value));
    return parsed.ok ? { ok: true, value: parsed.kopecks } : { ok: false, message: m.form.money[parsed.problem] };
  }
  if (text === null) return { ok: false, message: c[kind === 'integer' ? 'wholeNumber' : kind === 'percent' ? 'percent' : 'number'] };
  if (kind === 'percent') return { ok: true, value: Number(typedPercent ? text : shiftDecimal(text, -2)) };
  if (kind === 'integer' && !/^[+-]?\d+$/.test(text)) return { ok: false, message: c.wholeNumber };
  return { ok: true, value: Number(text) };
}

/** What a value of the rules looks like in its cell (written on load). */
export function cellFor(kind: SettingKind, value: unknown, m: Messages, choices?: ChoiceSet): CellValue {
  if (value === undefined || value === null) return '';
  switch (kind) {
    case 'percent':
      return Number(shiftDecimal(decimalText(value as number), 2));
    case 'money':
      return Number(shiftDecimal(String(value), -2));
    case 'choice':
      return choiceLabels(choices ?? 'base', m)[String(value)] ?? String(value);
    default:
      return value as CellValue;
  }
}

/** A value as text people read in a note or a list: "5 %", "1 000,00 ₽", "2026-03-01". */
export function describeValue(kind: SettingKind, value: unknown, m: Messages, choices?: ChoiceSet): string {
  if (value === undefined || value === null || value === '') return m.admin.config.notSet;
  if (kind === 'percent') return `${shiftDecimal(decimalText(value as number), 2)} %`;
  if (kind === 'money') return formatRoubles(value as number, m.admin.locale);
  if (kind === 'choice') return choiceLabels(choices ?? 'base', m)[String(value)] ?? String(value);
  return String(value);
}

/** The form compared between the sheet, what was loaded and what the base has: empty, or the value as JSON. */
export function canonical(value: unknown): string {
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

// ---------------------------------------------------------------- the sheet's rows

export type ConfigRowRole = 'status' | 'setting' | 'tierHeader' | 'tier';
export type ConfigRow = {
  key: string;
  role: ConfigRowRole;
  cells: Record<ConfigColumnKey, CellValue>;
  /** The kind of each input cell of the row (for formats and validation). */
  inputs: Partial<Record<InputColumn, { kind: SettingKind; path: string; choices?: ChoiceSet }>>;
};

export function tierOf(key: TierKey) {
  return tiers.find((t) => t.key === key)!;
}

/** The Config sheet's rows for a published version, with room for `spare` more tiers per table. */
export function configRows(published: PublishedRules, m: Messages, statusLine: string): ConfigRow[] {
  const cfg = m.admin.config;
  const row = (
    key: string,
    role: ConfigRowRole,
    cells: Partial<Record<ConfigColumnKey, CellValue>>,
    inputs: ConfigRow['inputs'] = {},
  ): ConfigRow => ({
    key,
    role,
    cells: { section: '', setting: '', value: '', unit: '', about: '', key, loaded: '', ...cells },
    inputs,
  });
  const out: ConfigRow[] = [
    row(statusRowKey, 'status', { section: cfg.statusSection, setting: cfg.version(published.version), value: statusLine }),
  ];
  for (const s of settings) {
    const words = cfg.settings[s.key];
    const value = valueAt(published.rules, s.key);
    out.push(
      row(
        s.key,
        'setting',
        {
          section: cfg.sections[s.section],
          setting: words.label,
          value: cellFor(s.kind, value, m, s.choices),
          unit: words.unit,
          about: words.about,
          loaded: canonical(value),
        },
        {
          value: { kind: s.kind, path: s.key, ...(s.choices ? { choices: s.choices } : {}) },
        },
      ),
    );
  }
  for (const t of tiers) {
    const words = cfg.tiers[t.key];
    const list = (valueAt(published.rules, t.key) as Array<Record<string, unknown>> | undefined) ?? [];
    out.push(
      row(t.key, 'tierHeader', { section: words.title, setting: words.first, value: words.second, unit: words.unit, about: words.about }),
    );
    const slots = Math.min(maxTiers, list.length + spareTierRows);
    for (let i = 0; i < slots; i++) {
      const tier = list[i];
      const first = tier?.[t.first.field];
      const second = tier?.[t.second.field];
      out.push(
        row(
          tierRowKey(t.key, i),
          'tier',
          {
            section: words.title,
            setting: cellFor(t.first.kind, first, m),
            value: cellFor(t.second.kind, second, m),
            unit: words.unit,
            loaded: tierCanonical(first, second),
          },
          {
            setting: { kind: t.first.kind, path: `${t.key}.${t.first.field}` },
            value: { kind: t.second.kind, path: `${t.key}.${t.second.field}` },
          },
        ),
      );
    }
  }
  return out;
}

const tierCanonical = (first: unknown, second: unknown) =>
  first === undefined && second === undefined ? '' : `${canonical(first)}|${canonical(second)}`;

/** The canonical value of every input row of a published version (for judging a conflict). */
export function canonicalRows(rules: RulesConfig, tierSlots: ReadonlyMap<TierKey, number>): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of settings) out.set(s.key, canonical(valueAt(rules, s.key)));
  for (const t of tiers) {
    const list = (valueAt(rules, t.key) as Array<Record<string, unknown>> | undefined) ?? [];
    for (let i = 0; i < Math.max(list.length, tierSlots.get(t.key) ?? 0); i++)
      out.set(tierRowKey(t.key, i), tierCanonical(list[i]?.[t.first.field], list[i]?.[t.second.field]));
  }
  return out;
}

// ---------------------------------------------------------------- reading the sheet

export type SheetConfigRow = { key: string; row: number; setting: ConfigCell; value: ConfigCell; loaded: string };

export type ReadConfig = {
  rules: Record<string, unknown>;
  problems: CellProblem[];
  /** Each input row's value as typed now, canonical. */
  now: Map<string, string>;
  /** `bonus.attractionTiers.1` (the index sent) → the tier row it came from (empty rows are not sent). */
  sent: Map<string, string>;
  missing: string[];
};

/** The rules as the sheet has them now, and every cell that cannot become a value. */
export function readConfig(rows: ReadonlyArray<SheetConfigRow>, m: Messages, formatDay: DayFormatter): ReadConfig {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const out: ReadConfig = { rules: {}, problems: [], now: new Map(), sent: new Map(), missing: [] };
  for (const s of settings) {
    const r = byKey.get(s.key);
    if (!r) {
      out.missing.push(s.key);
      continue;
    }
    const converted = convertCell(s.kind, r.value, m, formatDay, s.choices);
    if (!converted.ok) {
      out.problems.push({ key: s.key, column: 'value', message: converted.message });
      out.now.set(s.key, `?${r.value.display}`);
      continue;
    }
    out.now.set(s.key, canonical(converted.value));
    if (converted.value === undefined) {
      if (!s.optional) out.problems.push({ key: s.key, column: 'value', message: m.form.required });
      continue;
    }
    setAt(out.rules, s.key, converted.value);
  }
  for (const t of tiers) {
    const slots = rows.filter((r) => r.key.startsWith(`${t.key}#`)).sort((a, b) => a.row - b.row);
    const list: Array<Record<string, unknown>> = [];
    for (const r of slots) {
      const first = convertCell(t.first.kind, r.setting, m, formatDay);
      const second = convertCell(t.second.kind, r.value, m, formatDay);
      if (!first.ok) out.problems.push({ key: r.key, column: 'setting', message: first.message });
      if (!second.ok) out.problems.push({ key: r.key, column: 'value', message: second.message });
      out.now.set(r.key, first.ok && second.ok ? tierCanonical(first.value, second.value) : `?${r.setting.display}|${r.value.display}`);
      if (!first.ok || !second.ok || (first.value === undefined && second.value === undefined)) continue;
      const tier: Record<string, unknown> = {};
      if (first.value !== undefined) tier[t.first.field] = first.value;
      if (second.value !== undefined) tier[t.second.field] = second.value;
      out.sent.set(`${t.key}.${list.length}`, r.key);
      list.push(tier);
    }
    if (list.length > 0) setAt(out.rules, t.key, list);
  }
  const campaign = valueAt(out.rules, 'bonus.campaign') as Record<string, unknown> | undefined;
  // One end of a campaign without the other is refused by the schema: "is required" on the empty cell.
  if (campaign !== undefined)
    for (const end of ['from', 'to'])
      if (campaign[end] === undefined) out.problems.push({ key: `bonus.campaign.${end}`, column: 'value', message: m.form.required });
  return out;
}
