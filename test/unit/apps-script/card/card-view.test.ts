import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../../functions/src/schema/history.ts';
import type { CardDeal } from '../../../../functions/src/api/contract.ts';
import { cardView } from '../../../../apps-script/src/card/card-view.ts';
import { messagesFor } from '../../../../apps-script/src/messages.ts';
import { listed } from '../clients/client-fixture.ts';

const ru = messagesFor('ru');
const ctx = {
  m: ru,
  locale: 'ru' as const,
  myId: 'anna',
  today: '2026-03-10',
  formatWhen: (iso: string) => iso.replace('T', ' ').slice(0, 16),
};

describe('the client card view', () => {
  it("shows the whole history in time order, in the person's language, money in roubles", () => {
    const history: HistoryEntry[] = [
      {
        id: 'h3',
        clientId: 'c1',
        at: '2026-03-02T09:00:00.000Z',
        by: 'anna',
        type: 'deal',
        dealId: 'd1',
        managerId: 'anna',
        amount: 1250050,
        profit: 100000,
      },
      {
        id: 'h1',
        clientId: 'c1',
        at: '2026-01-10T08:00:00.000Z',
        by: 'system',
        type: 'transfer',
        from: 'boris',
        to: 'anna',
        reason: 'no-deal-for-months',
      },
      { id: 'h2', clientId: 'c1', at: '2026-02-01T10:30:00.000Z', by: 'anna', type: 'contact', channel: 'call', text: 'Позвонил' },
    ];
    const view = cardView({ client: listed('c1'), history, deals: [] }, [], ctx);
    expect(view.history).toEqual([
      { at: '2026-01-10 08:00', type: 'Передача', text: 'Передан: ротация: давно не было сделок', by: 'system' },
      { at: '2026-02-01 10:30', type: 'Контакт', text: 'Звонок: Позвонил', by: 'вы' },
      { at: '2026-03-02 09:00', type: 'Сделка', text: '12\u00a0500,50\u00a0₽, прибыль 1\u00a0000,00\u00a0₽', by: 'вы' },
    ]);
  });

  it("lists the client's open handover reports, flagging overdue ones", () => {
    const tasks = [
      {
        id: 't1',
        clientId: 'c1',
        clientName: 'Client c1',
        from: 'boris',
        reason: 'no-deal-for-months',
        dueDate: '2026-03-01',
        overdue: false,
      },
      { id: 't2', clientId: 'other', clientName: null, from: null, reason: 'top-up', dueDate: '2026-04-01', overdue: false },
    ];
    expect(cardView({ client: listed('c1'), history: [], deals: [] }, tasks, ctx).tasks).toEqual([
      { id: 't1', dueDate: '2026-03-01', overdue: true },
    ]);
  });

  it('says a consent the person withdrew is theirs to give again, and lists the contacts a sign-up gave, in both languages', () => {
    const client = listed('c1', {
      consents: [
        {
          channel: 'email',
          status: 'withdrawn',
          at: '2026-03-02T10:00:00.000Z',
          method: 'unsubscribe',
          proof: {},
          withdrawnByPersonAt: '2026-03-02T10:00:00.000Z',
        },
      ],
    });
    const contactsToVerify = [
      {
        clientId: 'c1',
        channel: 'email' as const,
        address: 'x@example.com',
        name: 'Мария',
        formId: 'site',
        at: '2026-03-05T10:00:00.000Z',
        consentAsked: true,
      },
    ];
    const view = cardView({ client, history: [], deals: [], contactsToVerify }, [], ctx);
    expect(view.consents[1]!.value).toContain('отозвано самим человеком 2026-03-02: снова дать его может только он сам');
    expect(view.contactsToVerify).toEqual([
      {
        channel: 'email',
        address: 'x@example.com',
        text: 'x@example.com, оставлен 2026-03-05 в заявке с сайта от имени «Мария», с согласием на подтверждение',
      },
    ]);
    const en = cardView({ client, history: [], deals: [], contactsToVerify }, [], { ...ctx, m: messagesFor('en'), locale: 'en' });
    expect(en.consents[1]!.value).toContain('withdrawn by the person on 2026-03-02: only their new consent grants it again');
    expect(en.contactsToVerify[0]!.text).toBe('x@example.com, given on 2026-03-05 in a web sign-up as “Мария”, with a consent to confirm');
    expect(cardView({ client: listed('c1'), history: [], deals: [] }, [], ctx).contactsToVerify).toEqual([]);
  });

  it('shows consents per channel, and says when none was recorded', () => {
    const client = listed('c1', {
      consents: [{ channel: 'sms', status: 'granted', at: '2026-01-05', method: 'questionnaire', proof: {} }],
    });
    expect(cardView({ client, history: [], deals: [] }, [], ctx).consents).toEqual([
      { label: 'SMS', value: 'Дано, 2026-01-05 (Анкета)' },
      { label: 'E-mail', value: 'согласие не записано' },
    ]);
  });

  it('shows a public sign-up awaiting confirmation as such, in the card and in the history, never as a consent', () => {
    const pending = {
      channel: 'email' as const,
      status: 'pending' as const,
      at: '2026-02-05T10:00:00.000Z',
      method: 'website' as const,
      proof: { address: 'web@example.com' },
    };
    const client = listed('c1', { consents: [pending] });
    const history: HistoryEntry[] = [{ id: 'h1', clientId: 'c1', by: 'signup', type: 'consent', ...pending }];
    const view = cardView({ client, history, deals: [] }, [], ctx);
    expect(view.consents[1]).toEqual({
      label: 'E-mail',
      value: 'Подписка с сайта, ждёт подтверждения (рассылки нет), 2026-02-05 (Форма на сайте)',
    });
    expect(view.history[0]!.text).toContain('ждёт подтверждения');
    const en = cardView({ client, history, deals: [] }, [], { ...ctx, m: messagesFor('en'), locale: 'en' }).consents[1]!.value;
    expect(en).toBe('Signed up, awaiting confirmation (not mailed), 2026-02-05 (Website form)');
  });

  it("says what an edit changed, field by field, in the person's language; an entry of an unknown kind still shows", () => {
    const history = [
      {
        id: 'h1',
        clientId: 'c1',
        at: '2026-02-01T10:30:00.000Z',
        by: 'boris',
        type: 'edit',
        version: 4,
        changes: [
          { field: 'name', before: 'ООО Ромашка', after: 'ООО «Ромашка»' },
          { field: 'kind', before: 'person', after: 'company' },
          { field: 'phones', before: [], after: ['+79161234567', '+74951234567'] },
          { field: 'lostReason', before: 'ушли', after: null },
        ],
      },
      { id: 'h2', clientId: 'c1', at: '2026-02-02T10:30:00.000Z', by: 'system', type: 'merge', from: 'c9' },
    ] as unknown as HistoryEntry[];
    expect(cardView({ client: listed('c1'), history, deals: [] }, [], ctx).history).toEqual([
      {
        at: '2026-02-01 10:30',
        type: 'Изменение',
        text:
          'Имя / название: ООО Ромашка → ООО «Ромашка»; Тип: Физлицо → Компания; ' +
          'Телефоны: — → +79161234567, +74951234567; Причина потери: ушли → —',
        by: 'boris',
      },
      { at: '2026-02-02 10:30', type: 'merge', text: 'записано в базе (эта версия дополнения не показывает подробности)', by: 'system' },
    ]);
  });

  it('lists the deals with whether each counts yet: awaiting confirmation, confirmed, or rejected with the reason', () => {
    const deal = (id: string, date: string, status: CardDeal['status'], reason: string | null = null): CardDeal => ({
      id,
      date,
      amount: 1250050,
      profit: 100000,
      managerId: id === 'd3' ? 'boris' : 'anna',
      recordedVia: 'holder',
      status,
      reason,
    });
    const deals = [
      deal('d2', '2026-03-05', 'unconfirmed'),
      deal('d1', '2026-02-01', 'confirmed'),
      deal('d3', '2026-03-01', 'rejected', 'дубль'),
    ];
    const view = cardView({ client: listed('c1'), history: [], deals }, [], ctx);
    expect(view.deals.title).toBe('Сделки');
    expect(view.deals.lines.map((l) => [l.date, l.statusText, l.by])).toEqual([
      ['2026-02-01', 'подтверждена', 'вы'],
      ['2026-03-01', 'отклонена: дубль', 'boris'],
      ['2026-03-05', 'ждёт подтверждения', 'вы'],
    ]);
    expect(view.deals.lines[0]!.text).toBe('12\u00a0500,50\u00a0₽, прибыль 1\u00a0000,00\u00a0₽');
    const en = cardView({ client: listed('c1'), history: [], deals }, [], { ...ctx, m: messagesFor('en'), locale: 'en' });
    expect(en.deals.lines.map((l) => l.statusText)).toEqual(['confirmed', 'rejected: дубль', 'awaiting confirmation']);
    expect(cardView({ client: listed('c1'), history: [], deals: [] }, [], ctx).deals).toMatchObject({
      lines: [],
      empty: 'Сделок пока нет.',
    });
  });

  it('says when pay is blocked, and closes deals, contacts and consents on a lost client', () => {
    const en = { ...ctx, m: messagesFor('en'), locale: 'en' as const };
    const company = cardView({ client: listed('c1', { kind: 'company', payBlock: 'add-tax-number' }), history: [], deals: [] }, [], en);
    expect(company.payBlock).toBe('Add the INN to be paid for this client');
    expect(company.recordingClosed).toBe(false);
    const lost = cardView({ client: listed('c1', { lostAt: '2026-03-01', payBlock: 'lost' }), history: [], deals: [] }, [], en);
    expect(lost.payBlock).toBe('This client is lost: ask the head of sales to reinstate it before recording deals, contacts or consents');
    expect(lost.recordingClosed).toBe(true);
    const ruLost = cardView({ client: listed('c1', { lostAt: '2026-03-01', payBlock: 'lost' }), history: [], deals: [] }, [], ctx);
    expect(ruLost.payBlock).toMatch(/^Клиент потерян: попросите руководителя отдела вернуть его/);
    const free = cardView({ client: listed('c1'), history: [], deals: [] }, [], en);
    expect([free.payBlock, free.recordingClosed]).toEqual([null, false]);
  });
});
