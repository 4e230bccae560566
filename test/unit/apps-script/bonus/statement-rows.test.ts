import { describe, expect, it } from 'vitest';
import { previousMonth, statementSheet } from '../../../../apps-script/src/bonus/statement-rows.ts';
import { messagesFor } from '../../../../apps-script/src/messages.ts';
import type { StatementAnswer } from '../../../../functions/src/api/contract.ts';
import type { StatementLine } from '../../../../functions/src/core/bonus/types.ts';

describe('the bonus statement sheet', () => {
  it('lists every line with client, deal (its day and amount; the id apart), rule, rate, roubles, status and the pending-until day', () => {
    const answer = {
      statement: {
        month: '2026-03',
        managerId: 'anna',
        closed: false,
        totals: { payable: 150000, pending: 30000, cancelled: 0, awaiting: 0 },
        lines: [
          {
            id: 'l1',
            kind: 'normal',
            clientId: 'c1',
            dealId: 'd1',
            rate: 0.05,
            amount: 50000,
            status: 'payable',
            dueDate: null,
            note: '5 % of amount 10 000.00',
          },
          {
            id: 'l2',
            kind: 'raised',
            clientId: 'gone',
            dealId: 'd2',
            rate: 0.1,
            amount: 30000,
            status: 'pending',
            dueDate: '2026-06-01',
            note: 'raised',
          },
          {
            id: 'l3',
            kind: 'attraction',
            clientId: null,
            dealId: null,
            rate: null,
            amount: 100000,
            status: 'payable',
            dueDate: null,
            note: 'new clients',
          },
        ],
      },
      deals: [{ id: 'd1', date: '2026-03-05', amount: 1_000_000 }],
    } satisfies StatementAnswer;
    const sheet = statementSheet(answer, new Map([['c1', 'Romashka LLC']]), messagesFor('en'), 'en');
    expect(sheet.heading).toBe('Bonus statement for 2026-03 (open: may still change)');
    expect(sheet.totals).toEqual([
      ['Payable', 1500],
      ['Pending', 300],
      ['Cancelled', 0],
      ['Awaiting confirmation', 0],
    ]);
    expect(sheet.header.at(-1)).toBe('Deal id');
    // A deal the base no longer has keeps its id, so the line can still be looked up.
    expect(sheet.rows).toEqual([
      ['Romashka LLC', '2026-03-05 · 10,000.00\u00a0₽', 'Normal rate', 0.05, 500, 'Payable', '', '5 % of amount 10,000.00\u00a0₽', 'd1'],
      ['gone', 'd2', 'New-client rate', 0.1, 300, 'Pending', '2026-06-01', 'raised', 'd2'],
      ['', '', 'Attraction bonus', '', 1000, 'Payable', '', 'new clients', ''],
    ]);
    const ru = statementSheet(answer, new Map(), messagesFor('ru'), 'ru');
    expect(ru.header.at(-1)).toBe('ID сделки');
    expect(ru.rows[0]![1]).toBe('2026-03-05 · 10\u00a0000,00\u00a0₽');
    expect(ru.rows[0]![7]).toBe('5 % of amount 10\u00a0000,00\u00a0₽');
  });

  it('shows deals awaiting confirmation apart, neither payable nor pending, with their total, and says why a deal paid nothing', () => {
    const line = (id: string, status: StatementLine['status'], amount: number, note: string): StatementLine => ({
      id,
      kind: 'normal',
      clientId: 'c1',
      dealId: id,
      rate: amount === 0 ? null : 0.05,
      amount,
      status,
      dueDate: status === 'awaiting-confirmation' ? '2026-06-01' : null,
      note,
    });
    const statement = {
      month: '2026-03',
      managerId: 'anna',
      closed: false,
      totals: { payable: 50000, pending: 0, cancelled: 0, awaiting: 37550 },
      lines: [
        line('d1', 'payable', 50000, '5% of 10 000.00'),
        line('d2', 'awaiting-confirmation', 25000, 'awaiting confirmation'),
        line('d3', 'awaiting-confirmation', 12550, 'awaiting confirmation'),
        line('d4', 'not-paid', 0, 'rejected: duplicate of d1'),
      ],
    };
    const en = statementSheet({ statement, deals: [] }, new Map([['c1', 'Romashka LLC']]), messagesFor('en'), 'en');
    expect(en.totals).toEqual([
      ['Payable', 500],
      ['Pending', 0],
      ['Cancelled', 0],
      ['Awaiting confirmation', 375.5],
    ]);
    expect(en.rows.slice(1)).toEqual([
      ['Romashka LLC', 'd2', 'Normal rate', 0.05, 250, 'Awaiting confirmation (not payable yet)', '', 'awaiting confirmation', 'd2'],
      ['Romashka LLC', 'd3', 'Normal rate', 0.05, 125.5, 'Awaiting confirmation (not payable yet)', '', 'awaiting confirmation', 'd3'],
      ['Romashka LLC', 'd4', 'Normal rate', '', 0, 'Not paid', '', 'rejected: duplicate of d1', 'd4'],
    ]);
    const ru = statementSheet({ statement, deals: [] }, new Map(), messagesFor('ru'), 'ru');
    expect(ru.totals[3]).toEqual(['Ждёт подтверждения', 375.5]);
    expect(ru.rows.map((r) => r[5])).toEqual([
      'К выплате',
      'Ждёт подтверждения (пока не к выплате)',
      'Ждёт подтверждения (пока не к выплате)',
      'Не оплачивается',
    ]);
  });

  it('offers last month by default, across a year end', () => {
    expect(previousMonth('2026-03-15')).toBe('2026-02');
    expect(previousMonth('2026-01-01')).toBe('2025-12');
  });
});
