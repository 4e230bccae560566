import type { Phase, Step } from '../plan-types.ts';
import { database, project } from '../plan-common.ts';

// Composite indexes, TTLs and index exemptions from firestore.indexes.json.

function fieldOrder(f: { order?: string; arrayConfig?: string }): string {
  return f.order ? `order=${f.order.toLowerCase()}` : `array-config=${f.arrayConfig?.toLowerCase()}`;
}

function indexKey(
  collectionGroup: string,
  queryScope: string,
  fields: Array<{ fieldPath: string; order?: string; arrayConfig?: string }>,
): string {
  // The API lists an index with the implicit __name__ field at the end; the file leaves it out.
  const own = fields.filter((f, i) => !(f.fieldPath === '__name__' && i === fields.length - 1));
  const fieldKeys = own.map((f) => `${f.fieldPath}:${(f.order ?? f.arrayConfig ?? '').toUpperCase()}`);
  return `${collectionGroup}|${queryScope.toUpperCase()}|${fieldKeys.join(',')}`;
}

export const indexesPhases: Phase[] = [
  {
    name: 'Firestore indexes and field settings (firestore.indexes.json)',
    reads: ({ config, indexes }) => [
      {
        key: 'indexes',
        kind: 'gcloud',
        args: ['firestore', 'indexes', 'composite', 'list', `--database=${database}`, project(config), '--format=json'],
      },
      ...(indexes.fieldOverrides ?? []).map((f) => ({
        key: `field:${f.collectionGroup}/${f.fieldPath}`,
        kind: 'gcloud' as const,
        args: [
          'firestore',
          'indexes',
          'fields',
          'describe',
          f.fieldPath,
          `--collection-group=${f.collectionGroup}`,
          `--database=${database}`,
          project(config),
          '--format=json',
        ],
      })),
    ],
    plan: ({ config, indexes }, observed) => {
      const existing = new Set(
        (
          (observed.indexes as
            | Array<{ name?: string; queryScope?: string; fields?: Array<{ fieldPath: string; order?: string; arrayConfig?: string }> }>
            | undefined) ?? []
        ).map((i) => indexKey(/collectionGroups\/([^/]+)\//.exec(i.name ?? '')?.[1] ?? '', i.queryScope ?? '', i.fields ?? [])),
      );
      const steps: Step[] = indexes.indexes
        .filter((i) => !existing.has(indexKey(i.collectionGroup, i.queryScope, i.fields)))
        .map((i) => ({
          kind: 'gcloud',
          args: [
            'firestore',
            'indexes',
            'composite',
            'create',
            `--database=${database}`,
            `--collection-group=${i.collectionGroup}`,
            `--query-scope=${i.queryScope.toLowerCase()}`,
            ...i.fields.map((f) => `--field-config=field-path=${f.fieldPath},${fieldOrder(f)}`),
            '--async',
            project(config),
          ],
          why: `index for the ${i.collectionGroup} queries on ${i.fields.map((f) => f.fieldPath).join(', ')} (builds in the background)`,
        }));
      for (const f of indexes.fieldOverrides ?? []) {
        const described = observed[`field:${f.collectionGroup}/${f.fieldPath}`] as
          | { ttlConfig?: { state?: string }; indexConfig?: { usesAncestorConfig?: boolean; indexes?: unknown[] } }
          | undefined;
        const where = [f.fieldPath, `--collection-group=${f.collectionGroup}`, `--database=${database}`];
        if (f.ttl && !['ACTIVE', 'CREATING'].includes(described?.ttlConfig?.state ?? '')) {
          steps.push({
            kind: 'gcloud',
            args: ['firestore', 'fields', 'ttls', 'update', ...where, '--enable-ttl', '--async', project(config)],
            why: `delete ${f.collectionGroup} documents once their ${f.fieldPath} has passed`,
          });
        }
        const exempt = described?.indexConfig?.usesAncestorConfig === false && (described.indexConfig.indexes ?? []).length === 0;
        if (f.indexes !== undefined && f.indexes.length === 0 && !exempt) {
          steps.push({
            kind: 'gcloud',
            args: ['firestore', 'indexes', 'fields', 'update', ...where, '--disable-indexes', '--async', project(config)],
            why: `no single-field indexes on ${f.collectionGroup}.${f.fieldPath} (written often, never queried)`,
          });
        }
      }
      return steps;
    },
  },
];
