import { describe, expect, it } from 'vitest';
import {
  claimedKeysOf,
  contactKeyField,
  hasContact,
  missingContactIssue,
  normaliseContacts,
  normaliseEmail,
  normalisePhone,
} from '../../../functions/src/core/contact-normalisation.ts';

describe('contact normalisation', () => {
  it('writes Russian numbers in any common form as one E.164 number', () => {
    for (const raw of ['+7 (916) 123-45-67', '8 916 123 45 67', '89161234567', '9161234567', '+79161234567']) {
      expect(normalisePhone(raw)).toEqual({ ok: true, value: '+79161234567' });
    }
  });

  it('keeps foreign numbers with their country code and refuses garbage', () => {
    expect(normalisePhone('+44 20 7946 0958')).toEqual({ ok: true, value: '+442079460958' });
    expect(normalisePhone('12')).toEqual({ ok: false, message: 'not a valid phone number' });
    expect(normalisePhone('call me')).toMatchObject({ ok: false });
  });

  it('lower-cases and trims e-mails', () => {
    expect(normaliseEmail('  Ivan.Petrov@Example.COM ')).toEqual({ ok: true, value: 'ivan.petrov@example.com' });
    expect(normaliseEmail('not-an-email')).toMatchObject({ ok: false });
  });

  it('returns duplicate keys and names every bad contact by its path', () => {
    const r = normaliseContacts({
      phones: ['8 916 123 45 67', '+7 916 123-45-67', 'x'],
      emails: ['A@B.ru', 'bad'],
      taxNumber: '7707083893',
    });
    expect(r.contacts.phones).toEqual(['+79161234567']);
    expect(r.keys).toEqual(['phone:+79161234567', 'email:a@b.ru', 'inn:7707083893']);
    expect(r.issues).toEqual([
      { path: ['phones', 2], message: 'not a valid phone number' },
      { path: ['emails', 1], message: 'not a valid e-mail address' },
    ]);
  });
});

describe('contact key to field', () => {
  it('names the client field each key of a client came from', () => {
    const { keys } = normaliseContacts({ phones: ['+7 916 123-45-67'], emails: ['a@b.ru'], taxNumber: '7707083893' });
    expect(keys.map(contactKeyField)).toEqual(['phones', 'emails', 'taxNumber']);
  });
});

describe('a client duplicate control can see', () => {
  it('has a contact when it has a phone, an e-mail or an INN, and none with all three empty', () => {
    expect(hasContact({ phones: ['+79161234567'], emails: [] })).toBe(true);
    expect(hasContact({ phones: [], emails: ['a@b.ru'] })).toBe(true);
    expect(hasContact({ phones: [], emails: [], taxNumber: '7707083893' })).toBe(true);
    expect(hasContact({ phones: [], emails: [], taxNumber: '' })).toBe(false);
    expect(missingContactIssue('changes')).toEqual({
      path: 'changes.phones',
      message: expect.stringContaining('add a phone, an e-mail or an INN'),
    });
  });

  it('reads a typed contact as the keys the client claims, whichever way it is written', () => {
    const claimed = ['phone:+79161234567', 'email:ivan@example.com', 'inn:7707083893'];
    expect(claimedKeysOf('8 916 123-45-67', claimed)).toEqual(['phone:+79161234567']);
    expect(claimedKeysOf(' Ivan@Example.COM ', claimed)).toEqual(['email:ivan@example.com']);
    expect(claimedKeysOf('7707083893', claimed)).toEqual(['inn:7707083893']);
    expect(claimedKeysOf('+79035550000', claimed)).toEqual([]);
    expect(claimedKeysOf('not a contact', claimed)).toEqual([]);
  });
});
