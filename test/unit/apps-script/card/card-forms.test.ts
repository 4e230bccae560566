import { describe, expect, it } from 'vitest';
import {
  consentForm,
  contactForm,
  dealForm,
  lostForm,
  noteForm,
  reportForm,
  verifyContactForm,
} from '../../../../apps-script/src/card/card-forms.ts';
import { messagesFor } from '../../../../apps-script/src/messages.ts';

const en = messagesFor('en');
const ru = messagesFor('ru');

describe('client card forms', () => {
  it('turns a deal typed in roubles into the API body in kopecks, with its id', () => {
    expect(dealForm({ date: '2026-03-01', amount: '12 500,50', profit: '-100' }, 'd-1', en)).toEqual({
      ok: true,
      body: { id: 'd-1', date: '2026-03-01', amount: 1250050, profit: -10000 },
    });
  });

  it("names every bad field of a deal at once, in the person's language", () => {
    expect(dealForm({ date: '01.03.2026', amount: '', profit: 'lots' }, 'd-1', ru)).toEqual({
      ok: false,
      fieldErrors: { date: 'нужна дата в виде ГГГГ-ММ-ДД', amount: 'обязательное поле', profit: 'нужна сумма в рублях, например 1 234,56' },
    });
  });

  it("leaves the deal's own rules to the base, whose words come back to the field", () => {
    expect(dealForm({ date: '2026-03-01', amount: '1', profit: '1000' }, 'd-1', en)).toEqual({
      ok: true,
      body: { id: 'd-1', date: '2026-03-01', amount: 100, profit: 100000 },
    });
  });

  it("needs a contact's channel and a note's text", () => {
    expect(contactForm({ channel: 'call', text: 'Talked about prices' }, en)).toEqual({
      ok: true,
      body: { channel: 'call', text: 'Talked about prices' },
    });
    expect(contactForm({ channel: '', text: '' }, en)).toEqual({ ok: false, fieldErrors: { channel: 'is required' } });
    expect(noteForm({ text: '   ' }, en)).toEqual({ ok: false, fieldErrors: { text: 'is required' } });
  });

  it('records a consent with its proof, leaving who recorded it to the base, and a questionnaire only with its number', () => {
    expect(consentForm({ channel: 'sms', status: 'granted', method: 'questionnaire', formId: 'Q-17', textVersion: '' }, en)).toEqual({
      ok: true,
      body: { channel: 'sms', status: 'granted', method: 'questionnaire', proof: { formId: 'Q-17' } },
    });
    expect(consentForm({ channel: 'sms', status: 'granted', method: 'questionnaire', formId: ' ' }, en)).toEqual({
      ok: false,
      fieldErrors: { formId: 'is required' },
    });
  });

  it('sends the holder’s decision on a contact to verify', () => {
    expect(verifyContactForm({ channel: 'email', address: 'a@b.ru', decision: 'decline' }, en)).toEqual({
      ok: true,
      body: { channel: 'email', address: 'a@b.ru', decision: 'decline' },
    });
    expect(verifyContactForm({ channel: 'email', address: '', decision: 'accept' }, en)).toEqual({
      ok: false,
      fieldErrors: { address: 'is required' },
    });
  });

  it('needs a day and a reason to mark a client lost; the competitor is optional', () => {
    expect(lostForm({ date: '2026-03-01', reason: 'price', competitor: '' }, en)).toEqual({
      ok: true,
      body: { lostAt: '2026-03-01', lostReason: 'price', competitor: null },
    });
    expect(lostForm({ date: '', reason: '' }, en)).toEqual({ ok: false, fieldErrors: { date: 'is required', reason: 'is required' } });
  });

  it("needs a handover report's task, text and outcome", () => {
    expect(reportForm({ taskId: 't1', text: 'Called, sent a quote', outcome: 'in-progress' }, en)).toEqual({
      ok: true,
      body: { text: 'Called, sent a quote', outcome: 'in-progress' },
    });
    expect(reportForm({ taskId: '', text: '', outcome: '' }, en)).toEqual({
      ok: false,
      fieldErrors: { taskId: 'is required', text: 'is required', outcome: 'is required' },
    });
  });
});
