import { describe, expect, it } from 'vitest';
import { receivesClients } from '../../../functions/src/core/roster.ts';

const day = '2026-03-02';

describe('who receives clients', () => {
  it('an active sales manager receives clients', () => {
    expect(receivesClients({ active: true, role: 'manager' }, day)).toBe(true);
  });

  it('a roster entry without a role is a sales manager and receives clients', () => {
    expect(receivesClients({ active: true }, day)).toBe(true);
  });

  it('a manager who left receives none', () => {
    expect(receivesClients({ active: false, role: 'manager' }, day)).toBe(false);
  });

  it('the head of sales (admin) receives none, active or not', () => {
    expect(receivesClients({ active: true, role: 'admin' }, day)).toBe(false);
    expect(receivesClients({ active: false, role: 'admin' }, day)).toBe(false);
  });

  it('asked without a day, answers whether they receive clients at all', () => {
    expect(receivesClients({ active: true, role: 'manager' })).toBe(true);
    expect(receivesClients({ active: true, role: 'admin' })).toBe(false);
  });
});
