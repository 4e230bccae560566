import { describe, expect, it } from 'vitest';
import { clientMatcher, hasFilter } from '../../../functions/src/core/client-search.ts';

const ivan = {
  id: 'c-17',
  name: 'Ivan Petrov',
  kind: 'person' as const,
  size: 'regular' as const,
  phones: ['+79161234567'],
  emails: ['ivan@example.com'],
};
const steel = {
  id: 'c-18',
  name: 'Steel LLC',
  kind: 'company' as const,
  size: 'large' as const,
  phones: [],
  emails: [],
  taxNumber: '7707083893',
  lostAt: '2026-02-01',
};

describe('client search', () => {
  it('finds by name, id, e-mail and INN, ignoring case', () => {
    expect(clientMatcher({ q: 'PETROV' })(ivan)).toBe(true);
    expect(clientMatcher({ q: 'c-17' })(ivan)).toBe(true);
    expect(clientMatcher({ q: 'ivan@' })(ivan)).toBe(true);
    expect(clientMatcher({ q: '7707083' })(steel)).toBe(true);
    expect(clientMatcher({ q: 'sidorov' })(ivan)).toBe(false);
  });

  it('finds a phone by its digits however they are typed, from three digits on', () => {
    expect(clientMatcher({ q: '916 123' })(ivan)).toBe(true);
    expect(clientMatcher({ q: '8 916 123-45-67' })(ivan)).toBe(true);
    expect(clientMatcher({ q: '91' })(ivan)).toBe(false);
  });

  it('narrows by kind, size and lost, all together', () => {
    expect(clientMatcher({ kind: 'company', size: 'large', lost: true })(steel)).toBe(true);
    expect(clientMatcher({ lost: false })(steel)).toBe(false);
    expect(clientMatcher({ lost: false, size: 'regular' })(ivan)).toBe(true);
    expect(clientMatcher({ kind: 'company' })(ivan)).toBe(false);
  });

  it('tells whether any filter is set', () => {
    expect(hasFilter({})).toBe(false);
    expect(hasFilter({ lost: false })).toBe(true);
  });
});
