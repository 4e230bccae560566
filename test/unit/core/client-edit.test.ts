import { describe, expect, it } from 'vitest';
import { newClientDerived } from '../../../functions/src/core/client-derivation.ts';
import { planEdit, type EditPlan, type EditWrite } from '../../../functions/src/core/client-edit.ts';
import type { Client, ClientDoc } from '../../../functions/src/schema/client.ts';

const at = '2026-04-10T09:00:00.000Z';
const manager = { by: 'anna', mayReinstate: false, timeZone: 'Europe/Moscow' };
const admin = { by: 'head', mayReinstate: true, timeZone: 'Europe/Moscow' };

function stored(over: Partial<Client> = {}, derived: Partial<ClientDoc> = {}): ClientDoc {
  const client: Client = {
    id: 'c1',
    name: 'Ivan',
    kind: 'person',
    size: 'regular',
    phones: ['+79161234567'],
    emails: ['ivan@example.com'],
    managerId: 'anna',
    assignedAt: '2026-01-05',
    ...over,
  };
  const keys = [
    ...client.phones.map((p) => `phone:${p}`),
    ...client.emails.map((e) => `email:${e}`),
    ...(client.taxNumber ? [`inn:${client.taxNumber}`] : []),
  ];
  return { ...client, ...newClientDerived(client, keys, '2026-01-05T10:00:00.000Z'), version: 3, ...derived };
}

const lost = { lostAt: '2026-03-01', lostReason: 'went elsewhere', competitor: 'Rival LLC' };

function written(plan: EditPlan): EditWrite {
  if (plan.status !== 'planned' || plan.write === undefined) throw new Error(`expected a write, got ${JSON.stringify(plan)}`);
  return plan.write;
}

describe('planning a client edit', () => {
  it('writes the changed fields on the next version, keeps what the system derived, and says who edited', () => {
    const current = stored({}, { dealCount: 4, firstDealAt: '2026-02-01', lastDealAt: '2026-03-20' });
    const { doc } = written(planEdit(current, { name: 'Ivan Petrov', size: 'large' }, manager, at));
    expect(doc).toMatchObject({ name: 'Ivan Petrov', size: 'large', version: 4, updatedAt: at, lastEdit: { by: 'anna', at } });
    expect(doc).toMatchObject({ dealCount: 4, firstDealAt: '2026-02-01', lastDealAt: '2026-03-20', managerId: 'anna' });
  });

  it("records the edit in the history with each field's value before and after", () => {
    const { history } = written(planEdit(stored({ source: 'event' }), { name: 'Ivan P', source: null }, manager, at));
    expect(history).toEqual([
      {
        type: 'edit',
        clientId: 'c1',
        at,
        by: 'anna',
        version: 4,
        changes: [
          { field: 'name', before: 'Ivan', after: 'Ivan P' },
          { field: 'source', before: 'event', after: null },
        ],
      },
    ]);
  });

  it("clears an optional field given as null, and the base still remembers a cleared INN as the client's", () => {
    const { doc } = written(planEdit(stored({ taxNumber: '7707083893' }), { taxNumber: null }, manager, at));
    expect(doc.taxNumber).toBeUndefined();
    expect(doc.contactKeys).not.toContain('inn:7707083893');
    expect(doc.formerContactKeys).toEqual(['inn:7707083893']);
  });

  it('plans no write for an edit that changes nothing', () => {
    expect(planEdit(stored(), { name: 'Ivan', phones: ['8 916 123 45 67'] }, manager, at)).toEqual({
      status: 'planned',
      addedKeys: [],
    });
  });

  it('normalises new contacts, says which contact keys come, and keeps the removed ones claimed by the client', () => {
    const plan = planEdit(stored(), { phones: ['8 (903) 555-00-00'], emails: [' Ivan@Example.com '] }, manager, at);
    expect(plan).toMatchObject({ status: 'planned', addedKeys: ['phone:+79035550000'] });
    expect(written(plan).doc).toMatchObject({ phones: ['+79035550000'], emails: ['ivan@example.com'] });
    expect(written(plan).doc.contactKeys).toEqual(['phone:+79035550000', 'email:ivan@example.com']);
    expect(written(plan).doc.formerContactKeys).toEqual(['phone:+79161234567']);
  });

  it('takes a remembered contact back without a new claim, and forgets it as former', () => {
    const current = stored({ phones: ['+79035550000'] }, { formerContactKeys: ['phone:+79161234567'] });
    const plan = planEdit(current, { phones: ['+79035550000', '+79161234567'] }, manager, at);
    expect(plan).toMatchObject({ status: 'planned', addedKeys: [] });
    expect(written(plan).doc.contactKeys).toEqual(['phone:+79035550000', 'phone:+79161234567', 'email:ivan@example.com']);
    expect(written(plan).doc).not.toHaveProperty('formerContactKeys');
  });

  it("refuses an edit removing the client's last contact, naming changes.phones, for the admin too", () => {
    for (const actor of [manager, admin]) {
      expect(planEdit(stored(), { phones: [], emails: [] }, actor, at)).toEqual({
        status: 'invalid',
        errors: [{ path: 'changes.phones', message: expect.stringContaining('add a phone, an e-mail or an INN') }],
      });
    }
    expect(written(planEdit(stored({ taxNumber: '7707083893' }), { phones: [], emails: [] }, manager, at)).doc.taxNumber).toBe(
      '7707083893',
    );
  });

  it('lets a client that never had a contact (an old import) be edited in other fields', () => {
    expect(written(planEdit(stored({ phones: [], emails: [] }), { name: 'Renamed' }, manager, at)).doc.name).toBe('Renamed');
  });

  it('refuses a bad contact, naming it under changes', () => {
    expect(planEdit(stored(), { phones: ['+79161234567', '12'] }, manager, at)).toEqual({
      status: 'invalid',
      errors: [{ path: 'changes.phones[1]', message: 'not a valid phone number' }],
    });
  });

  it('refuses a client that is no longer valid as a whole, naming the field', () => {
    const plan = planEdit(stored(), { lostReason: 'no reason to stay' }, manager, at);
    expect(plan).toEqual({ status: 'invalid', errors: [{ path: 'changes.lostAt', message: expect.stringContaining('lost reason') }] });
  });

  it('refuses marking a client lost without a reason', () => {
    expect(planEdit(stored(), { lostAt: '2026-04-01' }, manager, at)).toEqual({
      status: 'invalid',
      errors: [{ path: 'changes.lostReason', message: 'is required when marking a client lost' }],
    });
  });

  it('lets the holder mark a client lost: out of rotation, with a lost entry after the edit', () => {
    const write = written(planEdit(stored(), { lostAt: '2026-04-01', lostReason: 'closed down', competitor: 'Rival' }, manager, at));
    expect(write.doc.rotatable).toBe(false);
    expect(write.history.map((h) => h.type)).toEqual(['edit', 'lost']);
    expect(write.history[1]).toEqual({ type: 'lost', clientId: 'c1', at, by: 'anna', reason: 'closed down', competitor: 'Rival' });
    expect(write.audit).toBeUndefined();
  });

  it('refuses a manager reinstating a lost client or moving its lost day', () => {
    for (const changes of [{ lostAt: null }, { lostAt: '2026-02-15' }]) {
      const plan = planEdit(stored(lost), changes, manager, at);
      expect(plan).toMatchObject({ status: 'forbidden', errors: [{ path: 'changes.lostAt' }] });
    }
  });

  it('lets a manager edit a lost client without touching its lost mark', () => {
    expect(written(planEdit(stored(lost), { name: 'Still lost' }, manager, at)).doc).toMatchObject({ name: 'Still lost', ...lost });
  });

  it("lets the admin reinstate a lost client: the loss's reason and competitor go, a note and an audit entry say so", () => {
    const write = written(planEdit(stored(lost), { lostAt: null }, admin, at));
    expect(write.doc).not.toHaveProperty('lostAt');
    expect(write.doc).not.toHaveProperty('lostReason');
    expect(write.doc).not.toHaveProperty('competitor');
    expect(write.doc.rotatable).toBe(true);
    expect(write.history[1]).toEqual({
      type: 'note',
      clientId: 'c1',
      at,
      by: 'head',
      text: 'no longer marked lost (was lost on 2026-03-01)',
    });
    expect(write.audit).toEqual({
      at,
      actor: 'head',
      action: 'reinstate lost client',
      outcome: 'ok',
      target: 'clients/c1',
      details: { lostAt: '2026-03-01', newLostAt: null, lostReason: 'went elsewhere' },
    });
  });

  it('audits the admin moving a lost day, and asks bonuses to look again when the client has deals', () => {
    const write = written(planEdit(stored(lost, { firstDealAt: '2026-01-20' }), { lostAt: '2026-02-15' }, admin, at));
    expect(write.history.map((h) => h.type)).toEqual(['edit']);
    expect(write.audit).toMatchObject({ action: 'change lost day', details: { lostAt: '2026-03-01', newLostAt: '2026-02-15' } });
    expect(write.lostCorrection).toEqual({ since: '2026-02-15', dealDates: [], firstDealDates: ['2026-01-20'] });
  });

  it('refuses a holder dating a loss before their holding or before the last deal, and lets the admin', () => {
    const held = stored({ assignedAt: '2026-03-01T08:00:00.000Z' }, { lastDealAt: '2026-03-20' });
    for (const [lostAt, floor] of [
      ['2026-02-28', '2026-03-20'],
      ['2026-03-19', '2026-03-20'],
    ] as const) {
      expect(planEdit(held, { lostAt, lostReason: 'parked' }, manager, at)).toEqual({
        status: 'invalid',
        errors: [{ path: 'changes.lostAt', message: expect.stringContaining(`must not be before ${floor}`) }],
      });
    }
    expect(written(planEdit(held, { lostAt: '2026-03-20', lostReason: 'closed' }, manager, at)).doc.lostAt).toBe('2026-03-20');
    expect(written(planEdit(held, { lostAt: '2026-02-01', lostReason: 'history' }, admin, at)).doc.lostAt).toBe('2026-02-01');
  });

  it('records who marked the client lost and in which company month, and keeps it after a reinstatement', () => {
    const marked = written(planEdit(stored(), { lostAt: '2026-04-01', lostReason: 'closed' }, manager, '2026-04-30T22:00:00.000Z')).doc;
    expect(marked.lostMark).toEqual({ by: 'anna', month: '2026-05' });
    const reinstated = written(planEdit({ ...marked, version: 4 }, { lostAt: null }, admin, at)).doc;
    expect(reinstated.lostMark).toEqual({ by: 'anna', month: '2026-05' });
    expect(written(planEdit(stored(), { name: 'Kept' }, manager, at)).doc.lostMark).toBeUndefined();
  });

  it('asks bonuses nothing when a client without deals is marked lost', () => {
    const write = written(planEdit(stored(), { lostAt: '2026-04-01', lostReason: 'closed down' }, manager, at));
    expect(write.lostCorrection).toBeUndefined();
  });
});
