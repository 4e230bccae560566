import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Firestore } from 'firebase-admin/firestore';
import { testCli } from '../../support/cli.ts';
import { allDocumentPaths, getClientDoc, testFirestore } from '../../support/firestore.ts';

const cli = (db: Firestore) => testCli(db, '2026-11-24T10:00:00Z');

const dir = mkdtempSync(join(tmpdir(), 'clientbase-import-'));
function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

const snapshot = {
  config: { rotation: { holdMonths: 4 }, bonus: { normalRate: 0.04 } },
  managers: [
    { id: 'm1', name: 'Anna Orlova', email: 'anna@example.com', level: 1, active: true },
    { id: 'm2', name: 'Boris Lee', email: 'Boris@Example.com', level: 2, active: true, role: 'admin' },
  ],
  clients: [
    {
      id: 'c1',
      name: 'Ivan Petrov',
      kind: 'person',
      size: 'regular',
      phones: ['8 916 123-45-67'],
      emails: ['IVAN@example.com'],
      managerId: 'm1',
      assignedAt: '2025-01-10',
      attractedBy: 'm1',
      source: 'website',
      nextContactOn: '2025-07-01',
    },
    {
      id: 'c2',
      name: 'OOO Romashka',
      kind: 'company',
      size: 'large',
      phones: [],
      emails: [],
      taxNumber: '7707083893',
      managerId: 'm2',
      assignedAt: '2024-05-01',
      lostAt: '2026-01-05',
      lostReason: 'went to a competitor',
      competitor: 'Vasilek',
    },
    { id: 'c3', name: 'New lead', kind: 'person', size: 'regular', phones: ['+44 20 7946 0958'], emails: [], managerId: null },
  ],
  deals: [
    { id: 'd2', clientId: 'c1', managerId: 'm1', date: '2025-06-01', amount: 200000, profit: 40000 },
    { id: 'd1', clientId: 'c1', managerId: 'm1', date: '2025-03-01', amount: 100000, profit: 20000 },
    { id: 'd3', clientId: 'c2', managerId: 'm2', date: '2024-07-01', amount: 900000, profit: 100000 },
  ],
};

describe('clientbase import / export', () => {
  it('imports a snapshot with normalised contacts and derived fields, and export → import round-trips exactly', async () => {
    const { db } = testFirestore('import');
    const c = cli(db);
    expect(await c.run('import', '--quiet', file('ok.json', snapshot))).toBe(0);
    expect(c.out.join('')).toContain('Imported 3 client(s)');
    expect(await getClientDoc(db, 'c1')).toMatchObject({
      phones: ['+79161234567'],
      emails: ['ivan@example.com'],
      dealCount: 2,
      dealsSinceAssignment: 2,
      firstDealAt: '2025-03-01',
      lastDealAt: '2025-06-01',
      rotatable: true,
      version: 1,
      nextContactOn: '2025-07-01',
    });
    expect(await getClientDoc(db, 'c2')).toMatchObject({ rotatable: false });
    expect((await db.collection('deals').doc('d2').get()).get('seq')).toBe(2);

    const first = cli(db);
    expect(await first.run('export')).toBe(0);
    const exported = JSON.parse(first.out.join(''));
    expect(exported.config.rotation.holdMonths).toBe(4);
    expect(exported.clients).toHaveLength(3);
    expect(exported.clients.find((x: { id: string }) => x.id === 'c1').nextContactOn).toBe('2025-07-01');
    expect(exported.history).toHaveLength(3);

    const { db: other } = testFirestore('roundtrip');
    expect(await cli(other).run('import', '--quiet', file('exported.json', exported))).toBe(0);
    const second = cli(other);
    await second.run('export');
    expect(JSON.parse(second.out.join(''))).toEqual(exported);
  });

  it('importing the same file twice leaves one copy and changes no version', async () => {
    const { db } = testFirestore('twice');
    const path = file('twice.json', snapshot);
    await cli(db).run('import', '--quiet', path);
    const before = await allDocumentPaths(db);
    const again = cli(db);
    expect(await again.run('import', '--quiet', path)).toBe(0);
    expect(again.out.join('')).toContain('0 client(s) (3 unchanged)');
    expect((await allDocumentPaths(db)).filter((p) => !p.startsWith('audit/'))).toEqual(before.filter((p) => !p.startsWith('audit/')));
    expect((await getClientDoc(db, 'c1'))?.version).toBe(1);
  });

  it('refuses an invalid snapshot with exit 2, names every bad field, and writes nothing', async () => {
    const { db } = testFirestore('invalid');
    const bad = structuredClone(snapshot) as any;
    bad.clients[1].phones = ['123'];
    bad.clients[2].managerId = 'ghost';
    bad.deals[0].amount = 10.5;
    bad.managers[0].level = 0;
    bad.clients[0].nextContactOn = 'soon';
    bad.clients.push({ ...bad.clients[0], id: 'c9' });
    const c = cli(db);
    expect(await c.run('import', file('bad.json', bad))).toBe(2);
    const text = c.err.join('\n');
    expect(text).toContain('clients[1].phones[0]: not a valid phone number');
    expect(text).toContain('clients[2].managerId: no manager with id ghost');
    expect(text).toContain('deals[0].amount: must be a whole number of minor units');
    expect(text).toContain('managers[0].level: must be at least 1');
    expect(text).toContain('clients[0].nextContactOn: must be a date YYYY-MM-DD');
    expect(text).toContain('clients[3].phones: +79161234567 is also on client c1');
    expect(text).toContain('Nothing was written');
    expect(await allDocumentPaths(db)).toEqual([]);
  });

  it('refuses rules whose intake manager is inactive, naming the field, and writes nothing', async () => {
    const { db } = testFirestore('rules-roster');
    const bad = structuredClone(snapshot) as any;
    bad.managers.push({ id: 'm3', name: 'Gone Away', email: 'gone@example.com', level: 1, active: false });
    bad.config.intake = { rule: 'fixed', managerId: 'm3' };
    const c = cli(db);
    expect(await c.run('import', file('inactive-intake.json', bad))).toBe(2);
    expect(c.err.join('\n')).toContain('config.intake.managerId: m3 is not an active sales manager');
    expect(await allDocumentPaths(db)).toEqual([]);
  });

  it('refuses rules naming a manager the same snapshot deactivates, though the base has them active', async () => {
    const { db } = testFirestore('rules-roster-base');
    expect(await cli(db).run('import', '--quiet', file('before.json', snapshot))).toBe(0);
    const before = await allDocumentPaths(db);
    const leaving = structuredClone(snapshot) as any;
    leaving.managers[0].active = false;
    leaving.config.intake = { rule: 'fixed', managerId: 'm1' };
    const c = cli(db);
    expect(await c.run('import', file('leaving.json', leaving))).toBe(2);
    expect(c.err.join('\n')).toContain('config.intake.managerId: m1 is not an active sales manager');
    expect(await allDocumentPaths(db)).toEqual(before);
  });

  it('publishes rules naming an intake manager the snapshot itself brings', async () => {
    const { db } = testFirestore('rules-roster-new');
    const ok = structuredClone(snapshot) as any;
    ok.config.intake = { rule: 'fixed', managerId: 'm1' };
    const c = cli(db);
    expect(await c.run('import', '--quiet', file('own-intake.json', ok))).toBe(0);
    expect(c.out.join('')).toContain('new rules version');
    expect((await db.collection('config').doc('rules').get()).get('rules.intake')).toMatchObject({ rule: 'fixed', managerId: 'm1' });
  });

  it('refuses a client already in the base under another id, without changing the base', async () => {
    const { db } = testFirestore('dupe-base');
    await cli(db).run('import', '--quiet', file('base.json', snapshot));
    const before = await allDocumentPaths(db);
    const c = cli(db);
    const incoming = {
      managers: [],
      clients: [{ id: 'x1', name: 'Same phone', kind: 'person', phones: ['+7 916 123 45 67'], managerId: null }],
      deals: [],
    };
    expect(await c.run('import', file('dupe.json', incoming))).toBe(2);
    expect(c.err.join('\n')).toContain('clients[0].phones: already in the base as client c1');
    expect(await allDocumentPaths(db)).toEqual(before);
  });

  it('imports the three CSV tables and names a bad cell by file, line and column', async () => {
    const { db } = testFirestore('csv');
    const csvDir = mkdtempSync(join(tmpdir(), 'clientbase-csv-'));
    writeFileSync(join(csvDir, 'managers.csv'), 'id,name,email,level,active\nm1,Anna,anna@example.com,1,true\n');
    writeFileSync(
      join(csvDir, 'clients.csv'),
      'id,name,kind,size,phones,emails,managerId,assignedAt\n' +
        'c1,Ivan,person,regular,8 916 123 45 67;+7 925 000 11 22,ivan@example.com,m1,2025-01-10\n' +
        'c2,Olga,person,regular,,,,\n',
    );
    writeFileSync(join(csvDir, 'deals.csv'), 'id,clientId,managerId,date,amount,profit\nd1,c1,m1,2025-03-01,1000,200\n');
    expect(await cli(db).run('import', '--quiet', csvDir)).toBe(0);
    expect(await getClientDoc(db, 'c1')).toMatchObject({ phones: ['+79161234567', '+79250001122'], dealCount: 1 });
    expect(await getClientDoc(db, 'c2')).toMatchObject({ managerId: null });

    const { db: empty } = testFirestore('csv-bad');
    writeFileSync(
      join(csvDir, 'clients.csv'),
      'id,name,kind,size,phones,emails,managerId,assignedAt\n' +
        'c1,Ivan,person,regular,8 916 123 45 67,ivan@example.com,m1,2025-01-10\n' +
        'c2,Olga,robot,regular,555,,,\n',
    );
    const c = cli(empty);
    expect(await c.run('import', csvDir)).toBe(2);
    expect(c.err.join('\n')).toContain('clients.csv line 3, column kind:');
    expect(c.err.join('\n')).toContain('clients.csv line 3, column phones (value 1): not a valid phone number');
    expect(await allDocumentPaths(empty)).toEqual([]);
  });

  it('exits 2 with a message for a file that is not JSON', async () => {
    const { db } = testFirestore('notjson');
    const c = cli(db);
    expect(await c.run('import', file('broken.json', '{"managers": ['))).toBe(2);
    expect(c.err.join('\n')).toMatch(/broken\.json: not valid JSON/);
    expect(readFileSync(join(dir, 'broken.json'), 'utf8')).toContain('managers');
  });
});
