import { describe, expect, it } from 'vitest';
import { canonicalClient } from '../../../../apps-script/src/clients/client-row.ts';
import { conflictNote, judgeConflict, takeTheirs } from '../../../../apps-script/src/clients/conflicts.ts';
import { en, listed, ru } from './client-fixture.ts';

const loaded = canonicalClient(listed('c1'));

describe('a save that ran into a newer version', () => {
  it('sends again on the new version when the other change touched other fields', () => {
    const mine = { ...loaded, name: 'Mine' };
    const theirs = { ...loaded, phones: '+79030000000' };
    expect(judgeConflict(loaded, mine, theirs)).toEqual({ kind: 'rebase', send: ['name'] });
  });

  it('has nothing to send when the base already holds the same change', () => {
    const mine = { ...loaded, name: 'Same' };
    expect(judgeConflict(loaded, mine, { ...mine })).toEqual({ kind: 'same' });
  });

  it('is a conflict only on fields both changed differently', () => {
    const mine = { ...loaded, name: 'Mine', emails: 'me@x.ru' };
    const theirs = { ...loaded, name: 'Theirs', emails: 'me@x.ru' };
    expect(judgeConflict(loaded, mine, theirs)).toEqual({ kind: 'conflict', fields: ['name'] });
  });

  it('without the loaded values, treats every difference from the base as a conflict', () => {
    expect(judgeConflict(null, { ...loaded, name: 'Mine' }, loaded)).toEqual({ kind: 'conflict', fields: ['name'] });
  });

  it("takes theirs only where they conflict, keeping the person's other edits", () => {
    const mine = { ...loaded, name: 'Mine', competitor: 'Rival' };
    const theirs = { ...loaded, name: 'Theirs' };
    expect(takeTheirs(loaded, mine, theirs)).toEqual({ ...mine, name: 'Theirs' });
  });

  it("notes the base's value with who and when, in the sheet's language", () => {
    const theirs = { ...loaded, kind: 'person' };
    const note = conflictNote('kind', theirs, { id: 'head', name: 'Olga Head' }, '2026-03-02 14:05', en);
    expect(note).toContain('Olga Head changed it on 2026-03-02 14:05 to:\nPerson');
    expect(conflictNote('kind', theirs, undefined, '2026-03-02 14:05', ru)).toContain('его изменили в базе 2026-03-02 14:05 на:\nФизлицо');
  });
});
