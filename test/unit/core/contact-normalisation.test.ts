import { describe, expect, it } from 'vitest';
import {
  contactKeyField,
  hasContact,
  keysOfTypedContact,
  missingContactIssue,
  normaliseContacts,
  normaliseEmail,
  normalisePhone,
  releasePlan,
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

  it('reads a typed contact as every key it may stand for, whichever way it is written', () => {
    expect(keysOfTypedContact('8 916 123-45-67')).toEqual(['phone:+79161234567']);
    expect(keysOfTypedContact(' Ivan@Example.COM ')).toEqual(['email:ivan@example.com']);
    expect(keysOfTypedContact('7707083893')).toEqual(['inn:7707083893']);
    expect(keysOfTypedContact('495 123-45-67')).toEqual(['phone:+74951234567']);
    expect(keysOfTypedContact('not a contact')).toEqual([]);
  });

  it('releases only a contact the base still claims for the client and the client no longer holds', () => {
    const readings = ['phone:+79161234567'];
    expect(releasePlan(readings, readings, ['email:ivan@example.com'])).toEqual({ ok: true, keys: readings });
    expect(releasePlan(readings, readings, ['phone:+79161234567'])).toEqual({
      ok: false,
      issue: { path: 'contact', message: expect.stringContaining('still one of the client') },
    });
    expect(releasePlan(readings, [], [])).toEqual({
      ok: false,
      issue: { path: 'contact', message: 'is not a contact this client has or once had' },
    });
    expect(releasePlan([], [], [])).toMatchObject({ ok: false, issue: { path: 'contact' } });
  });
});
