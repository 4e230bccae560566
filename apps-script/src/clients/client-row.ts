// A client as a sheet row and back. Pure. Every editable field has a canonical text form (codes,
// not labels; lists one item per line; days as YYYY-MM-DD) that the hash, the loaded values and
// the comparisons use, so switching the sheet's language or re-typing "Company" for "company"
// never reads as an edit.
import type { ClientChanges, ListedClient } from '../../../functions/src/api/contract.ts';
import { messagesFor, type Messages } from '../messages.ts';
import { cellText, isoDay, joinList, safeText, splitList, type CellValue, type DayFormatter } from '../sheet/cell-values.ts';
import { rowHash } from '../sheet/row-hash.ts';
import { editableClientKeys, type ClientColumnKey, type EditableKey } from './client-columns.ts';

export type Canonical = Record<EditableKey, string>;
export type ClientCells = Record<ClientColumnKey, CellValue>;

type ChoiceKey = 'kind' | 'size' | 'source';
const choiceLabels = (m: Messages, key: ChoiceKey): Record<string, string> =>
  key === 'kind' ? m.kinds : key === 'size' ? m.sizes : m.sources;

/** A typed label ("Компания", "company", "Company") → its code; unknown text stays as typed. */
export function choiceCode(key: ChoiceKey, text: string): string {
  const wanted = text.trim().toLowerCase();
  if (wanted === '') return '';
  for (const m of [messagesFor('en'), messagesFor('ru')]) {
    for (const [code, label] of Object.entries(choiceLabels(m, key))) {
      if (code === wanted || label.toLowerCase() === wanted) return code;
    }
  }
  return text.trim();
}

export function isChoiceKey(key: EditableKey): key is ChoiceKey {
  return key === 'kind' || key === 'size' || key === 'source';
}

/** The canonical text of one editable cell as the person left it. */
export function canonicalCell(key: EditableKey, value: CellValue, formatDay: DayFormatter): string {
  const text = cellText(value, formatDay).replace(/^'(?==)/, '');
  if (isChoiceKey(key)) return choiceCode(key, text);
  if (key === 'phones' || key === 'emails') return splitList(text).join('\n');
  return text;
}

export function canonicalRow(cells: Partial<Record<ClientColumnKey, CellValue>>, formatDay: DayFormatter): Canonical {
  const out = {} as Canonical;
  for (const key of editableClientKeys) out[key] = canonicalCell(key, cells[key], formatDay);
  return out;
}

export function canonicalClient(client: ListedClient): Canonical {
  return {
    name: client.name,
    kind: client.kind,
    size: client.size ?? 'regular',
    phones: (client.phones ?? []).join('\n'),
    emails: (client.emails ?? []).join('\n'),
    taxNumber: client.taxNumber ?? '',
    source: client.source ?? '',
    lostAt: isoDay(client.lostAt),
    lostReason: client.lostReason ?? '',
    competitor: client.competitor ?? '',
    nextContactOn: client.nextContactOn ?? '',
  };
}

export function hashOf(canonical: Canonical): string {
  // An empty next contact leaves the hash as it was before the column existed: sheets loaded earlier still match.
  const keys = canonical.nextContactOn === '' ? editableClientKeys.filter((k) => k !== 'nextContactOn') : editableClientKeys;
  return rowHash(keys.map((k) => canonical[k]));
}

/** How a canonical value is written into its cell: labels for codes, lists on one line. */
export function displayValue(key: EditableKey, canonical: string, m: Messages): string {
  if (isChoiceKey(key)) return choiceLabels(m, key)[canonical] ?? canonical;
  if (key === 'phones' || key === 'emails') return joinList(canonical === '' ? [] : canonical.split('\n'));
  return canonical;
}

/** What stands between the holder and pay for the client, and their deals awaiting confirmation, in one short cell. */
export function payHint(client: Pick<ListedClient, 'payBlock' | 'dealsAwaiting'>, m: Messages): string {
  const parts: string[] = [];
  if (client.payBlock) parts.push(m.deals.payBlocksShort[client.payBlock]);
  if ((client.dealsAwaiting ?? 0) > 0) parts.push(m.deals.awaiting(client.dealsAwaiting));
  return parts.join(' · ');
}

export function derivedCells(
  client: ListedClient,
  m: Messages,
): Pick<ClientCells, 'lastDealAt' | 'dealCount' | 'payHint' | 'nextDeal' | 'daysHeld' | 'rotationDueOn' | 'reportDueOn'> {
  return {
    lastDealAt: isoDay(client.lastDealAt),
    dealCount: client.dealCount ?? 0,
    payHint: payHint(client, m),
    nextDeal: client.nextDeal ? m.deals.next.earns(client.nextDeal) : '',
    daysHeld: client.daysHeld ?? '',
    rotationDueOn: client.rotationDueOn ?? '',
    reportDueOn: client.reportDueOn ?? '',
  };
}

/** Every managed cell of a client's row, as the base has it now. */
export function clientCells(client: ListedClient, m: Messages): ClientCells {
  const canonical = canonicalClient(client);
  const cells = { ...derivedCells(client, m), clientId: client.id, version: client.version, hash: hashOf(canonical) } as ClientCells;
  for (const key of editableClientKeys) cells[key] = safeText(displayValue(key, canonical[key], m));
  return cells;
}

export function changedFields(before: Canonical, after: Canonical): EditableKey[] {
  return editableClientKeys.filter((k) => before[k] !== after[k]);
}

export type FieldProblem = { key: EditableKey; message: string };

/** Which column a field error of the API belongs to: `changes.phones[1]` → phones. */
export function keyOfPath(path: string): EditableKey {
  const field = path.replace(/^changes\./, '').replace(/[[.].*$/, '');
  return (editableClientKeys as readonly string[]).includes(field) ? (field as EditableKey) : 'name';
}

function choiceProblems(now: Canonical, keys: readonly EditableKey[], m: Messages): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const key of keys) {
    if (!isChoiceKey(key) || now[key] === '') continue;
    const labels = choiceLabels(m, key);
    if (!(now[key] in labels)) out.push({ key, message: m.save.invalidChoice(Object.values(labels).join(', ')) });
  }
  return out;
}

const nullable = (text: string) => (text === '' ? null : text);
const list = (text: string) => (text === '' ? [] : text.split('\n'));

function fieldValue(key: EditableKey, text: string): unknown {
  switch (key) {
    case 'name':
    case 'kind':
      return text;
    case 'size':
      // An emptied size cell means the default, as when the client was created without one.
      return text === '' ? 'regular' : text;
    case 'phones':
    case 'emails':
      return list(text);
    default:
      return nullable(text);
  }
}

/** A batch row's `changes`, shaped by the API's schema. */
export type { ClientChanges };

/** Cells a client cannot be without: marked at once; every other rule the base checks, and its words go to the cell. */
function requiredProblems(now: Canonical, keys: readonly EditableKey[], m: Messages): FieldProblem[] {
  return keys
    .filter((key) => (key === 'name' || key === 'kind') && now[key].trim() === '')
    .map((key) => ({ key, message: m.form.required }));
}

/**
 * The `changes` of a batch row: only the given fields, as the API takes them. A bad choice or an
 * empty required cell is marked at once; the base checks the rest and answers the row `invalid`.
 */
export function changesFor(
  now: Canonical,
  keys: readonly EditableKey[],
  m: Messages,
): { changes: ClientChanges; problems: FieldProblem[] } {
  const built: Partial<Record<EditableKey, unknown>> = {};
  for (const key of keys) built[key] = fieldValue(key, now[key]);
  const changes = built as ClientChanges;
  return { changes, problems: dedupe([...choiceProblems(now, keys, m), ...requiredProblems(now, keys, m)]) };
}

/** The body that creates a new client from a row the manager typed, checked the same way. */
export function newClientFor(now: Canonical, id: string, m: Messages): { body: Record<string, unknown>; problems: FieldProblem[] } {
  const body: Record<string, unknown> = { id, name: now.name, kind: now.kind, phones: list(now.phones), emails: list(now.emails) };
  if (now.size !== '') body.size = now.size;
  if (now.taxNumber !== '') body.taxNumber = now.taxNumber;
  if (now.source !== '') body.source = now.source;
  const problems = [...choiceProblems(now, ['kind', 'size', 'source'], m), ...requiredProblems(now, ['name', 'kind'], m)];
  return { body, problems: dedupe(problems) };
}

/** Fields a new client's first request carries; the lost columns follow in an update within the same Save. */
export const creationKeys: readonly EditableKey[] = ['name', 'kind', 'size', 'phones', 'emails', 'taxNumber', 'source'];

/** One problem per cell: the first, which is the add-on's own wording when it has one. */
function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<EditableKey>();
  return problems.filter((p) => {
    if (seen.has(p.key)) return false;
    seen.add(p.key);
    return true;
  });
}

/** A row is empty when the person has typed nothing into any editable cell. */
export function isBlank(now: Canonical): boolean {
  return editableClientKeys.every((k) => now[k] === '');
}
