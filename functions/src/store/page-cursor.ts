import { AppError } from '../errors.ts';
import { isDocumentId, isWellFormedText } from '../schema/common.ts';

/**
 * Where a page of a list ended: the sort value and document id of its last document, after the
 * list settings (sort, order) the cursor is valid for. The caller gets it as opaque base64url text.
 */
export type PagePosition = { value: string | null; id: string };

export function encodePageCursor(settings: ReadonlyArray<string>, position: PagePosition): string {
  return Buffer.from(JSON.stringify([...settings, position.value, position.id])).toString('base64url');
}

/**
 * Reads a cursor this list gave out. It comes back from outside, so everything that goes into the
 * query is checked: the same settings, a value that is text Firestore takes (or null where the
 * sort field may be absent), and a valid document id; anything else is refused naming `cursor`.
 */
export function decodePageCursor(
  cursor: string,
  list: { settings: ReadonlyArray<string>; nullValue: boolean; hint?: string },
): PagePosition {
  const refused = () =>
    new AppError('invalid-input', 'the cursor is not one this list gave out', {
      issues: [{ path: 'cursor', message: `unknown cursor; start again without it${list.hint ? ` (${list.hint})` : ''}` }],
    });
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused();
  }
  const n = list.settings.length;
  if (!Array.isArray(raw) || raw.length !== n + 2 || list.settings.some((s, i) => raw[i] !== s)) throw refused();
  const [value, id] = raw.slice(n) as unknown[];
  const valueOk = value === null ? list.nullValue : typeof value === 'string' && isWellFormedText(value);
  if (!valueOk || typeof id !== 'string' || !isDocumentId(id)) throw refused();
  return { value: value as string | null, id };
}
