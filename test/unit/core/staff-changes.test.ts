import { describe, expect, it } from 'vitest';
import {
  checkAdminRemains,
  checkDealManager,
  checkManagerChange,
  checkNewClientContacts,
  checkOffboarding,
  dealMaker,
  listedHolder,
  newClientHolding,
  statementHolder,
} from '../../../functions/src/core/staff-changes.ts';
import { refusalOf } from '../../support/refusal.ts';

const admin = { id: 'head', role: 'admin' } as const;
const anna = { id: 'anna', role: 'manager' } as const;

describe('changes an admin may make to the staff', () => {
  it('refuses an admin offboarding themselves, naming the id, and lets them offboard anyone else', () => {
    const e = refusalOf(() => checkOffboarding('head', 'head'));
    expect([e.code, e.message, e.issues]).toEqual([
      'invalid-input',
      'you cannot offboard yourself',
      [{ path: 'id', message: 'ask another admin' }],
    ]);
    expect(() => checkOffboarding('head', 'anna')).not.toThrow();
  });

  it('refuses an admin taking away their own admin role, and allows every other change', () => {
    const e = refusalOf(() => checkManagerChange('head', 'head', { role: 'manager' }));
    expect([e.code, e.issues]).toEqual(['invalid-input', [{ path: 'role', message: 'ask another admin' }]]);
    expect(() => checkManagerChange('head', 'head', { role: 'admin' })).not.toThrow();
    expect(() => checkManagerChange('head', 'head', {})).not.toThrow();
    expect(() => checkManagerChange('head', 'boris', { role: 'manager' })).not.toThrow();
  });

  it('refuses a change that would leave no active admin as a conflict naming the field, and allows one that leaves one', () => {
    const e = refusalOf(() => checkAdminRemains(0, 'role'));
    expect([e.code, e.issues]).toEqual(['conflict', [{ path: 'role', message: 'is the last active admin' }]]);
    expect(refusalOf(() => checkAdminRemains(0, 'id')).issues[0]!.path).toBe('id');
    expect(() => checkAdminRemains(1, 'role')).not.toThrow();
  });
});

describe('whose clients and statements a caller reads', () => {
  it('lists a manager’s own clients and refuses a listing of another’s', () => {
    expect(listedHolder(anna, undefined)).toBe('anna');
    expect(listedHolder(anna, 'anna')).toBe('anna');
    expect(refusalOf(() => listedHolder(anna, 'boris')).code).toBe('forbidden');
  });

  it('lists for an admin whoever they ask for, or the whole base', () => {
    expect(listedHolder(admin, 'boris')).toBe('boris');
    expect(listedHolder(admin, undefined)).toBeUndefined();
  });

  it('reads a manager’s own statement only, another’s reading as none', () => {
    expect(statementHolder(anna, undefined)).toBe('anna');
    expect(statementHolder(anna, 'anna')).toBe('anna');
    expect(statementHolder(anna, 'boris')).toBeUndefined();
  });

  it('reads for an admin anyone’s statement, their own unless they say', () => {
    expect(statementHolder(admin, 'boris')).toBe('boris');
    expect(statementHolder(admin, undefined)).toBe('head');
  });
});

describe('who made a recorded deal', () => {
  it('is someone on the roster, active or former; anyone else is refused naming managerId', () => {
    const e = refusalOf(() => checkDealManager('nobody', undefined));
    expect([e.code, e.issues]).toEqual(['invalid-input', [{ path: 'managerId', message: 'is not on the roster' }]]);
    expect(() => checkDealManager('vera', { active: false, role: 'manager' })).not.toThrow();
  });

  it('is always the manager recording it, whatever they send', () => {
    expect(dealMaker(anna, 'boris', 'boris')).toBe('anna');
  });

  it('is for an admin the one they name, else the client’s holder', () => {
    expect(dealMaker(admin, 'boris', 'anna')).toBe('boris');
    expect(dealMaker(admin, undefined, 'anna')).toBe('anna');
  });

  it('must be named by an admin for a client nobody holds', () => {
    const e = refusalOf(() => dealMaker(admin, undefined, null));
    expect([e.code, e.issues]).toEqual(['invalid-input', [{ path: 'managerId', message: 'is required for a client without a manager' }]]);
  });
});

describe('newClientHolding', () => {
  const at = '2026-12-07T09:00:00.000Z';
  const day = '2026-12-07';

  it("makes a manager's new client their own, attracted by them, whatever holder the body names", () => {
    expect(newClientHolding(anna, { managerId: 'boris', holder: { active: true, role: 'manager' } }, day, at)).toEqual({
      managerId: 'anna',
      assignedAt: at,
      attractedBy: 'anna',
    });
  });

  it("puts an admin's client with no holder in the new base, and with an active manager in their book, attracted by nobody", () => {
    expect(newClientHolding(admin, { managerId: null, holder: undefined }, day, at)).toEqual({ managerId: null });
    expect(newClientHolding(admin, { managerId: 'anna', holder: { active: true, role: 'manager' } }, day, at)).toEqual({
      managerId: 'anna',
      assignedAt: at,
    });
  });

  it('refuses, naming managerId, a holder who is an admin, inactive or not on the roster', () => {
    const asAdmin = refusalOf(() => newClientHolding(admin, { managerId: 'head', holder: { active: true, role: 'admin' } }, day, at));
    expect(asAdmin.issues).toEqual([{ path: 'managerId', message: 'the head of sales (admin) holds no clients' }]);
    for (const holder of [{ active: false, role: 'manager' as const }, undefined]) {
      const refused = refusalOf(() => newClientHolding(admin, { managerId: 'gone', holder }, day, at));
      expect(refused.issues).toEqual([{ path: 'managerId', message: 'no active manager with this id' }]);
    }
  });
});

describe('a new client', () => {
  it('is refused without a phone, an e-mail or an INN, naming phones; any one of them is enough', () => {
    const e = refusalOf(() => checkNewClientContacts({ phones: [], emails: [] }));
    expect(e.code).toBe('invalid-input');
    expect(e.issues).toEqual([{ path: 'phones', message: expect.stringContaining('add a phone, an e-mail or an INN') }]);
    expect(() => checkNewClientContacts({ phones: [], emails: [], taxNumber: '7707083893' })).not.toThrow();
    expect(() => checkNewClientContacts({ phones: [], emails: ['a@b.ru'] })).not.toThrow();
  });
});
