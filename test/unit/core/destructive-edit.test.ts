import { describe, expect, it } from 'vitest';
import { destroyedFields, destructiveEditVerdict } from '../../../functions/src/core/destructive-edit.ts';

describe('destructive edits', () => {
  it('counts a removed contact and a cleared field, not a value replaced or added', () => {
    expect(
      destroyedFields([
        { field: 'phones', before: ['+79160000001', '+79160000002'], after: ['+79160000001'] },
        { field: 'emails', before: ['a@example.com'], after: null },
        { field: 'source', before: 'fair', after: null },
        { field: 'name', before: 'Old', after: 'New' },
        { field: 'competitor', before: null, after: 'Rival' },
        { field: 'taxNumber', before: null, after: null },
      ]),
    ).toEqual(['phones', 'emails', 'source']);
    expect(destroyedFields([{ field: 'phones', before: ['+79160000001'], after: ['+79160000001', '+79160000009'] }])).toEqual([]);
    expect(destroyedFields([{ field: 'phones', before: ['+79160000001'], after: ['+79160000009'] }])).toEqual(['phones']);
  });

  it('allows up to the limit of clients a day, the same client again at no cost, and refuses the next naming the fields', () => {
    expect(destructiveEditVerdict(undefined, 'c1', ['phones'], 2)).toEqual({ allowed: true, counted: ['c1'] });
    expect(destructiveEditVerdict({ clientIds: ['c1'] }, 'c2', ['phones'], 2)).toEqual({ allowed: true, counted: ['c1', 'c2'] });
    expect(destructiveEditVerdict({ clientIds: ['c1', 'c2'] }, 'c1', ['emails'], 2)).toEqual({ allowed: true, counted: ['c1', 'c2'] });
    const refused = destructiveEditVerdict({ clientIds: ['c1', 'c2'] }, 'c3', ['phones', 'emails'], 2);
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.errors.map((e) => e.path)).toEqual(['changes.phones', 'changes.emails']);
    expect(refused.errors[0]!.message).toMatch(/removed contacts .* of 2 clients today.*ask the head of sales/);
  });

  it('refuses every destructive edit when the limit is 0', () => {
    expect(destructiveEditVerdict(undefined, 'c1', ['phones'], 0).allowed).toBe(false);
  });
});
