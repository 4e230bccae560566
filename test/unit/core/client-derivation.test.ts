import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientFlags, deriveClient, newClientDerived, withDeal, type DealFields } from '../../../functions/src/core/client-derivation.ts';
import type { Client } from '../../../functions/src/schema/client.ts';
import type { Deal } from '../../../functions/src/schema/deal.ts';

const client: Client = {
  id: 'c1',
  name: 'Ivan',
  kind: 'person',
  size: 'regular',
  phones: ['+79161234567'],
  emails: [],
  managerId: 'm1',
  assignedAt: '2026-03-10T12:00:00.000Z',
};
const deal = (id: string, date: string, managerId = 'm1'): Deal => ({ id, clientId: 'c1', managerId, date, amount: 100, profit: 10 });

describe('derived client fields', () => {
  it('count a deal towards the holder only when the holder made it on or after the assignment day', () => {
    const derived = deriveClient(
      client,
      [deal('d1', '2026-03-09'), deal('d2', '2026-03-10'), deal('d3', '2026-04-01', 'm2'), deal('d4', '2026-05-01')],
      [],
      1,
      'now',
    );
    expect(derived).toMatchObject({ dealCount: 4, dealsSinceAssignment: 2, firstDealAt: '2026-03-09', lastDealAt: '2026-05-01' });
  });

  it('are the same whether a deal is added to the stored fields or all deals are read again', () => {
    const day = fc.integer({ min: 0, max: 120 }).map((n) => new Date(Date.UTC(2026, 1, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(fc.tuple(day, fc.constantFrom('m1', 'm2')), { maxLength: 20 }), (list) => {
        const deals = list.map(([date, m], i) => deal(`d${i}`, date, m));
        const start = { ...newClientDerived(client, [], 'now'), dealsAwaiting: 0 };
        const stepwise = deals.reduce<DealFields>((fields, d) => withDeal(client, fields, d, { minDealAmount: 0 }), start);
        const { dealCount, dealsSinceAssignment, firstDealAt, lastDealAt } = deriveClient(client, deals, [], 1, 'now');
        expect(stepwise).toMatchObject({ dealCount, dealsSinceAssignment, firstDealAt, lastDealAt });
      }),
    );
  });

  it('start a new client with no deals and the flags of its own fields', () => {
    expect(newClientDerived(client, ['phone:+79161234567'], '2026-03-10T12:00:00.000Z')).toEqual({
      contactKeys: ['phone:+79161234567'],
      dealCount: 0,
      dealsSinceAssignment: 0,
      firstDealAt: null,
      lastDealAt: null,
      dealsAwaiting: 0,
      rotatable: true,
      mailable: { sms: false, email: false },
      awaitingConfirmation: { sms: false, email: false },
      version: 1,
      updatedAt: '2026-03-10T12:00:00.000Z',
    });
  });

  it('take a client out of rotation when it is unassigned, lost or pinned', () => {
    expect(clientFlags({ ...client, managerId: null }).rotatable).toBe(false);
    expect(clientFlags({ ...client, lostAt: '2026-04-01' }).rotatable).toBe(false);
    expect(clientFlags({ ...client, pinned: true }).rotatable).toBe(false);
    expect(clientFlags(client).rotatable).toBe(true);
  });
});
