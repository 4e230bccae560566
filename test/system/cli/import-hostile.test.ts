import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Firestore } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import { testCli } from '../../support/cli.ts';
import { allDocumentPaths, getClientDoc, testFirestore } from '../../support/firestore.ts';
import { badDate as anyBadDate, controlled, hugeNumber, loneSurrogate, reservedId } from '../../support/hostile-values.ts';

// The importer promises all-or-nothing: whatever Firestore would refuse must be refused, named,
// before the first write. These are the inputs that once slipped through to the database.

const now = new Date('2026-11-24T10:00:00Z');
const cli = (db: Firestore) => testCli(db, now);

const dir = mkdtempSync(join(tmpdir(), 'clientbase-hostile-'));
let fileSeq = 0;
function file(content: unknown, name = `s${++fileSeq}.json`): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

const valid = () => ({
  config: { timeZone: 'America/New_York' },
  managers: [
    { id: 'm1', name: 'Anna Orlova', email: 'anna@example.com', level: 1, active: true },
    { id: 'm2', name: 'Boris Lee', email: 'boris@example.com', level: 1, active: true },
  ],
  clients: [
    {
      id: 'c1',
      name: 'Ivan Petrov',
      kind: 'person',
      phones: ['+79161234567'],
      emails: ['ivan@example.com'],
      managerId: 'm1',
      assignedAt: '2025-01-10',
      attractedBy: 'm1',
      lostReason: 'moved',
      lostAt: '2026-01-05',
      competitor: 'Rival',
    },
    {
      id: 'c2',
      name: 'OOO Romashka',
      kind: 'company',
      phones: [],
      emails: [],
      managerId: 'm2',
      assignedAt: '2025-02-01',
      consents: [{ channel: 'email', status: 'granted', at: '2025-02-01', method: 'import' }],
    },
  ],
  deals: [{ id: 'd1', clientId: 'c1', managerId: 'm1', date: '2025-03-01', amount: 100_000, profit: 20_000 }],
  history: [{ id: 'h1', clientId: 'c2', type: 'note', at: '2025-02-02', by: 'm2', text: 'first call' }],
});

describe('import of hostile snapshots', () => {
  it('refuses a name with a lone surrogate before writing anything (it once left half a snapshot written)', async () => {
    const { db } = testFirestore('imp-surrogate');
    const bad = valid();
    bad.clients[1]!.name = 'OOO \ud800 Romashka';
    const c = cli(db);
    expect(await c.run('import', '--quiet', file(bad))).toBe(2);
    expect(c.err.join('\n')).toContain('clients[1].name: is not valid Unicode text (it holds a lone surrogate)');
    expect(await allDocumentPaths(db)).toEqual([]);
  });

  it('refuses a deal dated after today in the snapshot’s time zone, and a profit above the amount', async () => {
    const { db } = testFirestore('imp-future');
    const bad = valid();
    // 10:00 UTC on 24 November is 05:00 in New York: the 24th is today there, the 25th is not.
    bad.deals.push({ id: 'd2', clientId: 'c1', managerId: 'm1', date: '2026-11-25', amount: 10, profit: 1 });
    bad.deals.push({ id: 'd3', clientId: 'c1', managerId: 'm1', date: '2026-11-24', amount: 1, profit: 1_000_000 });
    bad.clients[0]!.lostAt = '9999-12-31';
    const c = cli(db);
    expect(await c.run('import', '--quiet', file(bad))).toBe(2);
    const text = c.err.join('\n');
    expect(text).toContain('deals[1].date: must not be later than today (2026-11-24 in America/New_York)');
    expect(text).toContain('deals[2].profit: must not be more than the amount');
    expect(text).toContain('clients[0].lostAt: must not be later than today');
    expect(text).not.toContain('deals[2].date');
    expect(await allDocumentPaths(db)).toEqual([]);
  });

  it('names a reserved id in a CSV cell by line and column', async () => {
    const { db } = testFirestore('imp-csv-id');
    const csv = mkdtempSync(join(tmpdir(), 'clientbase-hostile-csv-'));
    writeFileSync(join(csv, 'managers.csv'), 'id,name,email,level,active\nm1,Anna,anna@example.com,1,true\n');
    writeFileSync(
      join(csv, 'clients.csv'),
      'id,name,kind,managerId,assignedAt\n..,Dots,person,m1,2025-01-10\n__x__,Reserved,person,m1,2025-01-10\n',
    );
    const c = cli(db);
    expect(await c.run('import', '--quiet', csv)).toBe(2);
    expect(c.err.join('\n')).toContain('clients.csv line 2, column id:');
    expect(c.err.join('\n')).toContain('clients.csv line 3, column id:');
    expect(await allDocumentPaths(db)).toEqual([]);
  });

  it('stores an e-mail too long to be a document id once escaped, under a hashed contact key', async () => {
    const { db } = testFirestore('imp-long-key');
    const snap = valid();
    const email = `${'я'.repeat(200)}@почта.рф`;
    snap.clients[1]!.emails = [email];
    expect(await cli(db).run('import', '--quiet', file(snap))).toBe(0);
    expect((await getClientDoc(db, 'c2'))!.contactKeys).toEqual([`email:${email}`]);
    const keys = await db.collection('contactKeys').where('clientId', '==', 'c2').get();
    expect(keys.docs.map((d) => d.id)).toEqual([expect.stringMatching(/^sha256:[0-9a-f]{64}$/)]);
  });
});

type Mutation = { table: 'managers' | 'clients' | 'deals' | 'history'; index: number; field: string; value: unknown; named: string };

// Tomorrow in the snapshot's zone (New York) is already the future.
const badDate = fc.oneof(anyBadDate, fc.constantFrom('2026-11-25', '2026-11-25T12:00:00-05:00'));

/** One bad value in one field of an otherwise valid snapshot; `named` is the path the error must name. */
const mutation: fc.Arbitrary<Mutation> = fc
  .oneof(
    fc.tuple(
      fc.constantFrom(
        ['clients', 0, 'name'],
        ['clients', 1, 'competitor'],
        ['clients', 0, 'lostReason'],
        ['managers', 1, 'name'],
        ['history', 0, 'text'],
        ['history', 0, 'by'],
      ),
      loneSurrogate,
    ),
    fc.tuple(
      fc.constantFrom(['clients', 0, 'name'], ['clients', 1, 'name'], ['managers', 0, 'name'], ['clients', 0, 'competitor']),
      controlled,
    ),
    fc.tuple(
      fc.constantFrom(
        ['clients', 1, 'id'],
        ['managers', 0, 'id'],
        ['deals', 0, 'id'],
        ['history', 0, 'id'],
        ['deals', 0, 'clientId'],
        ['clients', 0, 'managerId'],
      ),
      reservedId,
    ),
    fc.tuple(
      fc.constantFrom(
        ['deals', 0, 'date'],
        ['clients', 0, 'lostAt'],
        ['clients', 1, 'assignedAt'],
        ['clients', 0, 'createdAt'],
        ['history', 0, 'at'],
      ),
      badDate,
    ),
    fc.tuple(fc.constantFrom(['deals', 0, 'amount'], ['deals', 0, 'profit'], ['managers', 0, 'level']), hugeNumber),
    fc.constant([['deals', 0, 'profit'], 100_001] as const),
  )
  .map(([[table, index, field], value]) => ({ table, index, field, value, named: `${table}[${index}].${field}` }) as Mutation);

describe('import property', () => {
  let db: Firestore;
  let before: string[];
  beforeAll(async () => {
    ({ db } = testFirestore('imp-property'));
    expect(await cli(db).run('import', '--quiet', file(valid()))).toBe(0);
    before = await allDocumentPaths(db);
  });

  it('refuses every snapshot holding one hostile value with exit 2, naming its field, and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const snap = valid() as unknown as Record<string, Record<string, unknown>[]>;
        snap[m.table]![m.index]![m.field] = m.value;
        const c = cli(db);
        const code = await c.run('import', '--quiet', file(snap));
        expect(code, `${m.named} = ${JSON.stringify(m.value)}`).toBe(2);
        // A bad id is also reported where it is referred to; the field itself is always named.
        expect(c.err.join('\n'), JSON.stringify(m.value)).toContain(`${m.named}`);
      }),
      { numRuns: 60 },
    );
    expect(await allDocumentPaths(db)).toEqual(before);
  });
});
