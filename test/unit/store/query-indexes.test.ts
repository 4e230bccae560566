import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { declaredIndexes, type CompositeIndex } from '../../../functions/src/store/query-indexes.ts';

// Firestore refuses a query without its composite index (the emulator does not), so the index file
// is held to what the store's queries declare next to themselves: each one present, none unused.
const storeDir = fileURLToPath(new URL('../../../functions/src/store/', import.meta.url));
const indexFile = fileURLToPath(new URL('../../../firestore.indexes.json', import.meta.url));

const keyOf = (i: CompositeIndex) => `${i.collectionGroup}(${i.fields.map((f) => `${f.fieldPath} ${f.order}`).join(', ')})`;

async function declared(): Promise<Set<string>> {
  // Every store module, as it is on disk: a new one declares its indexes without being listed here.
  for (const file of readdirSync(storeDir).filter((f) => f.endsWith('.ts'))) await import(`${storeDir}${file}`);
  return new Set(declaredIndexes().map(keyOf));
}

function inIndexFile(): Set<string> {
  const file = JSON.parse(readFileSync(indexFile, 'utf8')) as {
    indexes: Array<{ collectionGroup: string; queryScope: string; fields: Array<{ fieldPath: string; order?: string }> }>;
  };
  return new Set(
    file.indexes.map(
      (i) =>
        keyOf({ collectionGroup: i.collectionGroup, fields: i.fields as CompositeIndex['fields'] }) +
        (i.queryScope === 'COLLECTION' ? '' : ` ${i.queryScope}`),
    ),
  );
}

describe('firestore.indexes.json', () => {
  it('holds every composite index a store query declares', async () => {
    const file = inIndexFile();
    expect([...(await declared())].filter((k) => !file.has(k))).toEqual([]);
  });

  it('holds no composite index that no query declares', async () => {
    const wanted = await declared();
    expect([...inIndexFile()].filter((k) => !wanted.has(k))).toEqual([]);
  });

  it('finds the declarations: the store queries that need an index declare one', async () => {
    expect((await declared()).size).toBeGreaterThanOrEqual(10);
  });
});
