import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Firestore } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { testCli } from '../../support/cli.ts';
import { allDocumentPaths, testFirestore } from '../../support/firestore.ts';

const now = new Date('2026-11-24T10:00:00Z');
const cli = (db: Firestore) => testCli(db, now);
const dir = mkdtempSync(join(tmpdir(), 'clientbase-absences-'));
let seq = 0;
function file(content: unknown): string {
  const p = join(dir, `s${++seq}.json`);
  writeFileSync(p, JSON.stringify(content));
  return p;
}
const leaves = [
  { from: '2027-01-10', to: '2027-01-24' },
  { from: '2027-03-01', to: '2027-03-05' },
];
const snapshot = (absences: unknown) => ({
  managers: [{ id: 'm1', name: 'Anna', email: 'anna@example.com', level: 1, active: true, absences }],
  clients: [],
  deals: [],
});

describe('absences in the snapshot', () => {
  it('imports leaves from JSON and exports them as they were', async () => {
    const { db } = testFirestore('cli-absences-json');
    expect(await cli(db).run('import', '--quiet', file(snapshot(leaves)))).toBe(0);
    const c = cli(db);
    expect(await c.run('export')).toBe(0);
    expect(JSON.parse(c.out.join('\n')).managers[0].absences).toEqual(leaves);
  });

  it('reads the absences column of managers.csv as "from..to; from..to", a lone day as a one-day leave', async () => {
    const { db } = testFirestore('cli-absences-csv');
    const csv = mkdtempSync(join(tmpdir(), 'clientbase-absences-csv-'));
    writeFileSync(
      join(csv, 'managers.csv'),
      'id,name,email,level,active,absences\nm1,Anna,anna@example.com,1,true,2027-01-10..2027-01-24; 2027-03-01 .. 2027-03-05\n' +
        'm2,Boris,boris@example.com,1,true,2027-02-01\nm3,Vera,vera@example.com,1,true,\n',
    );
    expect(await cli(db).run('import', '--quiet', csv)).toBe(0);
    const doc = async (id: string) => (await db.collection('managers').doc(id).get()).get('absences');
    expect(await doc('m1')).toEqual(leaves);
    expect(await doc('m2')).toEqual([{ from: '2027-02-01', to: '2027-02-01' }]);
    expect(await doc('m3')).toBeUndefined();
  });

  it('refuses a malformed leave naming it, before writing anything', async () => {
    const { db } = testFirestore('cli-absences-bad');
    const c = cli(db);
    expect(await c.run('import', '--quiet', file(snapshot([leaves[0], { from: '2027-03-05', to: '2027-03-01' }])))).toBe(2);
    expect(c.err.join('\n')).toContain('managers[0].absences[1].to: must not be before from');
    const csv = mkdtempSync(join(tmpdir(), 'clientbase-absences-badcsv-'));
    writeFileSync(
      join(csv, 'managers.csv'),
      'id,name,email,level,active,absences\nm1,Anna,anna@example.com,1,true,2027-02-30..2027-03-01\n',
    );
    const d = cli(db);
    expect(await d.run('import', '--quiet', csv)).toBe(2);
    expect(d.err.join('\n')).toContain('managers.csv line 2, column absences (value 1)');
    expect(await allDocumentPaths(db)).toEqual([]);
  });
});
