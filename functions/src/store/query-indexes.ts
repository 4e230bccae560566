/**
 * The composite indexes the store's queries need, declared next to the query that needs it (an
 * equality with a range or order on another field, an order on two fields, a sum over a field).
 * The emulator runs any query without an index and Firestore refuses it with FAILED_PRECONDITION, so
 * a unit test holds `firestore.indexes.json` to exactly these: each declared index present, none unused.
 */
export type IndexOrder = 'ASCENDING' | 'DESCENDING';
export type CompositeIndex = { collectionGroup: string; fields: Array<{ fieldPath: string; order: IndexOrder }> };

const declared: CompositeIndex[] = [];

/** `needsIndex('tasks', 'status', ['dueDate', 'desc'])`: fields in index order, ascending unless said. */
export function needsIndex(collectionGroup: string, ...fields: Array<string | [string, 'asc' | 'desc']>): void {
  declared.push({
    collectionGroup,
    fields: fields.map((f) =>
      typeof f === 'string'
        ? { fieldPath: f, order: 'ASCENDING' }
        : { fieldPath: f[0], order: f[1] === 'desc' ? 'DESCENDING' : 'ASCENDING' },
    ),
  });
}

export function declaredIndexes(): readonly CompositeIndex[] {
  return declared;
}
