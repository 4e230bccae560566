// A manager's bonus words: statement lines and the My bonus sheet, in English and Russian (`ru`
// typed by `en`); `messages.ts` gathers them into one `Messages`.
import type { LineStatus } from '../../../functions/src/core/bonus/types.ts';
import { enCount, ruCount } from '../wording.ts';

const en = {
  lineKinds: {
    normal: 'Normal rate',
    raised: 'New-client rate',
    'raised-release': 'New-client rate released',
    'raised-cancel': 'New-client rate cancelled',
    attraction: 'Attraction bonus',
    cohort: 'Cohort retention bonus',
    adjustment: 'Adjustment',
  },
  lineStatuses: {
    payable: 'Payable',
    pending: 'Pending',
    released: 'Released',
    cancelled: 'Cancelled',
    'awaiting-confirmation': 'Awaiting confirmation (not payable yet)',
    'not-paid': 'Not paid',
  } satisfies Record<LineStatus, string>,

  bonus: {
    prompt: (offered: string) => `Which month? Type it as YYYY-MM, or leave it empty for ${offered}.`,
    promptTitle: 'My bonus',
    badMonth: (text: string) => `"${text}" is not a month: type it as YYYY-MM, for example 2026-03.`,
    noStatement: (month: string) =>
      `There is no bonus statement for ${month} yet. Statements are computed on the 1st of the following month.`,
    heading: (month: string, closed: boolean) => `Bonus statement for ${month}${closed ? ' (closed)' : ' (open: may still change)'}`,
    totals: { payable: 'Payable', pending: 'Pending', cancelled: 'Cancelled', awaiting: 'Awaiting confirmation' },
    columns: {
      client: 'Client',
      deal: 'Deal',
      rule: 'Rule',
      rate: 'Rate',
      amount: 'Amount',
      status: 'Status',
      pendingUntil: 'Pending until',
      note: 'Why',
      dealId: 'Deal id',
    },
    shown: (month: string, lines: number) => `Bonus for ${month}: ${enCount(lines, 'line', 'lines')}.`,
  },
};

export type BonusWords = typeof en;

const ru: BonusWords = {
  lineKinds: {
    normal: 'Обычная ставка',
    raised: 'Ставка за нового клиента',
    'raised-release': 'Выплата повышенной ставки',
    'raised-cancel': 'Отмена повышенной ставки',
    attraction: 'Бонус за привлечение',
    cohort: 'Бонус за удержание когорты',
    adjustment: 'Корректировка',
  },
  lineStatuses: {
    payable: 'К выплате',
    pending: 'Ожидает',
    released: 'Выплачено',
    cancelled: 'Отменено',
    'awaiting-confirmation': 'Ждёт подтверждения (пока не к выплате)',
    'not-paid': 'Не оплачивается',
  },

  bonus: {
    prompt: (offered: string) => `За какой месяц? Введите в виде ГГГГ-ММ или оставьте пустым для ${offered}.`,
    promptTitle: 'Мой бонус',
    badMonth: (text: string) => `«${text}» — не месяц: введите в виде ГГГГ-ММ, например 2026-03.`,
    noStatement: (month: string) => `Расчёта бонуса за ${month} ещё нет. Бонусы считаются 1-го числа следующего месяца.`,
    heading: (month: string, closed: boolean) =>
      `Расчёт бонуса за ${month}${closed ? ' (месяц закрыт)' : ' (месяц открыт: может измениться)'}`,
    totals: { payable: 'К выплате', pending: 'Ожидает', cancelled: 'Отменено', awaiting: 'Ждёт подтверждения' },
    columns: {
      client: 'Клиент',
      deal: 'Сделка',
      rule: 'Правило',
      rate: 'Ставка',
      amount: 'Сумма',
      status: 'Статус',
      pendingUntil: 'Ожидает до',
      note: 'Пояснение',
      dealId: 'ID сделки',
    },
    shown: (month: string, lines: number) => `Бонус за ${month}: ${ruCount(lines, 'строка', 'строки', 'строк')}.`,
  },
};

export const bonusWords = { en, ru };
