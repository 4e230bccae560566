// Deals of record in words, in English and Russian (`ru` typed by `en`): a deal's review status on
// the card, what blocks a holder's pay (card and My clients), and the head of sales' "Deals to
// confirm" sheet. `messages.ts` carries the first part as `m.deals`, `admin-messages.ts` the sheet's
// as `m.admin.deals`.
import type { DealReviewStatus, NextDeal } from '../../../functions/src/api/contract.ts';
import { formatRoubles } from '../money.ts';
import { capitalise, enCount, ruCount, ruNumber } from '../wording.ts';

export type PayBlock = 'add-tax-number' | 'lost';

/** A rate as a percentage: 0.075 → "7.5 %" (en) or "7,5 %" (ru). */
const percent = (rate: number, comma: boolean) => `${String(+(rate * 100).toFixed(4)).replace('.', comma ? ',' : '.')}\u00a0%`;
/** The day a held raised part is due, from `pending-until YYYY-MM-DD`. */
const dueDay = (d: NextDeal) => d.raisedPart.slice('pending-until '.length);
export type DealReviewCounts = { confirmed: number; rejected: number; conflicts: number; invalid: number };

const en = {
  deals: {
    statuses: {
      unconfirmed: 'awaiting confirmation',
      confirmed: 'confirmed',
      rejected: 'rejected',
    } satisfies Record<DealReviewStatus, string>,
    rejectedWith: (reason: string) => `rejected: ${reason}`,
    cardTitle: 'Deals',
    noDeals: 'No deals yet.',
    cardLine: (amount: string, profit: string) => `${amount}, profit ${profit}`,
    payBlocks: {
      'add-tax-number': 'Add the INN to be paid for this client',
      lost: 'This client is lost: ask the head of sales to reinstate it before recording deals, contacts or consents',
    } satisfies Record<PayBlock, string>,
    /** The same, short, for a cell of My clients. */
    payBlocksShort: {
      'add-tax-number': 'Add the INN to be paid',
      lost: 'Lost: ask the head of sales to reinstate it',
    } satisfies Record<PayBlock, string>,
    awaiting: (n: number) => `${enCount(n, 'deal', 'deals')} awaiting confirmation`,
    column: 'Pay',
    columnNote:
      'What stands between you and pay for this client, and how many of your deals on it await the head of ' +
      "sales' confirmation (filled in by clientbase).",
    next: {
      column: 'Next deal earns',
      columnNote:
        'What your next deal on this client would earn under the rules in force: the rate, the part above normal ' +
        'held until the retention gate if the client stays, and the attraction bonus (filled in by clientbase).',
      percent: (rate: number) => percent(rate, false),
      earns: (d: NextDeal) =>
        `${percent(d.rate, false)}` +
        `${d.raisedPart.startsWith('pending') ? ` (${percent(d.rate - d.normalRate, false)} after ${dueDay(d)} if kept)` : ''}` +
        `${d.attraction > 0 ? ` + ${formatRoubles(d.attraction, 'en')} attraction` : ''}`,
    },
  },
};

export type DealsWords = typeof en;

const ru: DealsWords = {
  deals: {
    statuses: { unconfirmed: 'ждёт подтверждения', confirmed: 'подтверждена', rejected: 'отклонена' },
    rejectedWith: (reason: string) => `отклонена: ${reason}`,
    cardTitle: 'Сделки',
    noDeals: 'Сделок пока нет.',
    cardLine: (amount: string, profit: string) => `${amount}, прибыль ${profit}`,
    payBlocks: {
      'add-tax-number': 'Добавьте ИНН, чтобы получать бонус за этого клиента',
      lost: 'Клиент потерян: попросите руководителя отдела вернуть его, прежде чем записывать сделки, контакты или ' + 'согласия',
    },
    payBlocksShort: {
      'add-tax-number': 'Добавьте ИНН для бонуса',
      lost: 'Потерян: попросите руководителя вернуть',
    },
    awaiting: (n: number) => `${ruCount(n, 'сделка ждёт', 'сделки ждут', 'сделок ждут')} подтверждения`,
    column: 'Оплата',
    columnNote:
      'Что мешает вам получать бонус за этого клиента и сколько ваших сделок с ним ждут подтверждения ' +
      'руководителя отдела (заполняет clientbase).',
    next: {
      column: 'Следующая сделка даст',
      columnNote:
        'Что принесёт ваша следующая сделка с этим клиентом по действующим правилам: ставка, часть сверх обычной, ' +
        'которая ждёт порога удержания, если клиент останется, и бонус за привлечение (заполняет clientbase).',
      percent: (rate: number) => percent(rate, true),
      earns: (d: NextDeal) =>
        `${percent(d.rate, true)}` +
        `${d.raisedPart.startsWith('pending') ? ` (${percent(d.rate - d.normalRate, true)} после ${dueDay(d)}, если останется)` : ''}` +
        `${d.attraction > 0 ? ` + ${formatRoubles(d.attraction, 'ru')} за привлечение` : ''}`,
    },
  },
};

export const dealsWords = { en, ru };

const enAdmin = {
  deals: {
    menu: { load: 'Deals to confirm: load', send: 'Deals to confirm: send decisions' },
    sheet: 'Deals to confirm',
    columns: {
      client: 'Client',
      manager: 'Manager',
      date: 'Date',
      amount: 'Amount',
      profit: 'Profit',
      recordedAt: 'Recorded',
      decision: 'Decision',
      reason: 'Reason',
      dealId: 'Deal id',
      version: 'Version',
    },
    notes: {
      decision: 'Confirm to count the deal for pay, or Reject with a reason; then choose Deals to confirm: send decisions.',
      reason: 'Why the deal is rejected: the manager reads it on the card and on the statement.',
    },
    decisions: { confirm: 'Confirm', reject: 'Reject' },
    reasonRequired: 'a rejection needs a reason',
    notFromBase: 'This row is not a deal from the base; it is ignored.',
    noSheet: 'There is no Deals to confirm sheet yet: choose Deals to confirm: load first.',
    layoutBroken: "The Deals to confirm sheet is missing some of clientbase's columns. Choose Deals to confirm: load to put them back.",
    nothingMarked: 'No row has a decision yet: choose Confirm or Reject in the Decision column, then send.',
    loaded: (total: number, kept: number) =>
      `${total === 0 ? 'No deal awaits confirmation' : `${enCount(total, 'deal awaits', 'deals await')} confirmation`}` +
      `${kept > 0 ? `; ${enCount(kept, 'decision', 'decisions')} you had typed kept` : ''}.`,
    reviewedNote: (status: string, by: string | null) =>
      `Reviewed meanwhile${by ? ` by ${by}` : ''}: ${status}.\n` +
      'Your decision was not sent. Load the sheet again to see the deals still awaiting confirmation.',
    changedNote: (by: string | null) =>
      `This deal changed meanwhile${by ? ` (by ${by})` : ''}: the row now shows it as it is.\n` +
      'Your decision was not sent: check the deal, then send again.',
    invalidNote: (message: string) => `Not sent: ${message}`,
    sent: (c: DealReviewCounts) => {
      const parts: string[] = [];
      if (c.confirmed > 0) parts.push(`${enCount(c.confirmed, 'deal', 'deals')} confirmed`);
      if (c.rejected > 0) parts.push(`${enCount(c.rejected, 'deal', 'deals')} rejected`);
      if (c.conflicts > 0) parts.push(`${enCount(c.conflicts, 'conflict', 'conflicts')} (tinted orange: read the note)`);
      if (c.invalid > 0) parts.push(`${enCount(c.invalid, 'row has', 'rows have')} errors (tinted red: the note says what to fix)`);
      return parts.length > 0 ? `${capitalise(parts.join('; '))}.` : 'Nothing was sent.';
    },
  },
};

export type DealsAdminWords = typeof enAdmin;

const ruAdmin: DealsAdminWords = {
  deals: {
    menu: { load: 'Сделки на подтверждение: загрузить', send: 'Сделки на подтверждение: отправить решения' },
    sheet: 'Сделки на подтверждение',
    columns: {
      client: 'Клиент',
      manager: 'Менеджер',
      date: 'Дата',
      amount: 'Сумма',
      profit: 'Прибыль',
      recordedAt: 'Записана',
      decision: 'Решение',
      reason: 'Причина',
      dealId: 'ID сделки',
      version: 'Версия',
    },
    notes: {
      decision:
        '«Подтвердить» — сделка идёт в расчёт бонуса; «Отклонить» — с причиной в соседнем столбце. Затем «Сделки на ' +
        'подтверждение: отправить решения».',
      reason: 'Почему сделка отклонена: менеджер увидит это в карточке и в расчёте бонуса.',
    },
    decisions: { confirm: 'Подтвердить', reject: 'Отклонить' },
    reasonRequired: 'для отклонения нужна причина',
    notFromBase: 'Эта строка — не сделка из базы; она пропущена.',
    noSheet: 'Листа «Сделки на подтверждение» ещё нет: сначала выберите «Сделки на подтверждение: загрузить».',
    layoutBroken:
      'На листе «Сделки на подтверждение» не хватает столбцов clientbase. Выберите «Сделки на подтверждение: ' +
      'загрузить», чтобы вернуть их.',
    nothingMarked: 'Ни в одной строке нет решения: выберите «Подтвердить» или «Отклонить» в столбце «Решение» и отправьте.',
    loaded: (total: number, kept: number) =>
      `${total === 0 ? 'Сделок на подтверждение нет' : `На подтверждение: ${ruCount(total, 'сделка', 'сделки', 'сделок')}`}` +
      `${kept > 0 ? `; введённых решений оставлено: ${ruNumber(kept)}` : ''}.`,
    reviewedNote: (status: string, by: string | null) =>
      `Тем временем рассмотрена${by ? ` (${by})` : ''}: ${status}.\n` +
      'Ваше решение не отправлено. Загрузите лист снова, чтобы увидеть сделки, которые ещё ждут подтверждения.',
    changedNote: (by: string | null) =>
      `Сделка тем временем изменилась${by ? ` (${by})` : ''}: строка показывает её как есть.\n` +
      'Ваше решение не отправлено: проверьте сделку и отправьте снова.',
    invalidNote: (message: string) => `Не отправлено: ${message}`,
    sent: (c: DealReviewCounts) => {
      const parts: string[] = [];
      if (c.confirmed > 0) parts.push(`подтверждено: ${ruCount(c.confirmed, 'сделка', 'сделки', 'сделок')}`);
      if (c.rejected > 0) parts.push(`отклонено: ${ruCount(c.rejected, 'сделка', 'сделки', 'сделок')}`);
      if (c.conflicts > 0) parts.push(`конфликтов: ${ruNumber(c.conflicts)} (оранжевые: прочтите примечание)`);
      if (c.invalid > 0)
        parts.push(`с ошибками: ${ruCount(c.invalid, 'строка', 'строки', 'строк')} (красные: в примечании сказано, что исправить)`);
      return parts.length > 0 ? `${capitalise(parts.join('; '))}.` : 'Ничего не отправлено.';
    },
  },
};

export const dealsAdminWords = { en: enAdmin, ru: ruAdmin };
