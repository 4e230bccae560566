import { describe, expect, it } from 'vitest';
import { consentForm, contactForm, dealForm, lostForm, noteForm, reportForm } from '../../../../apps-script/src/card/card-forms.ts';
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
    expect(dealForm({ date: '2026-03-01', amount: '-5', profit: '-10' }, 'd-1', en)).toEqual({
      ok: false,
      fieldErrors: { amount: 'must not be negative' },
    });
    // The server's rule, checked before sending: a deal's profit is part of its amount.
    expect(dealForm({ date: '2026-03-01', amount: '1', profit: '1000' }, 'd-1', en)).toEqual({
      ok: false,
      fieldErrors: { profit: 'must not be more than the amount (profit is part of the amount)' },
    });
  });

  it("checks contacts and notes with the API's schemas", () => {
    expect(contactForm({ channel: 'call', text: 'Talked about prices' }, en)).toEqual({
      ok: true,
      body: { channel: 'call', text: 'Talked about prices' },
    });
    expect(contactForm({ channel: 'pigeon', text: '' }, en)).toMatchObject({ ok: false, fieldErrors: { channel: expect.any(String) } });
    expect(noteForm({ text: '   ' }, en)).toEqual({ ok: false, fieldErrors: { text: 'is required' } });
  });

  it('records a consent with its proof and who recorded it', () => {
    expect(
      consentForm({ channel: 'sms', status: 'granted', method: 'questionnaire', formId: 'Q-17', textVersion: '' }, 'anna@example.com', en),
    ).toEqual({
      ok: true,
      body: { channel: 'sms', status: 'granted', method: 'questionnaire', proof: { recordedBy: 'anna@example.com', formId: 'Q-17' } },
    });
  });

  it('needs a day and a reason to mark a client lost; the competitor is optional', () => {
    expect(lostForm({ date: '2026-03-01', reason: 'price', competitor: '' }, en)).toEqual({
      ok: true,
      body: { lostAt: '2026-03-01', lostReason: 'price', competitor: null },
    });
    expect(lostForm({ date: '', reason: '' }, en)).toEqual({ ok: false, fieldErrors: { date: 'is required', reason: 'is required' } });
  });

  it("checks a handover report's outcome and text", () => {
    expect(reportForm({ taskId: 't1', text: 'Called, sent a quote', outcome: 'in-progress' }, en)).toEqual({
      ok: true,
      body: { text: 'Called, sent a quote', outcome: 'in-progress' },
    });
    expect(reportForm({ taskId: '', text: '', outcome: 'won' }, en)).toMatchObject({
      ok: false,
      fieldErrors: { taskId: 'is required', text: 'is required', outcome: expect.any(String) },
    });
  });
});
