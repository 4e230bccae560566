import { describe, expect, it } from 'vitest';
import { contactKeyField, normaliseContacts, normaliseEmail, normalisePhone } from '../../../functions/src/core/contact-normalisation.ts';

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
